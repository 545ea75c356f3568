/**
 * Benchmark of the reserve report (not part of the gas suite):
 *   npx hardhat run scripts/bench-report.ts
 * starts a `hardhat node` on a free loopback port, deploys the system there with the deployment code,
 * builds a history of 10,000 blocks with 500 reserve, mint and burn events (attestors sign offline and a
 * relayer submits; the minter mints; the custodians burn through the Safe; `hardhat_mine` skips blocks
 * cheaply between events), then times the report over JSON-RPC: a first run with no cache (target
 * ≤ 10 s) and a rerun after 100 more blocks (target ≤ 2 s). Exit code 1 when a target is missed.
 * BENCH_EVENTS overrides the number of events (default 500); BENCH_KEEP=1 keeps the temporary folder
 * (records and reports/localhost/) and prints its path.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { keccak256, toUtf8Bytes } from "ethers";
import { SOM_RESERVES } from "../src/chain/constants";
import { signReport, submitSignedReport } from "../src/attestation";
import { loadDeployConfig } from "../src/deploy/config";
import { readRecords } from "../src/chain/records";
import { deploySystem } from "../src/deploy/system";
import { localAccountWallet } from "../src/chain/localKeys";
import { writeReserveReport } from "../src/report/run";
import { proposeSignExecute } from "../src/custody/flow";
import { SomStablecoin__factory } from "../typechain-types";

const PROJECT = path.join(__dirname, "..");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const BLOCKS = 10_000;
const FIRST_TARGET_S = 10;
const RERUN_TARGET_S = 2;

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Outer run: start a node, run this script against it as `--network localhost`, stop the node. */
async function outer(): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const cli = require.resolve("hardhat/internal/cli/cli");
  const node = spawn(process.execPath, [cli, "node", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: PROJECT, stdio: "ignore" });
  try {
    for (let i = 0; ; i++) {
      try {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
        if (res.ok) break;
      } catch {
        // not up yet
      }
      if (i > 480) throw new Error("hardhat node did not start within 120 s");
      await new Promise((r) => setTimeout(r, 250));
    }
    const res = spawnSync(process.execPath, [cli, "run", "--network", "localhost", "scripts/bench-report.ts"], {
      cwd: PROJECT,
      env: { ...process.env, LOCALHOST_RPC_URL: url },
      stdio: "inherit",
    });
    process.exitCode = res.status ?? 1;
  } finally {
    node.kill("SIGTERM");
  }
}

async function inner(): Promise<void> {
  const provider = hre.ethers.provider;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-bench-report-"));
  const config = loadDeployConfig(PROJECT, "localhost");
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
  const gap = Math.max(1, Math.floor(BLOCKS / EVENTS) - 1); // blocks skipped after each event's own block
  const interval = Math.max(1, Math.floor((19 * 1800) / gap)); // ~9.5 h between events: reports stay fresh for the next mint
  const skip = async (): Promise<void> => {
    await provider.send("hardhat_mine", [`0x${gap.toString(16)}`, `0x${interval.toString(16)}`]);
  };
  const latestTime = async (): Promise<bigint> => BigInt((await provider.getBlock("latest"))?.timestamp ?? 0);
  let reserves = 1_000_000_00n;
  for (let i = 0; i < EVENTS; i++) {
    const kind = i % 3;
    if (kind === 0) {
      reserves += 1_000_00n;
      const r = { chainId: 31337n, registry, report: { subject: SOM_RESERVES, value: reserves, asOf: (await latestTime()) - 10n, docHash: keccak256(toUtf8Bytes(`statement ${i}`)), uri: `https://reserve.example.kg/statements/${i}.pdf` } };
      await submitSignedReport(r, [await signReport(r, localAccountWallet(4)), await signReport(r, localAccountWallet(5))], signers[11]);
    } else if (kind === 1) {
      await (await coin.mint(1_000_00n)).wait();
    } else {
      await proposeSignExecute({ provider, executor: signers[0], safe, records, calls: [{ action: "burn", contract: "SomStablecoin", args: ["400.00", `REDEEM-${i}`] }], custodians });
    }
    await skip();
  }
  const built = await provider.getBlockNumber();
  console.log(`history: ${EVENTS} events over blocks ${start}-${built} (${built - start} blocks), built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const outDir = path.join(root, "reports", "localhost");
  let t = Date.now();
  const first = await writeReserveReport({ provider, network: "localhost", root, configRoot: PROJECT, outDir });
  const firstS = (Date.now() - t) / 1000;
  console.log(
    `first report (no cache): ${firstS.toFixed(2)} s (target ≤ ${FIRST_TARGET_S} s): blocks ${first.report.history.scan.fromBlock}-${first.report.asOf.blockNumber}, ` +
      `${first.report.history.scan.logs} events, ${first.report.history.reserveReports.length} reserve reports, ${first.report.history.scan.rpcCalls} scan RPC calls`,
  );
  await provider.send("hardhat_mine", ["0x64", "0xc"]);
  t = Date.now();
  const rerun = await writeReserveReport({ provider, network: "localhost", root, configRoot: PROJECT, outDir });
  const rerunS = (Date.now() - t) / 1000;
  console.log(`rerun after 100 more blocks: ${rerunS.toFixed(2)} s (target ≤ ${RERUN_TARGET_S} s): ${rerun.report.history.scan.blocksScanned} blocks read, ${rerun.report.history.scan.rpcCalls} scan RPC calls`);
  if (rerun.report.warnings.some((w) => /does not add up/.test(w))) throw new Error(rerun.report.warnings.join("; "));
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
  if (firstS > FIRST_TARGET_S || rerunS > RERUN_TARGET_S) {
    console.error("a target was missed");
    process.exitCode = 1;
  }
}

(hre.network.name === "localhost" ? inner() : outer()).catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 2;
});
