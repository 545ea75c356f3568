/**
 * Benchmark of the reserve report (not part of the gas suite), `npx hardhat run scripts/bench-report.ts`:
 * starts a `hardhat node` on a free loopback port, deploys the system there with the deployment code,
 * builds a history of 10,000 blocks with `events` reserve, mint and burn events (attestors sign offline and a
 * relayer submits; the minter mints; the custodians burn through the Safe; `hardhat_mine` skips blocks
 * cheaply between events), then times the report over JSON-RPC: a first run with no cache (target
 * ≤ 10 s) and a rerun after 100 more blocks (target ≤ 2 s). Exit code 1 when a target is missed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { keccak256, toUtf8Bytes } from "ethers";
import { SOM_RESERVES } from "../../src/chain/constants";
import { signReport, submitSignedReport } from "../../src/attestation";
import { loadDeployConfig } from "../../src/deploy/config";
import { readRecords } from "../../src/chain/records";
import { deploySystem } from "../../src/deploy/system";
import { localAccountWallet } from "../../src/chain/localKeys";
import { writeReserveReport } from "../../src/report/run";
import { proposeSignExecute } from "../../src/custody/flow";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import type { Printer } from "../command";
import { onLocalNode } from "./node";
import type { BenchRun } from "./node";

export interface ReportBenchOptions extends BenchRun {
  /** Reserve, mint and burn events in the history (default 500). */
  events: number;
}

const BLOCKS = 10_000;
const FIRST_TARGET_S = 10;
const RERUN_TARGET_S = 2;

/** Deploys into `root` and builds the history of `events` events over ~10,000 blocks. */
async function buildHistory(hre: HardhatRuntimeEnvironment, root: string, options: ReportBenchOptions, out: Printer) {
  const provider = hre.ethers.provider;
  const config = loadDeployConfig(options.project, "localhost");
  const t0 = Date.now();
  await deploySystem({ hre, config, root, log: () => undefined });
  const records = readRecords(root, "localhost");
  const at = (name: string): string => {
    const r = records.find((x) => x.name === name);
    if (!r) throw new Error(`no record ${name}`);
    return r.address;
  };
  const signers = await hre.ethers.getSigners();
  const coin = SomStablecoin__factory.connect(at("SomStablecoin"), signers[7]);
  const registry = at("AttestationRegistry");
  const safe = at("ReserveSafe");
  const custodians = [localAccountWallet(1), localAccountWallet(2)];
  const start = await provider.getBlockNumber();
  const gap = Math.max(1, Math.floor(BLOCKS / options.events) - 1); // blocks skipped after each event's own block
  // ~9.5 h between events: reports stay fresh for the next mint
  const interval = Math.max(1, Math.floor((19 * 1800) / gap));
  const skip = async (): Promise<void> => {
    await provider.send("hardhat_mine", [`0x${gap.toString(16)}`, `0x${interval.toString(16)}`]);
  };
  const latestTime = async (): Promise<bigint> => BigInt((await provider.getBlock("latest"))?.timestamp ?? 0);
  const attestors = [localAccountWallet(4), localAccountWallet(5)];
  let reserves = 1_000_000_00n;
  for (let i = 0; i < options.events; i++) {
    const kind = i % 3;
    if (kind === 0) {
      reserves += 1_000_00n;
      const asOf = (await latestTime()) - 10n;
      const docHash = keccak256(toUtf8Bytes(`statement ${i}`));
      const uri = `https://reserve.example.kg/statements/${i}.pdf`;
      const r = { chainId: 31337n, registry, report: { subject: SOM_RESERVES, value: reserves, asOf, docHash, uri } };
      await submitSignedReport(r, [await signReport(r, attestors[0]), await signReport(r, attestors[1])], signers[11]);
    } else if (kind === 1) {
      await (await coin.mint(1_000_00n)).wait();
    } else {
      const calls = [{ action: "burn", contract: "SomStablecoin", args: ["400.00", `REDEEM-${i}`] }];
      await proposeSignExecute({ provider, executor: signers[0], safe, records, calls, custodians });
    }
    await skip();
  }
  const built = await provider.getBlockNumber();
  const took = ((Date.now() - t0) / 1000).toFixed(1);
  out.log(
    `history: ${options.events} events over blocks ${start}-${built} (${built - start} blocks), built in ${took} s`,
  );
}

/** Inner run (on `--network localhost`): build the history, time the report twice. */
async function inner(hre: HardhatRuntimeEnvironment, options: ReportBenchOptions, out: Printer): Promise<number> {
  const provider = hre.ethers.provider;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-bench-report-"));
  await buildHistory(hre, root, options, out);
  const report = { provider, network: "localhost", root, configRoot: options.project };
  const outDir = path.join(root, "reports", "localhost");
  let t = Date.now();
  const first = await writeReserveReport({ ...report, outDir });
  const firstS = (Date.now() - t) / 1000;
  const { scan, reserveReports } = first.report.history;
  out.log(
    `first report (no cache): ${firstS.toFixed(2)} s (target ≤ ${FIRST_TARGET_S} s): ` +
      `blocks ${scan.fromBlock}-${first.report.asOf.blockNumber}, ${scan.logs} events, ` +
      `${reserveReports.length} reserve reports, ${scan.rpcCalls} scan RPC calls`,
  );
  await provider.send("hardhat_mine", ["0x64", "0xc"]);
  t = Date.now();
  const rerun = await writeReserveReport({ ...report, outDir });
  const rerunS = (Date.now() - t) / 1000;
  const again = rerun.report.history.scan;
  out.log(
    `rerun after 100 more blocks: ${rerunS.toFixed(2)} s (target ≤ ${RERUN_TARGET_S} s): ` +
      `${again.blocksScanned} blocks read, ${again.rpcCalls} scan RPC calls`,
  );
  if (rerun.report.warnings.some((w) => /does not add up/.test(w))) throw new Error(rerun.report.warnings.join("; "));
  if (options.keep) out.log(`kept ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
  if (firstS > FIRST_TARGET_S || rerunS > RERUN_TARGET_S) {
    out.error("a target was missed");
    return 1;
  }
  return 0;
}

/** On `localhost`: the measurement; elsewhere: starts a node and runs the script against it. */
export function benchReport(
  hre: HardhatRuntimeEnvironment,
  options: ReportBenchOptions,
  out: Printer,
): Promise<number> {
  return onLocalNode(hre, options, (h) => inner(h, options, out));
}
