/**
 * Benchmark of sanctions screening (not part of the gas suite):
 *   npx hardhat run scripts/bench-sanctions.ts
 * starts a `hardhat node` on a free loopback port, deploys the system there, builds a history of 100,000 blocks with
 * BENCH_HOLDERS holders (default 200) and BENCH_FROZEN frozen addresses (default 50), then times the screening of a
 * list of 10,000 entries over JSON-RPC (target ≤ 10 s) and its rerun. Exit code 1 when the target is missed.
 * BENCH_KEEP=1 keeps the temporary folder. The benchmark lives in tools/bench/sanctions.ts.
 */
import hre from "hardhat";
import path from "node:path";
import { benchSanctions } from "../tools/bench";
import { runCommand } from "../tools/command";

const options = {
  project: path.join(__dirname, ".."),
  script: "scripts/bench-sanctions.ts",
  holders: Number(process.env.BENCH_HOLDERS ?? 200),
  frozen: Number(process.env.BENCH_FROZEN ?? 50),
  keep: process.env.BENCH_KEEP === "1",
};

runCommand(benchSanctions(hre, options, console));
