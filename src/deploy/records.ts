/**
 * Deployment records: `deployments/<network name>/<RecordName>.json`, one file per deployed
 * contract, readable without Hardhat (plain JSON with the ABI). `hardhat` and `localhost` are
 * different folders although both are chain 31337.
 */
import fs from "node:fs";
import path from "node:path";

export type ProxyKind = "uups" | "beacon" | "beacon-proxy";

export interface ProxyInfo {
  kind: ProxyKind;
  /** Implementation behind the proxy (for a beacon proxy: the beacon's implementation). */
  implementation: string;
  /** The beacon, for beacon proxies. */
  beacon?: string;
}

export interface ContractRecord {
  /** Record name, unique per network (e.g. "SomStablecoin", "ReserveSafe", "Asset:BISHKEK-BLDG-1"). */
  name: string;
  /** Artifact (contract) name the ABI comes from (e.g. "SomStablecoin", "SafeL2"). */
  contract: string;
  address: string;
  abi: readonly unknown[];
  /** Transaction that created the contract (for proxies: the proxy's creation). */
  transactionHash: string;
  blockNumber: number;
  /** Constructor arguments, or initializer arguments for proxies; JSON-safe (bigints as decimal strings). */
  args: readonly unknown[];
  proxy?: ProxyInfo;
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
  implementation?: RecordImplementation;
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
  const file = path.join(dir, `${recordFileName(record.name)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(record, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);
  return file;
}

/** Record names may contain ':' (e.g. asset records); file names replace it. */
export function recordFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Reads every record of a network; an empty list when the network has none. */
export function readRecords(root: string, network: string): ContractRecord[] {
  const dir = deploymentsDir(root, network);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("_"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ContractRecord);
}

export function readRecord(root: string, network: string, name: string): ContractRecord | undefined {
  const file = path.join(deploymentsDir(root, network), `${recordFileName(name)}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as ContractRecord) : undefined;
}

/** Address (checksummed or not) -> record, for decoding transactions into contract names. */
export function recordsByAddress(records: readonly ContractRecord[]): Map<string, ContractRecord> {
  return new Map(records.map((r) => [r.address.toLowerCase(), r]));
}
