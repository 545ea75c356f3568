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
}

export interface WarmResult {
  failures: number;
  failed?: string;
  ms: number;
}

const ROOT = process.cwd();
const FRESH = ["test", "src"].map((d) => `${path.join(ROOT, d)}${path.sep}`);

async function runJob(job: WarmJob): Promise<WarmResult> {
  const start = Date.now();
  const reload = new Set(job.reload.map((f) => path.resolve(ROOT, f)));
  for (const key of Object.keys(require.cache))
    if (FRESH.some((d) => key.startsWith(d)) || reload.has(key)) delete require.cache[key];
  const mocha = new Mocha({ ...hre.config.mocha, bail: true, reporter: Mocha.reporters.Base });
  for (const f of job.files) mocha.addFile(path.resolve(ROOT, f));
  let failed: string | undefined;
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on("fail", (test: Mocha.Runnable, err: unknown) => {
      failed ??= `${test.fullTitle()}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
    });
  });
  mocha.dispose();
  return { failures, failed: failed?.slice(0, 300), ms: Date.now() - start };
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
      result = { failures: 1, failed: `the run failed: ${err instanceof Error ? err.message : String(err)}`, ms: 0 };
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
