/**
 * `npm run audit`: lint, tests, invariant tests (with a printed fast-check seed), coverage and the gas
 * check, in order; each step's exit code, duration and key figures in one table; exit 1 if any failed.
 * Parsing and formatting live in tools/audit/summary.ts.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as s from "../tools/audit/summary";

const ROOT = path.join(__dirname, "..");
const COVERAGE = path.join(ROOT, "coverage", "coverage-summary.json");

function run(command: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string; ms: number }> {
  const start = Date.now();
  console.log(`\n$ ${command}`);
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: ROOT, shell: true, env: { ...process.env, ...env } });
    let output = "";
    const tee = (chunk: Buffer, to: NodeJS.WriteStream): void => void ((output += chunk.toString()), to.write(chunk));
    child.stdout.on("data", (c: Buffer) => tee(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => tee(c, process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, output, ms: Date.now() - start }));
  });
}

async function main(): Promise<void> {
  const results: s.StepResult[] = [];
  const step = async (name: string, command: string, figures: (out: string, start: number) => string, env = {}): Promise<void> => {
    const start = Date.now();
    const r = await run(command, env);
    results.push({ name, exitCode: r.code, durationMs: r.ms, figures: figures(r.output, start) });
  };
  const mocha = (out: string): string => s.describeMocha(s.parseMochaSummary(out));
  await step("lint", "npm run lint", () => "solhint, typechain, tsc");
  await step("tests", "npm test", mocha);
  const seed = process.env.FC_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
  if (fs.existsSync(path.join(ROOT, "test", "invariants"))) {
    console.log(`\nInvariant tests with FC_SEED=${seed} (rerun: FC_SEED=${seed} npx hardhat test test/invariants/*.ts)`);
    await step("invariants", "npx hardhat test test/invariants/*.ts", (out) => `${mocha(out)}; FC_SEED=${seed}`, { FC_SEED: seed });
  } else {
    results.push({ name: "invariants", exitCode: null, durationMs: 0, figures: "test/invariants/ does not exist yet" });
  }
  await step("coverage", "npm run coverage", (out, start) => {
    const fresh = fs.existsSync(COVERAGE) && fs.statSync(COVERAGE).mtimeMs >= start;
    return `${mocha(out)}; ${fresh ? s.describeCoverage(s.parseCoverageSummary(fs.readFileSync(COVERAGE, "utf8"))) : "no fresh coverage-summary.json"}`;
  });
  await step("gas:check", "npm run gas:check", (out) => s.describeGasCheck(s.parseGasCheck(out)));
  console.log(`\n${s.formatSummaryTable(results)}`);
  process.exitCode = s.auditExitCode(results);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 2;
});
