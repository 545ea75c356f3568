/**
 * Benchmark of the watcher's catch-up (not part of the gas suite):
 *   npx hardhat run scripts/bench-watch.ts
 * starts a `hardhat node` on a free loopback port, deploys the system there, builds a history of 10,000 blocks with
 * BENCH_EVENTS system actions (default 1,000: mints, freezes, announcements, transfers out of the reserve Safe), then
 * times `watch --once` from the deployment's first block (target ≤ 10 s). Exit code 1 when the target is missed.
 * BENCH_KEEP=1 keeps the temporary folder. The benchmark lives in tools/bench/watch.ts.
 */
import hre from "hardhat";
import path from "node:path";
import { benchWatch, watchBenchOptions } from "../tools/bench";
import { runCommand } from "../tools/command";

runCommand(benchWatch(hre, watchBenchOptions(path.join(__dirname, ".."), process.env), console));
