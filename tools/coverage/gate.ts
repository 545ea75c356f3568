import type { Printer } from "../command";
import { COVERAGE_THRESHOLDS, checkCoverage } from "./thresholds";
import type { CoverageThresholds } from "./thresholds";

/** Prints the gate's verdict on an istanbul json-summary file; resolves to 1 when a metric is below its gate. */
export async function coverageGate(
  summaryFile: string,
  out: Printer,
  thresholds: CoverageThresholds = COVERAGE_THRESHOLDS,
): Promise<number> {
  const failures = checkCoverage(summaryFile, thresholds);
  if (failures.length > 0) {
    for (const f of failures) out.error(f);
    return 1;
  }
  const { lines, functions, branches } = thresholds;
  out.log(`Coverage gate passed (lines >= ${lines}%, functions >= ${functions}%, branches >= ${branches}%).`);
  return 0;
}
