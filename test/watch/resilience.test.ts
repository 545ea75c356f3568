/**
 * The follower's guarantees on a hardhat node: `kill -9` mid-stream and a restart lose no alert and repeat none
 * (stdout and webhook); the node unreachable for 20 s (a proxy in front of it stopped) raises the outage alert, the
 * watcher resumes, delivers what happened meanwhile, and exits cleanly on SIGTERM; SIGINT stops a following watcher
 * with its cursor saved; a reorganisation inside the confirmation window (evm_snapshot / evm_revert) delivers nothing
 * of the reverted blocks.
 */
import { expect } from "chai";
import fs from "node:fs";
import { NonceManager } from "ethers";
import net from "node:net";
import path from "node:path";
import { localAccountWallet } from "../../src/chain/localKeys";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { freePort } from "../helpers/node";
import { alertsOf, deployOnNode, rpc, spawnWatch, startReceiver, watchOnce, writeConfig } from "./harness";
import type { Deployed } from "./harness";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, ms = 90_000, everyMs = 100): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A TCP proxy in front of the node that can be stopped and started again on the same port. */
async function proxy(target: number): Promise<{ url: string; stop: () => Promise<void>; start: () => Promise<void> }> {
  const port = await freePort();
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  const start = (): Promise<void> =>
    new Promise((r) => {
      server = net.createServer((s) => {
        const up = net.connect(target, "127.0.0.1");
        sockets.add(s).add(up);
        s.pipe(up).pipe(s);
        s.on("error", () => up.destroy());
        up.on("error", () => s.destroy());
      });
      server.listen(port, "127.0.0.1", () => r());
    });
  const stop = (): Promise<void> =>
    new Promise((r) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      server?.close(() => r());
    });
  await start();
  return { url: `http://127.0.0.1:${port}`, stop, start };
}

