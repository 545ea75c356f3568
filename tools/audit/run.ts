/**
 * `npm run audit`: lint, tests, invariant tests (with a printed fast-check seed), coverage and the gas
 * check, in order; each step's exit code, duration and key figures in one table; exit 1 if any failed.
 * Parsing and formatting live in ./summary.ts.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Printer } from "../command";
import * as s from "./summary";

export interface AuditOptions {
  /** The project root: every step runs there. */
  root: string;
  /** fast-check seed for the invariant tests. */
  seed: string;
}

interface RunResult {
  code: number;
  output: string;
  ms: number;
}

function run(root: string, command: string, env: NodeJS.ProcessEnv, out: Printer): Promise<RunResult> {
  const start = Date.now();
  out.log(`\n$ ${command}`);
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, shell: true, env: { ...process.env, ...env } });
    let output = "";
    const tee = (chunk: Buffer, to: NodeJS.WriteStream): void => void ((output += chunk.toString()), to.write(chunk));
    child.stdout.on("data", (c: Buffer) => tee(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => tee(c, process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, output, ms: Date.now() - start }));
  });
}

/** Runs every step, prints the summary table, resolves to the audit's exit code. */
export async function runAudit({ root, seed }: AuditOptions, out: Printer): Promise<number> {
  const coverageFile = path.join(root, "coverage", "coverage-summary.json");
  const results: s.StepResult[] = [];
  const step = async (
    name: string,
    command: string,
    figures: (output: string, start: number) => string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<void> => {
    const start = Date.now();
    const r = await run(root, command, env, out);
    results.push({ name, exitCode: r.code, durationMs: r.ms, figures: figures(r.output, start) });
  };
  const mocha = (output: string): string => s.describeMocha(s.parseMochaSummary(output));
  await step("lint", "npm run lint", () => "solhint, typechain, tsc, depcruise, prettier, eslint");
  await step("tests", "npm test", mocha);
  if (fs.existsSync(path.join(root, "test", "invariants"))) {
    const rerun = `FC_SEED=${seed} npx hardhat test test/invariants/*.ts`;
    out.log(`\nInvariant tests with FC_SEED=${seed} (rerun: ${rerun})`);
    const figures = (output: string): string => `${mocha(output)}; FC_SEED=${seed}`;
    await step("invariants", "npx hardhat test test/invariants/*.ts", figures, { FC_SEED: seed });
  } else {
    results.push({ name: "invariants", exitCode: null, durationMs: 0, figures: "test/invariants/ does not exist yet" });
  }
  await step("coverage", "npm run coverage", (output, start) => {
    const fresh = fs.existsSync(coverageFile) && fs.statSync(coverageFile).mtimeMs >= start;
    const totals = fresh
      ? s.describeCoverage(s.parseCoverageSummary(fs.readFileSync(coverageFile, "utf8")))
      : "no fresh coverage-summary.json";
    return `${mocha(output)}; ${totals}`;
  });
  await step("gas:check", "npm run gas:check", (output) => s.describeGasCheck(s.parseGasCheck(output)));
  out.log(`\n${s.formatSummaryTable(results)}`);
  return s.auditExitCode(results);
}
