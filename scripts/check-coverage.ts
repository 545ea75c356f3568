/** Fails (exit 1) when production-contract coverage is below the gate in tools/coverage/thresholds.ts. */
import path from "node:path";
import { COVERAGE_THRESHOLDS, checkCoverage } from "../tools/coverage/thresholds";

const file = path.join(__dirname, "..", "coverage", "coverage-summary.json");
const failures = checkCoverage(file);
if (failures.length > 0) {
  for (const f of failures) console.error(f);
  process.exit(1);
}
console.log(
  `Coverage gate passed (lines >= ${COVERAGE_THRESHOLDS.lines}%, functions >= ${COVERAGE_THRESHOLDS.functions}%, branches >= ${COVERAGE_THRESHOLDS.branches}%).`,
);
