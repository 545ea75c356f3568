/**
 * Benchmark of the reserve report (not part of the gas suite):
 *   npx hardhat run scripts/bench-report.ts
 * starts a `hardhat node` on a free loopback port, deploys the system there, builds a history of 10,000 blocks
 * with BENCH_EVENTS reserve, mint and burn events (default 500), then times the report over JSON-RPC: a first
 * run with no cache (target ≤ 10 s) and a rerun after 100 more blocks (target ≤ 2 s). Exit code 1 when a
 * target is missed. BENCH_KEEP=1 keeps the temporary folder (records and reports/localhost/) and prints its
 * path. The benchmark lives in tools/bench/report.ts.
 */
import hre from "hardhat";
import path from "node:path";
import { benchReport } from "../tools/bench";
import { runCommand } from "../tools/command";

const options = {
  project: path.join(__dirname, ".."),
  script: "scripts/bench-report.ts",
  events: Number(process.env.BENCH_EVENTS ?? 500),
  keep: process.env.BENCH_KEEP === "1",
};

runCommand(benchReport(hre, options, console));
