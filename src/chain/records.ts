/**
 * Deployment records: `deployments/<network name>/<RecordName>.json`, one file per deployed
 * contract, written the way hardhat-deploy 0.14 writes them so that any Hardhat tool reads them
 * (hardhat-deploy's loader, `hardhat export`, verification plugins, front-ends):
 *   - `deployments/<network>/.chainId` (the loader refuses a folder without it);
 *   - per contract `address`, `abi`, `transactionHash`, `receipt`, `args`, `numDeployments`,
 *     `solcInputHash` (with `solcInputs/<hash>.json`) where the project compiled it, and a
 *     top-level `implementation` for proxies — plus our own fields (name, contract, proxy, history,
 *     compiler, git commit, chain id);
 *   - files the loader must not take for deployments live where it never looks: names starting
 *     with "." (`.som/journal.json`, `.som/handover-proposal.json`);
 *   - an Ignition-style `ignition/deployments/<network>/deployed_addresses.json` beside.
 * `hardhat` and `localhost` are different folders although both are chain 31337.
 */
import fs from "node:fs";
import path from "node:path";
import { getAddress } from "ethers";
import type { Provider, TransactionReceipt } from "ethers";
import { readJsonFile, z } from "./schema";
import { UserError } from "./errors";

/**
 * uups: ERC-1967 UUPS proxy; beacon: an UpgradeableBeacon; beacon-proxy: a BeaconProxy (asset
 * tokens); safe-proxy: a Safe proxy whose implementation is the Safe singleton.
 */
export type ProxyKind = "uups" | "beacon" | "beacon-proxy" | "safe-proxy";

export interface ProxyInfo {
  kind: ProxyKind;
  /** Implementation behind the proxy (for a beacon proxy: the beacon's implementation; for a beacon: its own). */
  implementation: string;
  /** The beacon, for beacon proxies. */
  beacon?: string;
}

/** One implementation a proxy or beacon pointed at, oldest first. */
export interface ImplementationEntry {
  implementation: string;
  /** Artifact the implementation was built from (e.g. "SomStablecoin", "AssetToken"). */
  contract: string;
  /** Block from which the proxy pointed at it (0 when unknown). */
  sinceBlock: number;
}

/** The receipt fields hardhat-deploy keeps (numbers as numbers, gas as decimal strings). */
export interface RecordReceipt {
  from: string;
  to: string | null;
  contractAddress: string | null;
  transactionIndex: number;
  gasUsed: string;
  blockHash: string;
  transactionHash: string;
  blockNumber: number;
  cumulativeGasUsed: string;
  status: number;
}

export interface ContractRecord {
  /** Record name, unique per network (e.g. "SomStablecoin", "ReserveSafe", "Asset-BLDG42"). */
  name: string;
  /** Artifact (contract) name the ABI comes from (e.g. "SomStablecoin", "Safe"). */
  contract: string;
  address: string;
  abi: readonly unknown[];
  /** Transaction that created the contract (for proxies: the proxy's creation). */
  transactionHash: string;
  blockNumber: number;
  /** The creation receipt (hardhat-deploy's `receipt`). */
  receipt?: RecordReceipt;
  /** Constructor arguments, or initializer arguments for proxies; JSON-safe (bigints as decimal strings). */
  args: readonly unknown[];
  /** hardhat-deploy: the implementation of a proxy, at top level. */
  implementation?: string;
  /** hardhat-deploy: hash naming solcInputs/<hash>.json (the compiler input), when the project compiled it. */
  solcInputHash?: string;
  /** hardhat-deploy: how many times this name was deployed on this network. */
  numDeployments?: number;
  proxy?: ProxyInfo;
  /** Every implementation the proxy pointed at, oldest first (proxies and beacons). */
  implementationHistory?: ImplementationEntry[];
  /** An upgrade prepared by `npm run upgrade`, not yet executed by the Safe (ABI of the new implementation). */
  pendingUpgrade?: { implementation: string; contract: string; abi: readonly unknown[]; proposal: string };
  /** solc long version, or "canonical artifact" for contracts taken as shipped (Safe). */
  compiler: string;
  gitCommit: string;
  chainId: number;
  deployedAt: string;
  /** ERC-20 metadata read from chain at deploy time: what an offline signer renders amounts with. */
  token?: RecordToken;
  /** For a Safe record: its owners (labelled from the deploy config) and threshold (refreshed by `safe:status`). */
  safe?: RecordSafe;
  /** For an implementation prepared by `upgrade`: what custodians are shown when a proposal points a proxy at it. */
  preparedImplementation?: RecordImplementation;
  /**
   * For the CounterpartyRegistry record: its licensed counterparties as read from chain by the custodian's own
   * `safe:status` run (or the main job); what offline `sign` names a stablecoin recipient with.
   */
  counterparties?: RecordCounterparties;
  /**
   * For the SomStablecoin record: the sanctions lists its holder last applied or recorded (`npm run sanctions:screen
   * -- --apply | --record`, from list files the holder chose); what offline `sign` marks SANCTIONS-LISTED with.
   */
  sanctions?: RecordSanctions;
}