describe("watch: kill -9, node outage and reorganisation", function () {
  this.timeout(600_000);
  let d: Deployed;
  let officer: NonceManager;
  const coin = () =>
    SomStablecoin__factory.connect(d.records.find((r) => r.name === "SomStablecoin")?.address as string, officer);

  before(async function () {
    d = await deployOnNode();
    officer = new NonceManager(localAccountWallet(8).connect(d.provider));
  });

  after(async function () {
    d?.provider.destroy();
    await d?.node.stop();
    if (d) fs.rmSync(d.root, { recursive: true, force: true });
  });

  it("kill -9 mid-stream, then a restart: every alert delivered once, on stdout and at the webhook", async function () {
    const receiver = await startReceiver(80); // each delivery takes 80 ms: the kill lands mid-stream
    const config = writeConfig(d.root, {
      confirmations: 0,
      stateFile: path.join(d.root, "kill-state.json"),
      webhooks: [{ url: receiver.url, retries: 0, backoffMs: 10 }],
    });
    await watchOnce(d, config); // caught up with the deployment
    const before = receiver.received.length;
    for (let i = 0; i < 20; i++) await (await coin().freeze(localAccountWallet(30 + i).address)).wait();
    const first = spawnWatch(d, ["--network", "localhost", "--once", "--config", config]);
    // The kill lands while the receiver holds a request (it answers after 80 ms): not in the instant between a
    // receiver's answer and the state write after it, the one window where a sink sees a key twice (a receiver drops a
    // key it has seen: docs/watch.md).
    await until("a few deliveries", () => receiver.received.length >= before + 5 && receiver.holding(), 90_000, 5);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const second = spawnWatch(d, ["--network", "localhost", "--once", "--config", config]);
    const code = await new Promise((r) => second.child.once("exit", r));
    expect(code, second.stderr()).to.equal(0);
    const hooks = receiver.received.slice(before).map((r) => r.key);
    const printed = [...alertsOf(first.stdout()), ...alertsOf(second.stdout())].map((a) => a.key);
    // none lost; none repeated but, at most, the one alert in flight at the kill, under the same key (the instant
    // between a sink's acknowledgement and the state write: a loaded machine can land the kill there)
    const firstPrinted = alertsOf(first.stdout()).map((a) => a.key);
    for (const keys of [hooks, printed]) {
      const freezes = keys.filter((k) => k.startsWith("freeze:"));
      expect(new Set(freezes).size, keys.join("\n")).to.equal(20);
      expect(keys.length - new Set(keys).size, keys.join("\n")).to.be.at.most(1);
    }
    const repeated = printed.filter((k, i) => printed.indexOf(k) !== i);
    expect(
      repeated.every((k) => k === firstPrinted[firstPrinted.length - 1]),
      repeated.join("\n"),
    ).to.equal(true);
    expect(alertsOf(first.stdout()).length).to.be.lessThan(20);
    await receiver.close();
  });

  it("the node unreachable for 20 s: one outage alert, then it resumes and exits cleanly on SIGTERM", async function () {
    const p = await proxy(d.node.port);
    const config = writeConfig(d.root, {
      confirmations: 0,
      pollSeconds: 0.5,
      rpcTimeoutSeconds: 2,
      outageAlertSeconds: 5,
      maxBackoffSeconds: 2,
      stateFile: path.join(d.root, "outage-state.json"),
    });
    const w = spawnWatch(d, ["--network", "localhost", "--config", config], { ...d.env, LOCALHOST_RPC_URL: p.url });
    await until("catching up", () => alertsOf(w.stdout()).length > 0 && w.stderr().length > 0).catch((e: Error) => {
      throw new Error(`${e.message}\n${w.stderr()}`);
    });
    await sleep(1500);
    await p.stop();
    await (await coin().freeze(localAccountWallet(60).address)).wait(); // while the watcher cannot see the node
    await sleep(20_000);
    await p.start();
    await until("the frozen account's alert", () =>
      alertsOf(w.stdout()).some((a) => a.line.includes(localAccountWallet(60).address)),
    );
    w.child.kill("SIGTERM");
    const code = await new Promise((r) => w.child.once("exit", (c) => r(c)));
    expect(code).to.equal(0);
    const rules = alertsOf(w.stdout()).map((a) => a.rule);
    expect(rules.filter((r) => r === "node.unreachable")).to.have.length(1);
    expect(rules.filter((r) => r === "node.reachable")).to.have.length(1);
    await p.stop();
  });

  it("SIGINT (Ctrl-C) stops a following watcher with exit 0 and its cursor saved: a restart repeats nothing", async function () {
    const stateFile = path.join(d.root, "sigint-state.json");
    const config = writeConfig(d.root, { confirmations: 0, pollSeconds: 0.5, stateFile });
    const w = spawnWatch(d, ["--network", "localhost", "--config", config]);
    await until("catching up", () => fs.existsSync(stateFile) && alertsOf(w.stdout()).length > 0).catch((e: Error) => {
      throw new Error(`${e.message}\n${w.stderr()}`);
    });
    const head = await d.provider.getBlockNumber();
    await until("the cursor at the head", () => {
      const s = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { cursor: { block: number } | null };
      return (s.cursor?.block ?? -1) >= head;
    });
    w.child.kill("SIGINT");
    const code = await new Promise((r) => w.child.once("exit", (c) => r(c)));
    expect(code, w.stderr()).to.equal(0);
    const printed = alertsOf(w.stdout()).map((a) => a.key);
    expect(new Set(printed).size).to.equal(printed.length);
    const frozen = localAccountWallet(61).address;
    await (await coin().freeze(frozen)).wait();
    const { alerts } = await watchOnce(d, config);
    expect(alerts.map((a) => a.rule)).to.deep.equal(["freeze"]);
    expect(alerts[0].line).to.contain(frozen);
  });

  it("a reorganisation inside the confirmation window delivers nothing of the reverted blocks", async function () {
    const config = writeConfig(d.root, { confirmations: 3, stateFile: path.join(d.root, "reorg-state.json") });
    await rpc(d.provider, "evm_mine");
    await watchOnce(d, config);
    const snapshot = await rpc(d.provider, "evm_snapshot");
    const reverted = localAccountWallet(70).address;
    await (await coin().freeze(reverted)).wait();
    await rpc(d.provider, "evm_mine");
    const during = await watchOnce(d, config);
    await rpc(d.provider, "evm_revert", [snapshot]);
    officer.reset();
    const kept = localAccountWallet(71).address;
    await (await coin().freeze(kept)).wait();
    for (let i = 0; i < 4; i++) await rpc(d.provider, "evm_mine");
    const after = await watchOnce(d, config);
    const lines = [...during.alerts, ...after.alerts].map((a) => a.line);
    expect(lines.some((l) => l.includes(reverted))).to.equal(false);
    expect(lines.filter((l) => l.includes(kept))).to.have.length(1);
  });
});
