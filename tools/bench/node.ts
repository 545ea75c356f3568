/**
 * The benchmarks' node: a benchmark script run without `--network localhost` starts a `hardhat node` on a free
 * loopback port and runs itself again against it (`--network localhost`), where the measurement runs.
 */
import { spawn, spawnSync } from "node:child_process";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** What every benchmark run is told: where the project is, its own script (run again on the node), what to keep. */
export interface BenchRun {
  /** The project root (deploy config, hardhat). */
  project: string;
  /** This benchmark's script, relative to the project, run again with `--network localhost`. */
  script: string;
  /** Keep the temporary folder and print its path. */
  keep: boolean;
}

/** A free TCP port on the loopback interface (the tests' nodes and receivers use it too). */
export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForNode(url: string): Promise<void> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (i > 480) throw new Error("hardhat node did not start within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Outer run: start a node, run the script against it as `--network localhost`, stop the node. */
async function outer(options: Pick<BenchRun, "project" | "script">): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const cli = require.resolve("hardhat/internal/cli/cli");
  const nodeArgs = [cli, "node", "--hostname", "127.0.0.1", "--port", String(port)];
  const node = spawn(process.execPath, nodeArgs, { cwd: options.project, stdio: "ignore" });
  try {
    await waitForNode(url);
    const res = spawnSync(process.execPath, [cli, "run", "--network", "localhost", options.script], {
      cwd: options.project,
      env: { ...process.env, LOCALHOST_RPC_URL: url },
      stdio: "inherit",
    });
    return res.status ?? 1;
  } finally {
    node.kill("SIGTERM");
  }
}

/** On `localhost`: `measure`; elsewhere: a node of its own, and the script again against it. */
export function onLocalNode(
  hre: HardhatRuntimeEnvironment,
  options: Pick<BenchRun, "project" | "script">,
  measure: (hre: HardhatRuntimeEnvironment) => Promise<number>,
): Promise<number> {
  return hre.network.name === "localhost" ? measure(hre) : outer(options);
}