/** The sanctions lists a records holder applied (or recorded) last: every listed address with its entries. */
export interface RecordSanctions {
  /** The lists' combined sha256 (src/sanctions/reference.ts). */
  listHash: string;
  /** Their names ("OFAC SDN + KG national list") and date (YYYY-MM-DD). */
  lists: string;
  date: string;
  /** Each list file: its name, sha256 and number of entries. */
  files: { file: string; name: string; hash: string; entries: number }[];
  /** "applied" (transactions sent or proposals written) or "recorded" (screened, nothing sent). */
  how: "applied" | "recorded";
  /** Block the lists were screened at, and when (ISO time). */
  block: number;
  at: string;
  /** Listed address (checksummed) -> "<list>:<entry id>" labels. */
  entries: Record<string, string[]>;
}

/** One licensed counterparty as the custodian's records keep it. */
export interface RecordCounterparty {
  address: string;
  name: string;
  /** "Exchange", "Exchanger" or "Bank". */
  category: string;
  licenceNumber: string;
  /** Unix seconds. */
  licenceExpiry: number;
  /** "Active", "Suspended" or "Revoked". */
  status: string;
  /** `isEligible` at the snapshot's block. */
  eligible: boolean;
}

/** A snapshot of the CounterpartyRegistry: every counterparty ever licensed, at one block. */
export interface RecordCounterparties {
  block: number;
  /** Block time of the snapshot (unix seconds). */
  checkedAt: number;
  entries: RecordCounterparty[];
}

export interface RecordToken {
  name: string;
  symbol: string;
  decimals: number;
}

export interface RecordSafe {
  owners: { address: string; label: string }[];
  threshold: number;
}

export interface RecordImplementation {
  /** Contract name of the implementation (artifact). */
  contractName: string;
  /** keccak256 of the deployed runtime code. */
  runtimeCodeHash: string;
  /** The storage-layout check's verdict, e.g. "compatible with 0x… (validated by @openzeppelin/hardhat-upgrades)". */
  storageLayout: string;
}

/** What the project needs of a record file; other fields (hardhat-deploy's, future ones) pass through. */
const recordSchema = z.looseObject({
  name: z.string(),
  contract: z.string(),
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x address"),
  abi: z.array(z.unknown()),
  transactionHash: z.string(),
  blockNumber: z.number().int(),
  args: z.array(z.unknown()),
  compiler: z.string(),
  gitCommit: z.string(),
  chainId: z.number().int(),
  deployedAt: z.string(),
});

/** The receipt fields a record keeps. */
export function recordReceipt(r: TransactionReceipt): RecordReceipt {
  return {
    from: r.from,
    to: r.to,
    contractAddress: r.contractAddress,
    transactionIndex: r.index,
    gasUsed: r.gasUsed.toString(),
    blockHash: r.blockHash,
    transactionHash: r.hash,
    blockNumber: r.blockNumber,
    cumulativeGasUsed: r.cumulativeGasUsed.toString(),
    status: r.status ?? 0,
  };
}

/**
 * The folder that holds `deployments/`: `SOM_DEPLOYMENTS_ROOT` when set (tests and throwaway runs
 * keep their records out of the checkout), else `projectRoot`.
 */
export function recordsRoot(projectRoot: string): string {
  const fromEnv = process.env.SOM_DEPLOYMENTS_ROOT;
  return fromEnv && fromEnv.trim() !== "" ? path.resolve(fromEnv) : projectRoot;
}

export function deploymentsDir(root: string, network: string): string {
  return path.join(root, "deployments", network);
}

export function writeRecord(root: string, network: string, record: ContractRecord): string {
  const dir = deploymentsDir(root, network);
  fs.mkdirSync(dir, { recursive: true });
  writeChainId(root, network, record.chainId);
  const file = path.join(dir, `${recordFileName(record.name)}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify(record, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
  );
  return file;
}

/**
 * deployments/<network>/ belongs to another chain than the one the command talks to (wrong network, or a restarted
 * local node).
 */
export class ChainIdMismatchError extends UserError {}

/** deployments/<network>/.chainId, as hardhat-deploy requires (refuses a folder of another chain). */
export function writeChainId(root: string, network: string, chainId: number): void {
  const dir = deploymentsDir(root, network);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ".chainId");
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8").trim() !== String(chainId)) {
    throw new ChainIdMismatchError(`${file} says chain ${fs.readFileSync(file, "utf8").trim()}, not ${chainId}`);
  }
  fs.writeFileSync(file, String(chainId));
}

/** deployments/<network>/solcInputs/<hash>.json: the compiler input, as hardhat-deploy keeps it. */
export function writeSolcInput(root: string, network: string, hash: string, input: unknown): void {
  const dir = path.join(deploymentsDir(root, network), "solcInputs");
  const file = path.join(dir, `${hash}.json`);
  if (fs.existsSync(file)) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(input));
}

/**
 * Ignition's layout: ignition/deployments/<deployment id = network>/deployed_addresses.json, "Module#Future" ->
 * address.
 */
export function deployedAddressesFile(root: string, network: string): string {
  return path.join(root, "ignition", "deployments", network, "deployed_addresses.json");
}

/** Module id of the Ignition-style address list. */
export const IGNITION_MODULE = "SomReserve";

/** Writes the Ignition-style address list of every record of `network`. */
export function writeDeployedAddresses(root: string, network: string): string {
  const file = deployedAddressesFile(root, network);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const list = Object.fromEntries(
    readRecords(root, network).map((r) => [
      `${IGNITION_MODULE}#${r.name.replace(/[^A-Za-z0-9_]/g, "_")}`,
      getAddress(r.address),
    ]),
  );
  fs.writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
  return file;
}

