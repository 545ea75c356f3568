/**
 * Licensed counterparties: typed calls to the CounterpartyRegistry (licence, renewal, capital,
 * suspension, reinstatement, revocation) and the one-line description the custodian summary shows.
 */
import { encodeBytes32String, getAddress, isHexString } from "ethers";
import type { Provider, TransactionReceipt } from "ethers";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import type { CounterpartyRegistry } from "../../typechain-types";
import { UserError } from "../chain/errors";
import { withTimeout } from "../chain/timeout";
import type { ContractRecord, RecordCounterparties } from "../chain/records";
import { describeLicence } from "./licence";
import { readRecords, writeRecord } from "../chain/records";
import { MARKET_RECORD } from "./constants";

import { COUNTERPARTY_CATEGORIES, COUNTERPARTY_STATUSES } from "./constants";
import type { CounterpartyCategory, CounterpartyStatus } from "./constants";

export { COUNTERPARTY_CATEGORIES, COUNTERPARTY_STATUSES };
export type { CounterpartyCategory, CounterpartyStatus };

export class MarketError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "MarketError";
  }
}

export interface LicenceInput {
  name: string;
  category: CounterpartyCategory;
  licenceNumber: string;
  /** Unix seconds. */
  licenceExpiry: bigint;
  /** Whole som. */
  declaredCapital: bigint;
  capitalDocHash: string;
}

/** A counterparty as the registry reports it: its licence, status and eligibility now. */
export interface CounterpartyInfo extends LicenceInput {
  address: string;
  status: CounterpartyStatus;
  eligible: boolean;
}

/** A decision reference as bytes32: 0x-hex of 32 bytes, or text of at most 31 bytes. */
export function referenceBytes32(ref: string): string {
  if (isHexString(ref, 32)) return ref;
  try {
    return encodeBytes32String(ref);
  } catch {
    throw new MarketError(`reference "${ref}" is longer than 31 bytes`);
  }
}

async function done(
  p: Promise<{ wait(): Promise<TransactionReceipt | null> }>,
  what: string,
): Promise<TransactionReceipt> {
  const receipt = await (await p).wait();
  if (!receipt || receipt.status !== 1) throw new MarketError(`${what} failed`);
  return receipt;
}

/** The contract's `Licence` struct for `l` (the category by its index). */
export function licenceArgs(l: LicenceInput): Parameters<CounterpartyRegistry["license"]>[1] {
  const category = COUNTERPARTY_CATEGORIES.indexOf(l.category);
  if (category < 0)
    throw new MarketError(`unknown category "${l.category}" (expected ${COUNTERPARTY_CATEGORIES.join(", ")})`);
  return {
    name: l.name,
    category,
    licenceNumber: l.licenceNumber,
    licenceExpiry: l.licenceExpiry,
    declaredCapital: l.declaredCapital,
    capitalDocHash: l.capitalDocHash,
  };
}

/** Licenses `account` (the registry's runner must hold REGULATOR_ROLE). */
export async function licenseCounterparty(
  registry: CounterpartyRegistry,
  account: string,
  l: LicenceInput,
): Promise<TransactionReceipt> {
  return done(registry.license(account, licenceArgs(l)), `licensing ${account}`);
}

/** Suspends `account` under decision `reason` (REGULATOR_ROLE). */
export async function suspendCounterparty(
  registry: CounterpartyRegistry,
  account: string,
  reason: string,
): Promise<TransactionReceipt> {
  return done(registry.suspend(account, referenceBytes32(reason)), `suspending ${account}`);
}

/** Reinstates `account` under decision `reason` (REGULATOR_ROLE). */
export async function reinstateCounterparty(
  registry: CounterpartyRegistry,
  account: string,
  reason: string,
): Promise<TransactionReceipt> {
  return done(registry.reinstate(account, referenceBytes32(reason)), `reinstating ${account}`);
}

/** Revokes the licence of `account` under decision `reason` (REGULATOR_ROLE). */
export async function revokeCounterparty(
  registry: CounterpartyRegistry,
  account: string,
  reason: string,
): Promise<TransactionReceipt> {
  return done(registry.revoke(account, referenceBytes32(reason)), `revoking ${account}`);
}

