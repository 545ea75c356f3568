/**
 * `npm run audit`: lint; then the tests (the invariant tests among them, with a printed fast-check seed) and
 * coverage side by side; then the gas check. Each step's exit code, duration and key figures in one table; exit 1
 * if any failed; the last row is the committed full mutation run's score (docs/mutation.md, not run again: it takes
 * about an hour). Coverage runs in a copy of the working tree (../tree.ts: it regenerates typechain-types/ from
 * instrumented contracts, which a test run in the same folder must not see) and on one core (solidity-coverage
 * runs mocha serially), so beside the tests, which yield it the CPU, it uses the machine's idle capacity. Its output
 * goes to coverage/audit-coverage.log; its reports are copied back to coverage/. Parsing and formatting: ./summary.ts.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Printer } from "../command";
import * as s from "./summary";
import { copyWorkingTree } from "../tree";
import { describeCommittedRun } from "../mutation";

export interface AuditOptions {
  /** The project root: every step runs there (coverage in a copy of it). */
  root: string;
  /** fast-check seed for the invariant tests. */
  seed: string;
}

interface RunResult {
  code: number;
  output: string;
  ms: number;
}

/** Where a step's output goes: the terminal (tee) or a log file. */
type Sink = { tee: true } | { file: string };

function run(cwd: string, command: string, env: NodeJS.ProcessEnv, sink: Sink, niceness = 0): Promise<RunResult> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, shell: true, env: { ...process.env, ...env } });
    // Set at once, before the command forks its own workers (they inherit it); best effort.
    if (niceness !== 0 && child.pid !== undefined)
      try {
        os.setPriority(child.pid, niceness);
      } catch {
        /* not permitted here: the step runs at normal priority */
      }
    const log = "file" in sink ? fs.openSync(sink.file, "w") : undefined;
    let output = "";
    const tee = (chunk: Buffer, to: NodeJS.WriteStream): void => {
      output += chunk.toString();
      if (log === undefined) to.write(chunk);
      else fs.writeSync(log, chunk);
    };
    child.stdout.on("data", (c: Buffer) => tee(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => tee(c, process.stderr));
    child.on("close", (code) => {
      if (log !== undefined) fs.closeSync(log);
      resolve({ code: code ?? 1, output, ms: Date.now() - start });
    });
  });
}

/** Runs every step, prints the summary table, resolves to the audit's exit code. */
export async function runAudit({ root, seed }: AuditOptions, out: Printer): Promise<number> {
  const results: s.StepResult[] = [];
  const step = async (
    name: string,
    command: string,
    figures: (output: string, start: number) => string,
    o: { env?: NodeJS.ProcessEnv; cwd?: string; sink?: Sink; niceness?: number } = {},
  ): Promise<s.StepResult> => {
    const start = Date.now();
    out.log(`\n$ ${command}${o.cwd ? ` (in ${o.cwd})` : ""}`);
    const r = await run(o.cwd ?? root, command, o.env ?? {}, o.sink ?? { tee: true }, o.niceness);
    return { name, exitCode: r.code, durationMs: r.ms, figures: figures(r.output, start) };
  };
  const mocha = (output: string): string => s.describeMocha(s.parseMochaSummary(output));

  results.push(await step("lint", "npm run lint", () => "solhint, typechain, tsc, depcruise, prettier, eslint"));

  const rerun = `FC_SEED=${seed} npx hardhat test test/invariants/*.ts`;
  out.log(`\nTests with FC_SEED=${seed} for the invariant tests (rerun them alone: ${rerun})`);
  // The tests yield the CPU to coverage, a single process: at equal priority coverage finished last, alone on one
  // core of two for its last minutes (11 min 39 s; the tests 9 min 44 s); yielding, the tests finish last on both
  // cores (measured: coverage 7 min 51 s, tests 11 min 55 s, 1.87 of 2 cores busy over the audit).
  const tests = step("tests", "npm test", (output) => `${mocha(output)}; invariants with FC_SEED=${seed}`, {
    env: { FC_SEED: seed },
    niceness: 10,
  });
  const copy = copyWorkingTree(root);
  const coverageLog = path.join(copy.dir, "audit-coverage.log");
  out.log(`\nCoverage runs beside the tests in a copy of the working tree (${copy.dir}); output after the tests`);
  const coverage = step(
    "coverage",
    "npm run coverage",
    (output, start) => {
      const summary = path.join(copy.dir, "coverage", "coverage-summary.json");
      const fresh = fs.existsSync(summary) && fs.statSync(summary).mtimeMs >= start;
      const totals = fresh
        ? s.describeCoverage(s.parseCoverageSummary(fs.readFileSync(summary, "utf8")))
        : "no fresh coverage-summary.json";
      return `${mocha(output)}; ${totals}`;
    },
    { cwd: copy.dir, sink: { file: coverageLog } },
  );
  results.push(await tests);
  results.push(await coverage);
  try {
    for (const name of ["coverage", "coverage.json"]) {
      fs.rmSync(path.join(root, name), { recursive: true, force: true });
      if (fs.existsSync(path.join(copy.dir, name)))
        fs.cpSync(path.join(copy.dir, name), path.join(root, name), { recursive: true });
    }
    fs.mkdirSync(path.join(root, "coverage"), { recursive: true });
    fs.copyFileSync(coverageLog, path.join(root, "coverage", "audit-coverage.log"));
    out.log(`\n$ npm run coverage (in the copy): its output\n${fs.readFileSync(coverageLog, "utf8")}`);
  } finally {
    copy.remove();
  }

  results.push(await step("gas:check", "npm run gas:check", (output) => s.describeGasCheck(s.parseGasCheck(output))));
  // The full mutation run takes about an hour: the audit reports the committed one (docs/mutation.md), not a new run.
  results.push({ name: "mutation (committed)", exitCode: 0, durationMs: 0, figures: describeCommittedRun(root) });
  out.log(`\n${s.formatSummaryTable(results)}`);
  return s.auditExitCode(results);
}
