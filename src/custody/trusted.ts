/**
 * The signer's trusted view: everything a custodian is shown is derived from the SafeTx fields the
 * signature covers and from the custodian's OWN deployment records (deployments/<network>/), never from
 * the context, summary, description, labels, owners or threshold carried in a proposal file.
 *
 * Records carry what rendering needs: `token` {name, symbol, decimals} on ERC-20 records and on the records of
 * contracts that mint or hold one token (the supply controller: its amounts are in that token's units), `safe`
 * {owners with labels, threshold} on the reserve Safe's record, `chainId` on every record, and
 * `preparedImplementation` {contractName, runtimeCodeHash, storageLayout} on implementations prepared by `upgrade`.
 */
import { interfaceOf } from "../chain/interfaces";
import path from "node:path";
import { Contract, ZeroAddress, getAddress } from "ethers";
import type { Provider } from "ethers";
import { UserError, withTimeout } from "../chain";
import type { ContractRecord, RecordSafe, RecordToken } from "../chain/records";
import { readRecords } from "../chain/records";
import type { ContextRecord, ProposalContext } from "./context";

/** Name of the reserve Safe's record. */
export const RESERVE_SAFE_RECORD = "ReserveSafe";

export class RecordsError extends UserError {}

export interface TrustedOwner {
  address: string;
  label: string;
}

/** What the custodian's own records say: the only source of names, units, owners and threshold. */
export interface TrustedView {
  chainId: number;
  /** The reserve Safe (record `ReserveSafe`). */
  safe: string;
  owners: TrustedOwner[];
  threshold: number;
  /** Every record, as decoding context (ABI, token metadata). */
  context: ProposalContext;
  records: readonly ContractRecord[];
}

/**
 * Reads `deployments/<network>` given as a folder path (e.g. "deployments/localhost"); the folder must
 * hold records. Relative paths resolve against the current directory.
 */
export function readRecordsFolder(folder: string): ContractRecord[] {
  const abs = path.resolve(folder);
  const records = readRecords(path.dirname(path.dirname(abs)), path.basename(abs));
  if (records.length === 0)
    throw new RecordsError(`no deployment records in ${folder} (expected deployments/<network>/*.json)`);
  return records;
}

export function contextRecord(r: ContractRecord): ContextRecord {
  const out: ContextRecord = {
    name: r.name,
    contract: r.contract,
    address: getAddress(r.address),
    abi: r.abi as ContextRecord["abi"],
  };
  if (r.token) out.token = { decimals: r.token.decimals, symbol: r.token.symbol };
  return out;
}

/**
 * Builds the trusted view from the custodian's records. Throws when the records lack the reserve Safe,
 * its owners/threshold, or disagree on the chain id.
 */
export function trustedView(records: readonly ContractRecord[], safeRecord = RESERVE_SAFE_RECORD): TrustedView {
  const safe = records.find((r) => r.name === safeRecord);
  if (!safe)
    throw new RecordsError(`your records have no "${safeRecord}" record: cannot tell which Safe is the reserve`);
  if (
    !safe.safe ||
    safe.safe.owners.length === 0 ||
    !Number.isInteger(safe.safe.threshold) ||
    safe.safe.threshold < 1
  ) {
    throw new RecordsError(
      `record ${safeRecord} carries no owners/threshold: ` +
        `run \`npm run safe:status\` once against the chain to record them`,
    );
  }
  const chainIds = new Set(records.map((r) => r.chainId));
  if (chainIds.size !== 1) throw new RecordsError(`your records mix chain ids ${[...chainIds].join(", ")}`);
  const owners = safe.safe.owners.map((o) => ({ address: getAddress(o.address), label: o.label }));
  return {
    chainId: safe.chainId,
    safe: getAddress(safe.address),
    owners,
    threshold: safe.safe.threshold,
    context: {
      records: records.map(contextRecord),
      owners: owners.map((o) => o.address),
      threshold: safe.safe.threshold,
      ownerLabels: owners.map((o) => o.label),
    },
    records,
  };
}

/** The label of an owner in the records ("owner #2 (custodian-treasury)"), if `address` is one. */
export function ownerLabel(view: Pick<TrustedView, "owners">, address: string): string | undefined {
  const a = getAddress(address);
  return view.owners.find((o) => o.address === a)?.label;
}

const ERC20_META = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
];

/**
 * The token whose units a record's amounts are in, read from chain; undefined for a contract that neither is
 * nor mints/holds a token:
 * - an ERC-20 (its ABI has name/symbol/decimals/transfer): its own metadata;
 * - a contract that mints or holds one token (its ABI has `token()` returning an address and no `decimals`, e.g.
 *   SomSupplyController's allowances and rate limits, RedemptionDesk's escrow): the metadata of the token it names.
 * Deploy, propose, status and the fixtures all complete records through this one function.
 */