/** Record names may contain ':' (e.g. asset records); file names replace it. */
export function recordFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** The record files of a folder: top-level "*.json", never "_…" or "." files (journal, proposals) or subfolders. */
function recordFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".json") && !e.name.startsWith("_") && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

/** Reads every record of a network; an empty list when the network has none. */
export function readRecords(root: string, network: string): ContractRecord[] {
  const dir = deploymentsDir(root, network);
  if (!fs.existsSync(dir)) return [];
  return recordFiles(dir).map((f) => readJsonFile(path.join(dir, f), recordSchema) as unknown as ContractRecord);
}

export function readRecord(root: string, network: string, name: string): ContractRecord | undefined {
  const file = path.join(deploymentsDir(root, network), `${recordFileName(name)}.json`);
  return fs.existsSync(file) ? (readJsonFile(file, recordSchema) as unknown as ContractRecord) : undefined;
}

/** ERC-1967 implementation slot: keccak256("eip1967.proxy.implementation") - 1. */
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
const BEACON_IMPLEMENTATION = "0x5c60da1b"; // implementation()

/** The implementation a proxy or beacon points at now (undefined for other records). */
export async function currentImplementation(provider: Provider, record: ContractRecord): Promise<string | undefined> {
  const kind = record.proxy?.kind;
  if (kind === "uups")
    return getAddress(`0x${(await provider.getStorage(record.address, IMPLEMENTATION_SLOT)).slice(26)}`);
  const beacon = kind === "beacon" ? record.address : kind === "beacon-proxy" ? record.proxy?.beacon : undefined;
  if (!beacon) return undefined;
  const out = await provider.call({ to: beacon, data: BEACON_IMPLEMENTATION });
  return getAddress(`0x${out.slice(26)}`);
}

/**
 * Brings the records of `network` in line with the chain after upgrades executed by the Safe: for
 * every proxy or beacon (and the asset tokens behind a beacon) whose implementation changed, the
 * record gets the new `implementation`, the ABI of the prepared upgrade (`pendingUpgrade`, written
 * by `npm run upgrade`) and one more `implementationHistory` entry. Returns the names it updated.
 * Called by the deploy, upgrade and main-job commands, and before source verification.
 */
export async function syncRecordsWithChain(provider: Provider, root: string, network: string): Promise<string[]> {
  const records = readRecords(root, network);
  const byAddress = new Map(records.map((r) => [r.address.toLowerCase(), r]));
  const updated: string[] = [];
  const latest = await provider.getBlockNumber();
  for (const r of records) {
    const now = await currentImplementation(provider, r);
    if (!now || !r.proxy || now.toLowerCase() === r.proxy.implementation.toLowerCase()) continue;
    // A beacon proxy's upgrade was prepared on its beacon's record.
    const preparedOn =
      r.proxy.kind === "beacon-proxy" && r.proxy.beacon ? byAddress.get(r.proxy.beacon.toLowerCase()) : r;
    const prepared =
      preparedOn?.pendingUpgrade?.implementation.toLowerCase() === now.toLowerCase()
        ? preparedOn.pendingUpgrade
        : undefined;
    const contract = prepared?.contract ?? "unknown (not prepared by npm run upgrade)";
    const history = r.implementationHistory ?? [
      { implementation: r.proxy.implementation, contract: r.contract, sinceBlock: r.blockNumber },
    ];
    // A beacon keeps its own ABI; proxies take the new implementation's.
    const takesAbi = r.proxy.kind !== "beacon" && prepared !== undefined;
    const next: ContractRecord = {
      ...r,
      proxy: { ...r.proxy, implementation: now },
      ...(r.proxy.kind === "beacon" ? {} : { implementation: now }),
      implementationHistory: [...history, { implementation: now, contract, sinceBlock: latest }],
      ...(takesAbi && prepared ? { abi: prepared.abi, contract: prepared.contract } : {}),
    };
    delete next.pendingUpgrade;
    writeRecord(root, network, next);
    updated.push(r.name);
  }
  return updated;
}
