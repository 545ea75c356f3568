/** Runs a Hardhat CLI command in the project root as a child process (for tests of the CLI surface). */
import { spawnSync } from "node:child_process";
import path from "node:path";

export const PROJECT_ROOT = path.join(__dirname, "..", "..");

/**
 * Node's arguments for a command as its npm script runs it (package.json: `node -r ./tools/register.js scripts/x.ts`),
 * for the tests that run a command without npm in front (one process: a kill reaches the command itself).
 */
export const commandArgs = (script: string, args: readonly string[] = []): string[] => [
  "-r",
  path.join(PROJECT_ROOT, "tools", "register.js"),
  script,
  ...args,
];

/**
 * Node options of every Hardhat CLI child process of the tests: Hardhat transpiles the config, scripts and
 * typechain-types with swc (see swc-register.js), not TypeScript's transpileModule: seconds less per process.
 */
export const HARDHAT_NODE_ARGS: readonly string[] = ["-r", path.join(__dirname, "swc-register.js")];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

export function runHardhat(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 240_000): CliResult {
  const res = spawnSync(
    process.execPath,
    [...HARDHAT_NODE_ARGS, require.resolve("hardhat/internal/cli/cli"), ...args],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: timeoutMs,
    },
  );
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, output: `${res.stdout}\n${res.stderr}` };
}
