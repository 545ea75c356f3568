/**
 * Starts `hardhat node`, or anvil (the second client), on a free loopback port as a child process, for end-to-end
 * tests over JSON-RPC. The node is always stopped by `stop()`; tests call it in `after`.
 */
import { freePort } from "../../tools/bench/node";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { HARDHAT_NODE_ARGS, PROJECT_ROOT } from "./cli";

export interface RunningNode {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export { freePort };

async function rpcReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export async function startHardhatNode(timeoutMs = 120_000): Promise<RunningNode> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...HARDHAT_NODE_ARGS,
      require.resolve("hardhat/internal/cli/cli"),
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  return watchNode("hardhat node", child, port, timeoutMs);
}

/** The anvil binary of the npm package `@foundry-rs/anvil-linux-amd64` (an optional dependency), if installed here. */
export function anvilBinary(): string | undefined {
  try {
    const bin = path.join(path.dirname(require.resolve("@foundry-rs/anvil-linux-amd64/package.json")), "bin", "anvil");
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts anvil 1.7.1 (the Foundry node, from npm) on a free loopback port with `args` (default: chain id 31337 and
 * anvil's default 10 accounts; the docs' own arguments: {@link documentedAnvilArgs}), Hardhat's default mnemonic
 * (anvil's default too).
 * Unlike Hardhat's node it gives consecutive blocks the same timestamp within a second: what the commands must
 * survive.
 */
export async function startAnvil(o: { args?: readonly string[]; timeoutMs?: number } = {}): Promise<RunningNode> {
  const bin = anvilBinary();
  if (!bin) throw new Error("anvil is not installed here (optional dependency @foundry-rs/anvil-linux-amd64)");
  const port = await freePort();
  // --silent: anvil logs every request; a test that runs commands with spawnSync drains no pipe meanwhile, and a full
  // pipe would stop the node.
  const args = [...(o.args ?? ["--chain-id", "31337"]), "--host", "127.0.0.1", "--port", String(port), "--silent"];
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], detached: false });
  return watchNode("anvil", child, port, o.timeoutMs ?? 60_000);
}

/** Waits until the node answers on its port; `stop()` ends it (SIGTERM, then SIGKILL). */
async function watchNode(name: string, child: ChildProcess, port: number, timeoutMs: number): Promise<RunningNode> {
  const url = `http://127.0.0.1:${port}`;
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  };
  const start = Date.now();
  while (!(await rpcReady(url))) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${out}`);
    if (Date.now() - start > timeoutMs) {
      await stop();
      throw new Error(`${name} did not answer on ${url} within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, process: child, output: () => out, stop };
}

/**
 * The arguments of the documented `npx anvil …` (README.md and docs/custodian.md write the same line): the tests start
 * anvil with exactly these, plus a free port. `npx anvil` runs the binary of {@link anvilBinary}
 * (node_modules/.bin/anvil links to it).
 */
export function documentedAnvilArgs(): string[] {
  const lines = ["README.md", path.join("docs", "custodian.md")].flatMap((f) =>
    [...fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8").matchAll(/`npx anvil ([^`]*)`/g)].map((m) => m[1]),
  );
  const distinct = [...new Set(lines)];
  if (distinct.length !== 1)
    throw new Error(`README.md and docs/custodian.md document anvil as: ${distinct.join(" | ")}`);
  return distinct[0].split(/\s+/);
}
