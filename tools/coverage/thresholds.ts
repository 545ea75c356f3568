/** Coverage gate on production contracts (istanbul json-summary written by solidity-coverage). */
import fs from "node:fs";

export interface CoverageThresholds {
  lines: number;
  functions: number;
  branches: number;
}

export const COVERAGE_THRESHOLDS: CoverageThresholds = { lines: 100, functions: 100, branches: 95 };

interface Metric {
  total: number;
  covered: number;
  pct: number | "Unknown";
}
type FileSummary = Record<"lines" | "functions" | "branches" | "statements", Metric>;

/** Returns one message per metric below its threshold; an empty list means the gate passes. */
export function checkCoverage(summaryFile: string, thresholds: CoverageThresholds = COVERAGE_THRESHOLDS): string[] {
  if (!fs.existsSync(summaryFile)) return [`${summaryFile} not found: run npm run coverage`];
  const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8")) as Record<string, FileSummary>;
  const total = summary.total;
  if (!total) return [`${summaryFile} has no "total" entry`];
  const failures: string[] = [];
  for (const metric of ["lines", "functions", "branches"] as const) {
    const m = total[metric];
    const pct = m.total === 0 ? 100 : (m.covered / m.total) * 100;
    if (pct < thresholds[metric]) {
      const weak = Object.entries(summary)
        .filter(([file, s]) => file !== "total" && s[metric].total > 0 && s[metric].covered < s[metric].total)
        .map(([file, s]) => `    ${file}: ${s[metric].covered}/${s[metric].total}`);
      failures.push(
        `${metric} coverage ${pct.toFixed(2)}% is below ${thresholds[metric]}% (${m.covered}/${m.total})`,
        ...weak,
      );
    }
  }
  return failures;
}
