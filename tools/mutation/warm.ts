/**
 * A warm test process of a workspace, started by ./workspace.ts in the workspace with the preloads `hardhat run`
 * forks a script with (ts-node, hardhat/register): Hardhat, its plugins and the chain are loaded once; each job (a
 * JSON line on stdin: the test files) runs a fresh Mocha over them on the chain reverted to its state at start,
 * after test/ and src/ (fixtures) and the TypeChain factories the mutant changed (inlined bytecode) are dropped from
 * the module cache, so that the mutant's artifacts are read anew. The result is one JSON line on file descriptor 3:
 * the failures and the first one.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import hre from "hardhat";
import Mocha from "mocha";

export interface WarmJob {
  files: string[];
  /** Files changed since the last job (TypeChain factories with inlined bytecode): loaded afresh too. */
  reload: string[];
  /** Only the test of this full title (its hooks run as usual): the test that killed a mutant nearby. */
  only?: string;
}

/** A test by its file (relative to the root) and full title. */
export interface TestRef {
  file: string;
  title: string;
}

export interface WarmResult {
  failures: number;
  failed?: string;
  /** The first failing test, when it is a test (not a hook): it may kill the next mutants nearby alone. */
  test?: TestRef;
  /** How many tests ran (passed or failed). */
  tests: number;
  ms: number;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const ROOT = process.cwd();
const FRESH = ["test", "src"].map((d) => `${path.join(ROOT, d)}${path.sep}`);

async function runJob(job: WarmJob): Promise<WarmResult> {
  const start = Date.now();
  const reload = new Set(job.reload.map((f) => path.resolve(ROOT, f)));
  for (const key of Object.keys(require.cache))
    if (FRESH.some((d) => key.startsWith(d)) || reload.has(key)) delete require.cache[key];
  const mocha = new Mocha({ ...hre.config.mocha, bail: true, reporter: Mocha.reporters.Base });
  if (job.only !== undefined) mocha.grep(new RegExp(`^${escapeRegExp(job.only)}$`));
  for (const f of job.files) mocha.addFile(path.resolve(ROOT, f));
  let failed: string | undefined;
  let test: TestRef | undefined;
  let tests = 0;
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on("test end", () => tests++);
    runner.on("fail", (t: Mocha.Runnable, err: unknown) => {
      if (failed !== undefined) return;
      failed = `${t.fullTitle()}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
      if (t instanceof Mocha.Test && t.file !== undefined)
        test = { file: path.relative(ROOT, t.file), title: t.fullTitle() };
    });
  });
  mocha.dispose();
  return { failures, failed: failed?.slice(0, 300), test, tests, ms: Date.now() - start };
}

async function main(): Promise<void> {
  const provider = hre.network.provider;
  let snapshot = (await provider.send("evm_snapshot", [])) as string;
  fs.writeSync(3, `${JSON.stringify({ ready: true })}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    await provider.send("evm_revert", [snapshot]);
    snapshot = (await provider.send("evm_snapshot", [])) as string;
    let result: WarmResult;
    try {
      result = await runJob(JSON.parse(line) as WarmJob);
    } catch (err) {
      const failed = `the run failed: ${err instanceof Error ? err.message : String(err)}`;
      result = { failures: 1, failed, tests: 0, ms: 0 };
    }
    fs.writeSync(3, `${JSON.stringify(result)}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
