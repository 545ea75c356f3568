/**
 * Fails (exit 1) when production-contract coverage (coverage/coverage-summary.json, written by
 * `npm run coverage`) is below the gate in tools/coverage/thresholds.ts.
 */
import path from "node:path";
import { runCommand } from "../tools/command";
import { coverageGate } from "../tools/coverage";

const summaryFile = path.join(__dirname, "..", "coverage", "coverage-summary.json");

runCommand(coverageGate(summaryFile, console), { code: 1 });
