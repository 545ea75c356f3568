/**
 * What the watcher's tests share: a hardhat node with the system deployed by `npm run deploy -- --network
 * localhost` (records in a temporary root), a local HTTP receiver that checks each webhook's signature, and the
 * watcher run in this process (`--once`) or as a child process (`npm run watch`).
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { JsonRpcProvider, Network } from "ethers";
import { readRecords } from "../../src/chain/records";
import type { ContractRecord } from "../../src/chain/records";
import type { Alert } from "../../src/watch/alert";
import { watchCommand } from "../../src/watch/cli";
import { signature } from "../../src/watch/webhook";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";
import { startHardhatNode } from "../helpers/node";
import type { RunningNode } from "../helpers/node";

export const SECRET = "test-secret";

export interface Deployed {
  node: RunningNode;
  root: string;
  provider: JsonRpcProvider;
  records: ContractRecord[];
  env: NodeJS.ProcessEnv;
}

/** A fresh hardhat node with the system deployed (records under a temporary root). */
export async function deployOnNode(): Promise<Deployed> {
  const node = await startHardhatNode();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-watch-"));
  const env = {
    ...process.env,
    LOCALHOST_RPC_URL: node.url,
    SOM_DEPLOYMENTS_ROOT: root,
    SOM_WATCH_WEBHOOK_SECRET: SECRET,
  };
  const res = spawnSync("npm", ["run", "deploy", "--", "--network", "localhost"], {
    cwd: PROJECT_ROOT,
    env,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (res.status !== 0) throw new Error(`deploy failed:\n${res.stdout}\n${res.stderr}`);
  const net = Network.from(31337);
  // cacheTimeout -1: two transactions of one key in a row read a fresh nonce (not one cached for 250 ms)
  const provider = new JsonRpcProvider(node.url, net, { staticNetwork: net, cacheTimeout: -1 });
  return { node, root, provider, records: readRecords(root, "localhost"), env };
}

export interface Received {
  key: string;
  body: string;
  signatureValid: boolean;
}

/**
 * A local webhook receiver; `failNext(n)` answers 500 to the next n requests; `holding()` is true while it holds a
 * request not yet answered (its `delayMs`).
 */
export async function startReceiver(delayMs = 0): Promise<{
  url: string;
  received: Received[];
  failNext: (n: number) => void;
  holding: () => boolean;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  let failures = 0;
  let held = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    held += 1;
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => void respond().finally(() => (held -= 1)));
    const respond = async (): Promise<void> => {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      // A sender gone before the answer never saw the delivery succeed: it delivers again (same key). What
      // counts is a delivery acknowledged.
      if (req.socket.destroyed) return;
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500).end();
        return;
      }
      received.push({
        key: String(req.headers["idempotency-key"]),
        body,
        signatureValid: req.headers["x-som-signature"] === signature(SECRET, body),
      });
      res.writeHead(200).end("ok");
    };
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failNext: (n) => void (failures = n),
    holding: () => held > 0,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Writes a watcher config file into `dir` and returns its path. */
export function writeConfig(dir: string, config: Record<string, unknown>): string {
  const file = path.join(dir, `watch-${Math.random().toString(16).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/**
 * Runs `npm run watch -- --network localhost --once --config <file> [--from-block N]` in this process; returns its
 * alerts.
 */
export async function watchOnce(
  d: Deployed,
  config: string,
  extra: { "from-block"?: string } = {},
): Promise<{ alerts: Alert[]; err: string[] }> {
  const saved = { ...process.env };
  Object.assign(process.env, { LOCALHOST_RPC_URL: d.env.LOCALHOST_RPC_URL, SOM_DEPLOYMENTS_ROOT: d.root });
  const out: string[] = [];
  const err: string[] = [];
  try {
    await watchCommand({ network: "localhost", once: true, config, ...extra }, PROJECT_ROOT, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { SOM_WATCH_WEBHOOK_SECRET: SECRET },
    });
  } finally {
    for (const k of ["LOCALHOST_RPC_URL", "SOM_DEPLOYMENTS_ROOT", "HARDHAT_NETWORK"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
  return { alerts: out.map((l) => JSON.parse(l) as Alert), err };
}

/**
 * `npm run watch -- …` as a child process (node -r ./tools/register.js, as the npm
 * script: one process, so kill -9 reaches it),
 * stdout and stderr collected.
 */
export function spawnWatch(
  d: Deployed,
  args: string[],
  env: NodeJS.ProcessEnv = d.env,
): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
} {
  const child = spawn(process.execPath, commandArgs("scripts/watch.ts", args), {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (err += b.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

/** Alerts of one JSON-lines text. */
export const alertsOf = (text: string): Alert[] =>
  text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Alert);

export async function rpc(provider: JsonRpcProvider, method: string, params: unknown[] = []): Promise<unknown> {
  return provider.send(method, params);
}