export async function readTokenMetadata(
  provider: Provider,
  abi: readonly unknown[],
  address: string,
): Promise<RecordToken | undefined> {
  const iface = interfaceOf(abi as never);
  if (
    iface.getFunction("decimals") &&
    iface.getFunction("symbol") &&
    iface.getFunction("name") &&
    iface.getFunction("transfer")
  ) {
    return readErc20Metadata(provider, address);
  }
  const tokenGetter = iface.getFunction("token");
  if (
    !iface.getFunction("decimals") &&
    tokenGetter &&
    tokenGetter.inputs.length === 0 &&
    tokenGetter.outputs.length === 1 &&
    tokenGetter.outputs[0].type === "address"
  ) {
    const holder = new Contract(address, ["function token() view returns (address)"], provider);
    const token = String(
      await withTimeout(holder.getFunction("token").staticCall() as Promise<string>, `token() of ${address}`),
    );
    return token === ZeroAddress ? undefined : readErc20Metadata(provider, token);
  }
  return undefined;
}

/** name, symbol and decimals of the ERC-20 at `address` (every call bounded by a timeout). */
async function readErc20Metadata(provider: Provider, address: string): Promise<RecordToken> {
  const c = new Contract(address, ERC20_META, provider);
  const [name, symbol, decimals] = await Promise.all([
    withTimeout(c.getFunction("name").staticCall() as Promise<string>, `name() of ${address}`),
    withTimeout(c.getFunction("symbol").staticCall() as Promise<string>, `symbol() of ${address}`),
    withTimeout(c.getFunction("decimals").staticCall() as Promise<bigint>, `decimals() of ${address}`),
  ]);
  return { name: String(name), symbol: String(symbol), decimals: Number(decimals) };
}

/** Owners labelled from the deploy config's references ("owner #1", or "owner #1 (@account:2)" for a named ref). */
export function labelOwners(owners: readonly string[], refs?: readonly string[]): RecordSafe["owners"] {
  return owners.map((o, i) => {
    const ref = refs?.[i];
    const named = ref !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(ref) ? ` (${ref})` : "";
    return { address: getAddress(o), label: `owner #${i + 1}${named}` };
  });
}

/** Reads owners and threshold of a Safe from chain (every call bounded by a timeout). */
export async function readSafeOwners(
  provider: Provider,
  safe: string,
): Promise<{ owners: string[]; threshold: number }> {
  const c = new Contract(
    safe,
    ["function getOwners() view returns (address[])", "function getThreshold() view returns (uint256)"],
    provider,
  );
  const owners = (
    await withTimeout(c.getFunction("getOwners").staticCall() as Promise<string[]>, `getOwners() of Safe ${safe}`)
  ).map((o) => getAddress(o));
  const threshold = Number(
    await withTimeout(c.getFunction("getThreshold").staticCall() as Promise<bigint>, `getThreshold() of Safe ${safe}`),
  );
  return { owners, threshold };
}

/**
 * Merges on-chain owners/threshold into a Safe record's `safe` field, keeping known labels; returns the
 * new field and human-readable differences ("+ 0x… added", "- 0x… removed", "threshold 2 -> 3").
 */
export function refreshSafeField(
  previous: RecordSafe | undefined,
  onChain: { owners: string[]; threshold: number },
): { safe: RecordSafe; changes: string[] } {
  const prev = previous?.owners ?? [];
  const changes: string[] = [];
  const owners = onChain.owners.map((a, i) => {
    const known = prev.find((p) => getAddress(p.address) === a);
    if (!known) changes.push(`+ owner ${a} (on chain, not in your records)`);
    return { address: a, label: known?.label ?? `owner #${i + 1} (added on chain)` };
  });
  for (const p of prev)
    if (!onChain.owners.includes(getAddress(p.address)))
      changes.push(`- owner ${getAddress(p.address)} ${p.label} (in your records, no longer an owner on chain)`);
  if (previous && previous.threshold !== onChain.threshold)
    changes.push(`threshold ${previous.threshold} -> ${onChain.threshold}`);
  if (!previous)
    changes.push(`owners and threshold ${onChain.threshold} of ${onChain.owners.length} recorded for the first time`);
  return { safe: { owners, threshold: onChain.threshold }, changes };
}

/**
 * Records as the chain completes them: `token` read for ERC-20 (and token minter/holder) records that lack it,
 * `safe` (owners and threshold) for the Safe record that lacks it. For commands that have a chain (propose, status,
 * the deployment job); offline signers only read what is recorded.
 */
export async function completeRecords(
  provider: Provider,
  records: readonly ContractRecord[],
  safeAddress: string,
): Promise<ContractRecord[]> {
  const out: ContractRecord[] = [];
  for (const r of records) {
    let rec = r;
    if (!rec.token) {
      const token = await readTokenMetadata(provider, rec.abi, rec.address);
      if (token) rec = { ...rec, token };
    }
    if (!rec.safe && getAddress(rec.address) === getAddress(safeAddress)) {
      const { owners, threshold } = await readSafeOwners(provider, safeAddress);
      rec = { ...rec, safe: { owners: labelOwners(owners), threshold } };
    }
    out.push(rec);
  }
  return out;
}