/**
 * Reads the registry's record of `account` (at `blockTag`, default latest), or undefined when it was never licensed.
 */
export async function readCounterparty(
  registry: CounterpartyRegistry,
  account: string,
  blockTag?: number,
): Promise<CounterpartyInfo | undefined> {
  const at = { blockTag: blockTag ?? "latest" };
  const [r, eligible] = await Promise.all([
    withTimeout(registry.counterparty(account, at), `counterparty(${account})`),
    withTimeout(registry.isEligible(account, at), `isEligible(${account})`),
  ]);
  const status = COUNTERPARTY_STATUSES[Number(r.status)];
  if (status === "None") return undefined;
  return {
    address: getAddress(account),
    name: r.name,
    category: COUNTERPARTY_CATEGORIES[Number(r.category)],
    licenceNumber: r.licenceNumber,
    licenceExpiry: r.licenceExpiry,
    declaredCapital: r.declaredCapital,
    capitalDocHash: r.capitalDocHash,
    status,
    eligible,
  };
}

/**
 * Every counterparty ever licensed, in licensing order (at `blockTag`, default latest; each call bounded by a timeout).
 */
export async function listCounterparties(
  registry: CounterpartyRegistry,
  blockTag?: number,
): Promise<CounterpartyInfo[]> {
  const at = { blockTag: blockTag ?? "latest" };
  const where = await registry.getAddress();
  const n = await withTimeout(registry.counterpartyCount(at), `counterpartyCount() of ${where}`);
  const out: CounterpartyInfo[] = [];
  for (let i = 0n; i < n; i++) {
    const info = await readCounterparty(
      registry,
      await withTimeout(registry.counterpartyAt(i, at), `counterpartyAt(${i}) of ${where}`),
      blockTag,
    );
    if (info) out.push(info);
  }
  return out;
}

/**
 * The line the custodian summary shows for a recipient: name, category and licence, or a warning
 * when the address is not an eligible counterparty. Read from the chain (the registry), never from
 * the proposal file.
 */
export function counterpartySummaryLine(info: CounterpartyInfo | undefined, address: string, now: bigint): string {
  if (!info) return `${address} is NOT a licensed counterparty (the distribution rule refuses stablecoin to it)`;
  return `${address} is ${describeLicence({ ...info, licenceExpiry: Number(info.licenceExpiry) }, Number(now))}`;
}

/** {@link counterpartySummaryLine} read from `registry` at the latest block. */
export async function describeCounterparty(registry: CounterpartyRegistry, address: string): Promise<string> {
  const info = await readCounterparty(registry, address);
  const block = await registry.runner?.provider?.getBlock("latest");
  return counterpartySummaryLine(info, address, BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000)));
}

/**
 * The registry's counterparties at the latest block, as the custodian's records keep them (every RPC call
 * bounded by a timeout).
 */
export async function snapshotCounterparties(
  provider: Provider,
  registryAddress: string,
): Promise<RecordCounterparties> {
  const block = await withTimeout(provider.getBlock("latest"), "latest block");
  if (!block) throw new MarketError("the node returned no latest block");
  const list = await listCounterparties(CounterpartyRegistry__factory.connect(registryAddress, provider), block.number);
  return {
    block: block.number,
    checkedAt: block.timestamp,
    entries: list.map((c) => ({
      address: c.address,
      name: c.name,
      category: c.category,
      licenceNumber: c.licenceNumber,
      licenceExpiry: Number(c.licenceExpiry),
      status: c.status,
      eligible: c.eligible,
    })),
  };
}

/**
 * Refreshes the counterparty snapshot on the CounterpartyRegistry record of `deployments/<network>` from
 * the chain (`safe:status`, the main job). Undefined when the records hold no CounterpartyRegistry.
 */
export async function recordCounterparties(
  provider: Provider,
  root: string,
  network: string,
): Promise<{ record: ContractRecord; snapshot: RecordCounterparties } | undefined> {
  const record = readRecords(root, network).find((r) => r.name === MARKET_RECORD.registry);
  if (!record) return undefined;
  const snapshot = await snapshotCounterparties(provider, record.address);
  const updated = { ...record, counterparties: snapshot };
  writeRecord(root, network, updated);
  return { record: updated, snapshot };
}
