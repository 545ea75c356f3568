/**
 * Recording: the deployment record (deployments/<network>/<name>.json, src/chain/records.ts) of every contract
 * a step creates or finds, with its compiler, compiler input, receipt, ERC-20 metadata and the git commit.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getAddress } from "ethers";
import type { ContractRecord, ImplementationEntry } from "../chain/records";
import { readRecord, recordReceipt, writeRecord, writeSolcInput } from "../chain/records";
import type { RecordInput } from "../chain/plan";
import { readTokenMetadata } from "../custody/trusted";
import type { SystemState } from "./state";

const commits = new Map<string, string>();

/**
 * The commit the deployment runs from ("-dirty" with uncommitted changes; "unknown" outside git), read once per
 * process and folder: the code a process deploys is the code it loaded. (Two `git` processes per deployment run cost
 * a large process, such as a test worker that deploys hundreds of times, about 0.2 s each: 18 of the 56 s of the
 * resume test.)
 */
export function gitCommit(root: string): string {
  let commit = commits.get(root);
  if (commit === undefined) commits.set(root, (commit = readGitCommit(root)));
  return commit;
}

function readGitCommit(root: string): string {
  try {
    const sha = execSync("git rev-parse HEAD", { cwd: root, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    const dirty = execSync("git status --porcelain --untracked-files=no", {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return "unknown";
  }
}

interface Compilation {
  compiler: string;
  solcInputHash?: string;
}

/** What a record keeps of a build-info file: its id, solc long version and compiler input (not its large output). */
interface BuildInfoSummary {
  id: string;
  solcLongVersion: string;
  input: unknown;
}

/**
 * Build-info files read so far, by path, size and modification time: one is tens of megabytes (the whole compiler
 * output), and every contract of a compilation shares it, so a deployment parses it once instead of once per record
 * (measured: about 1 s of a local deploy's 11 s went to parsing the same file a dozen times).
 */
const buildInfos = new Map<string, Promise<BuildInfoSummary | undefined>>();

async function buildInfoSummary(
  s: SystemState,
  artifact: { sourceName: string; contractName: string },
): Promise<BuildInfoSummary | undefined> {
  const fqn = `${artifact.sourceName}:${artifact.contractName}`;
  // Hardhat 2's layout: artifacts/<source>/<Contract>.dbg.json names its build-info file, relative to itself
  const dbg = path.join(s.hre.config.paths.artifacts, artifact.sourceName, `${artifact.contractName}.dbg.json`);
  if (!fs.existsSync(dbg)) return undefined;
  const file = path.resolve(
    path.dirname(dbg),
    (JSON.parse(fs.readFileSync(dbg, "utf8")) as { buildInfo: string }).buildInfo,
  );
  if (!fs.existsSync(file)) return undefined;
  const stat = fs.statSync(file);
  const key = `${file}\0${stat.size}\0${stat.mtimeMs}`;
  let summary = buildInfos.get(key);
  if (!summary) {
    summary = s.hre.artifacts
      .getBuildInfo(fqn)
      .then((info) => (info ? { id: info.id, solcLongVersion: info.solcLongVersion, input: info.input } : undefined));
    buildInfos.set(key, summary);
  }
  return summary;
}

/**
 * solc long version and the compiler input's hash (written to solcInputs/) of a project contract, or a canonical label.
 */
async function compilation(s: SystemState, from: RecordInput["compiledFrom"]): Promise<Compilation> {
  if (typeof from !== "string") return { compiler: from.canonical };
  const artifact = await s.hre.artifacts.readArtifact(from);
  const info = await buildInfoSummary(s, artifact);
  if (!info) return { compiler: s.hre.config.solidity.compilers[0]?.version ?? "unknown" };
  writeSolcInput(s.root, s.network, info.id, info.input);
  return { compiler: info.solcLongVersion, solcInputHash: info.id };
}

const jsonSafe = (args: readonly unknown[]): unknown[] =>
  JSON.parse(JSON.stringify(args, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as unknown[];

/** Writes (or keeps, when it already describes this address) the record of a created contract. */
export async function saveRecord(s: SystemState, r: RecordInput): Promise<void> {
  const existing = readRecord(s.root, s.network, r.name);
  if (existing && existing.address.toLowerCase() === r.created.address.toLowerCase()) {
    s.records[r.name] = existing;
    return;
  }
  const receipt = r.created.transactionHash.startsWith("0x")
    ? await s.hre.ethers.provider.getTransactionReceipt(r.created.transactionHash)
    : null;
  const { compiler, solcInputHash } = await compilation(s, r.compiledFrom);
  const history: ImplementationEntry[] | undefined = r.proxy
    ? [
        {
          implementation: r.proxy.implementation,
          contract: r.implementationContract ?? r.contract,
          sinceBlock: r.created.blockNumber,
        },
      ]
    : undefined;
  const record: ContractRecord = {
    name: r.name,
    contract: r.contract,
    address: getAddress(r.created.address),
    abi: r.abi,
    transactionHash: r.created.transactionHash,
    blockNumber: r.created.blockNumber,
    ...(receipt ? { receipt: recordReceipt(receipt) } : {}),
    args: jsonSafe(r.args),
    ...(r.proxy && r.proxy.kind !== "beacon" ? { implementation: r.proxy.implementation } : {}),
    ...(solcInputHash ? { solcInputHash } : {}),
    numDeployments: 1,
    ...(r.proxy ? { proxy: r.proxy, implementationHistory: history } : {}),
    // ERC-20 metadata read from chain: what an offline signer renders amounts with (docs/custodian.md).
    ...(await readTokenMetadata(s.hre.ethers.provider, r.abi, r.created.address).then((token) =>
      token ? { token } : {},
    )),
    ...(r.safe ? { safe: r.safe } : {}),
    compiler,
    gitCommit: s.commit,
    chainId: s.chainId,
    deployedAt: new Date().toISOString(),
  };
  writeRecord(s.root, s.network, record);
  s.records[r.name] = record;
}
