/**
 * Pure parsing and formatting for `scripts/audit.ts`: reads the key figures out of each step's output
 * (mocha's summary lines, the istanbul json-summary written by solidity-coverage, the gas check's
 * regression lines) and renders one summary table. No I/O, no console output.
 */

/** Mocha's end-of-run counts ("N passing", "N failing", "N pending"). */
export interface MochaCounts {
  passing: number;
  failing: number;
  pending: number;
}

/** Coverage totals in percent (two decimals), from coverage/coverage-summary.json's `total`. */
export interface CoverageTotals {
  lines: number;
  statements: number;
  functions: number;
  branches: number;
}

/** What the gas check printed. */
export interface GasCheckFigures {
  /** `gas regression: …` and `gas snapshot: …` lines, in order. */
  regressions: string[];
  /** Operations checked, from "Gas check passed: N operations …"; undefined when not printed. */
  operations?: number;
}

/** One audit step as run. */
export interface StepResult {
  name: string;
  /** Exit code; null when the step was skipped. */
  exitCode: number | null;
  durationMs: number;
  /** Key figures in a few words ("312 passing, 0 failing"); a skip reason for skipped steps. */
  figures: string;
}

export class AuditParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditParseError";
  }
}

// ESC [ … m colour codes that mocha and hardhat print on a TTY.
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Removes terminal colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

function lastCount(text: string, word: string): number | undefined {
  const re = new RegExp(`^\\s*(\\d+) ${word}\\b`, "gm");
  let found: number | undefined;
  for (const m of text.matchAll(re)) found = Number(m[1]);
  return found;
}

/**
 * Mocha's summary counts; the last summary wins (a coverage run prints one at its end).
 * Undefined when the output has no "N passing" or "N failing" line (mocha never reached its summary).
 */
export function parseMochaSummary(output: string): MochaCounts | undefined {
  const text = stripAnsi(output);
  const passing = lastCount(text, "passing");
  const failing = lastCount(text, "failing");
  if (passing === undefined && failing === undefined) return undefined;
  return { passing: passing ?? 0, failing: failing ?? 0, pending: lastCount(text, "pending") ?? 0 };
}

interface IstanbulMetric {
  total: number;
  covered: number;
}

function pct(m: IstanbulMetric | undefined, name: string): number {
  if (!m || typeof m.total !== "number" || typeof m.covered !== "number") {
    throw new AuditParseError(`coverage summary: "total.${name}" is missing or malformed`);
  }
  return m.total === 0 ? 100 : Math.floor((m.covered / m.total) * 10_000) / 100;
}

/** Totals of an istanbul json-summary (the text of coverage/coverage-summary.json). */
export function parseCoverageSummary(json: string): CoverageTotals {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new AuditParseError(`coverage summary is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const total = (parsed as { total?: Record<string, IstanbulMetric> } | null)?.total;
  if (!total) throw new AuditParseError('coverage summary has no "total" entry');
  return {
    lines: pct(total.lines, "lines"),
    statements: pct(total.statements, "statements"),
    functions: pct(total.functions, "functions"),
    branches: pct(total.branches, "branches"),
  };
}

/** The regression lines and the operation count of `npm run gas:check`. */
export function parseGasCheck(output: string): GasCheckFigures {
  const text = stripAnsi(output);
  const regressions = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith("gas regression:") || l.startsWith("gas snapshot:"));
  const passed = /Gas check passed: (\d+) operations/.exec(text);
  return passed ? { regressions, operations: Number(passed[1]) } : { regressions };
}

/** Figures of a test step: "312 passing, 0 failing, 1 pending" or a note that no summary was found. */
export function describeMocha(c: MochaCounts | undefined): string {
  if (!c) return "no mocha summary in the output";
  return `${c.passing} passing, ${c.failing} failing${c.pending ? `, ${c.pending} pending` : ""}`;
}

/** Figures of the coverage step. */
export function describeCoverage(t: CoverageTotals): string {
  const f = (n: number): string => `${n.toFixed(2)}%`;
  return `lines ${f(t.lines)}, statements ${f(t.statements)}, functions ${f(t.functions)}, branches ${f(t.branches)}`;
}

/** Figures of the gas-check step. */
export function describeGasCheck(g: GasCheckFigures): string {
  if (g.regressions.length > 0) return `${g.regressions.length} regression(s): ${g.regressions.join("; ")}`;
  return g.operations === undefined ? "no regression line" : `${g.operations} operations, no regression`;
}

/** "850ms", "12.3s", "4m 05s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, "0")}s`;
}

/** "ok", "FAILED (exit 2)" or "skipped". */
export function stepStatus(r: StepResult): string {
  if (r.exitCode === null) return "skipped";
  return r.exitCode === 0 ? "ok" : `FAILED (exit ${r.exitCode})`;
}

/** The process exit code for the whole audit: 1 when any step failed, else 0 (skipped steps do not fail it). */
export function auditExitCode(results: readonly StepResult[]): number {
  return results.some((r) => r.exitCode !== null && r.exitCode !== 0) ? 1 : 0;
}

/** One plain-text table: step, status, duration, key figures; then a verdict line. */
export function formatSummaryTable(results: readonly StepResult[]): string {
  const header = ["step", "status", "time", "key figures"];
  const rows = results.map((r) => [r.name, stepStatus(r), formatDuration(r.durationMs), r.figures]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join(" | ")
      .trimEnd();
  const rule = widths.map((w, i) => "-".repeat(i === widths.length - 1 ? Math.max(w, 11) : w)).join("-|-");
  const failed = results.filter((r) => r.exitCode !== null && r.exitCode !== 0).map((r) => r.name);
  const verdict = failed.length === 0 ? "AUDIT PASSED" : `AUDIT FAILED: ${failed.join(", ")}`;
  return [line(header), rule, ...rows.map(line), "", verdict].join("\n");
}
