/**
 * End to end over JSON-RPC: a `hardhat node` child process on a free loopback port, the real
 * deploy command (killed midway, then resumed, then rerun), the records on disk, the roles on
 * chain, and one custodian flow with the real CLIs (propose, two offline signatures, execute).
 */
import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JsonRpcProvider, getCreateAddress } from "ethers";
import { localAccountWallet } from "../../src/chain/localKeys";
import { readRecords } from "../../src/chain/records";
import { powersHeldBy, readContractRoles } from "../../src/deploy/roles";
import { writeKeystore } from "../../src/chain/keystore";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";
import { startHardhatNode } from "../helpers/node";
import type { RunningNode } from "../helpers/node";

const wallet = localAccountWallet;

describe("deploy: end to end over JSON-RPC (hardhat node child process)", function () {
  this.timeout(600_000);
  let node: RunningNode;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let provider: JsonRpcProvider;

  before(async function () {
    node = await startHardhatNode();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "som-e2e-"));
    env = { ...process.env, LOCALHOST_RPC_URL: node.url, SOM_DEPLOYMENTS_ROOT: root, HARDHAT_NETWORK: "localhost" };
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
  });

  after(async function () {
    provider?.destroy();
    await node?.stop();
  });

  const runTs = (script: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, commandArgs(script, args), {
      cwd: PROJECT_ROOT,
      env: { ...env, ...extraEnv },
      encoding: "utf8",
      timeout: 300_000,
    });

  /**
   * Mines a block whenever the deployer's oldest pending transaction has waited `graceMs` (the
   * upgrades plugin's implementations, which the deploy does not announce, and a killed run's
   * leftover). A step's own transaction is announced by its "sent" line within milliseconds of its
   * broadcast, long before `graceMs`, so the kill below always finds it pending (a 2-second interval
   * block could land at any moment, and made every unannounced transaction wait for it).
   */
  const startMiner = (graceMs = 400): (() => Promise<void>) => {
    const deployer = wallet(0).address;
    const since = new Map<number, number>();
    let running = true;
    const loop = (async () => {
      while (running) {
        try {
          const [latest, pending] = (
            await Promise.all([
              provider.send("eth_getTransactionCount", [deployer, "latest"]),
              provider.send("eth_getTransactionCount", [deployer, "pending"]),
            ])
          ).map(Number);
          if (pending > latest) {
            const first = since.get(latest) ?? Date.now();
            since.set(latest, first);
            if (Date.now() - first >= graceMs) await provider.send("evm_mine", []);
          }
        } catch {
          // the node is busy: try again on the next tick
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    return async () => {
      running = false;
      await loop;
    };
  };

  /**
   * Runs the deploy command as a child process on the node. Mining is on demand: every "… <step>:
   * sent <hash>" line gets a block mined at once (other transactions wait for {@link startMiner}).
   * At the line matching `killOn`, the child is killed with SIGKILL instead, while its transaction
   * is still pending.
   */
  const deployUntil = async (
    killOn?: RegExp,
  ): Promise<{
    out: string;
    killed?: { line: string; hash: string; pendingAtKill: boolean };
    status: number | null;
  }> => {
    const child = spawn(process.execPath, commandArgs("scripts/deploy.ts", ["--network", "localhost"]), {
      cwd: PROJECT_ROOT,
      env,
      stdio: "pipe",
    });
    let out = "";
    let killed: { line: string; hash: string; pendingAtKill: boolean } | undefined;
    let buffered = "";
    // The check that the killed step's transaction is still pending is asynchronous: the child's
    // "close" can arrive before it answers, so the result waits for it (it was once read too early).
    let killing: Promise<void> | undefined;
    const onLine = async (line: string): Promise<void> => {
      const sent = /… .*: sent (0x[0-9a-f]{64})/.exec(line);
      if (!sent) return;
      if (killOn && !killing && killOn.test(line)) {
        child.kill("SIGKILL");
        killing = (async () => {
          const tx = (await provider.send("eth_getTransactionByHash", [sent[1]])) as {
            blockNumber: string | null;
          } | null;
          killed = { line, hash: sent[1], pendingAtKill: tx !== null && tx.blockNumber === null };
        })();
        await killing;
      }
      await provider.send("evm_mine", []);
    };
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      buffered += d.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const l of lines) void onLine(l);
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    if (killing) await killing;
    return { out, killed, status };
  };

  it("killed while a CREATE, a role call and the Safe's CREATE2 creation are pending, each rerun finishes: no duplicate, no revert", async function () {
    await provider.send("evm_setAutomine", [false]);
    const stopMiner = startMiner();
    const deployer = wallet(0).address;
    const kills = [
      /… SomStablecoin: sent/,
      /… stablecoin\.grantRole\(PAUSER_ROLE, @account:8\): sent/,
      /… ReserveSafe: sent/,
    ];
    let last: Awaited<ReturnType<typeof deployUntil>>;
    try {
      for (const killOn of kills) {
        const run = await deployUntil(killOn);
        expect(run.killed, `not killed at ${killOn}:\n${run.out}`).to.not.equal(undefined);
        expect(run.killed?.pendingAtKill, `the transaction was mined before the kill: ${run.killed?.line}`).to.equal(
          true,
        );
      }
      last = await deployUntil();
    } finally {
      // The later tests share this node: back to a block per transaction, whatever happened.
      await stopMiner();
      await provider.send("evm_setAutomine", [true]);
    }
    expect(last.status, last.out).to.equal(0);
    expect(last.out).to.contain("~ ReserveSafe: adopted");
    expect(last.out).to.contain("holds no role");

    // No reverted transaction and none sent twice.
    const latest = await provider.getBlockNumber();
    const seen = new Set<string>();
    for (let b = 1; b <= latest; b++) {
      const block = await provider.getBlock(b, true);
      for (const tx of block?.prefetchedTransactions ?? []) {
        if (tx.from !== deployer) continue;
        expect((await provider.getTransactionReceipt(tx.hash))?.status, `reverted: ${tx.hash}`).to.equal(1);
        const key = `${tx.to ?? "CREATE"}:${tx.data}`;
        expect(seen.has(key), `sent twice: ${tx.hash}`).to.equal(false);
        seen.add(key);
      }
    }
    // Every contract the deployer created (CREATE, one per nonce) is a recorded proxy, a recorded
    // contract or a recorded implementation: nothing was deployed twice.
    const records = readRecords(root, "localhost");
    const nonce = await provider.getTransactionCount(deployer);
    const expected = new Set<string>();
    for (const r of records) {
      expected.add(r.address.toLowerCase());
      if (r.proxy?.implementation?.startsWith("0x")) expected.add(r.proxy.implementation.toLowerCase());
    }
    const created: string[] = [];
    for (let n = 0; n < nonce; n++) {
      const a = getCreateAddress({ from: deployer, nonce: n });
      if ((await provider.getCode(a)) !== "0x") created.push(a.toLowerCase());
    }
    const unexpected = created.filter((a) => !expected.has(a));
    expect(unexpected, "contracts created by the deployer but in no record (duplicates)").to.deep.equal([]);
  });

  it("records every contract with what integrators and auditors need", function () {
    const records = readRecords(root, "localhost");
    const names = records.map((r) => r.name);
    for (const n of [
      "AttestationRegistry",
      "SomStablecoin",
      "SomSupplyController",
      "IdentityRegistry",
      "AssetTokenBeacon",
      "AssetFactory",
      "SomReservesAggregator",
      "ReserveSafe",
      "SafeL2",
      "SafeProxyFactory",
      "MultiSendCallOnly",
    ]) {
      expect(names).to.include(n);
    }
    for (const r of records) {
      expect(r.address, r.name).to.match(/^0x[0-9a-fA-F]{40}$/);
      expect(r.abi.length, r.name).to.be.greaterThan(0);
      expect(r.chainId).to.equal(31337);
      expect(r.gitCommit, r.name).to.match(/^([0-9a-f]{40}(-dirty)?|unknown)$/);
      // Locally deployed Safe contracts too: their real creation transaction and block.
      expect(r.transactionHash, r.name).to.match(/^0x[0-9a-f]{64}$/);
      expect(r.blockNumber, r.name).to.be.greaterThan(0);
      if (r.compiler.startsWith("canonical")) continue;
      expect(r.compiler, r.name).to.match(/^0\.8\.28\+commit/);
      expect(r.solcInputHash, r.name).to.be.a("string");
    }
    const coin = records.find((r) => r.name === "SomStablecoin");
    expect(coin?.proxy?.kind).to.equal("uups");
    expect(coin?.proxy?.implementation).to.match(/^0x[0-9a-fA-F]{40}$/);
    // initialize(admin, adminTransferDelay, settings): the settings start with name, symbol, decimals
    expect(coin?.args[2]).to.include({ name: "Som Stablecoin", symbol: "KGSC", decimals: 2 });
    expect(coin?.implementation).to.equal(coin?.proxy?.implementation);
    const safe = records.find((r) => r.name === "ReserveSafe");
    expect(safe?.proxy?.kind).to.equal("safe-proxy");
    // reserveSafe.singleton defaults to SafeL2 off Ethereum mainnet (the local configs do not set it).
    expect(safe?.implementation).to.equal(records.find((r) => r.name === "SafeL2")?.address);
    expect(fs.existsSync(path.join(root, "deployments", "hardhat"))).to.equal(false);
  });

  it("hardhat-deploy's loading rules read the folder as deployments; the journal is not one; Ignition's address list is beside", function () {
    // hardhat-deploy 0.14 does not install here as pure JS (its dependency tree brings native and
    // network-bound packages), so its loader's rules are applied as its source states them
    // (wighawag/hardhat-deploy, src/utils.ts loadDeployments/traverse): the folder needs a
    // ".chainId"; it walks the folder recursively, skipping names that start with "." and the
    // "solcInputs" folder; every "*.json" it meets is a deployment named by its relative path.
    const dir = path.join(root, "deployments", "localhost");
    expect(fs.readFileSync(path.join(dir, ".chainId"), "utf8").trim()).to.equal("31337");
    const walk = (d: string, rel = ""): string[] =>
      fs.readdirSync(d).flatMap((name) => {
        if (name.startsWith(".") || name === "solcInputs") return [];
        const full = path.join(d, name);
        return fs.statSync(full).isDirectory() ? walk(full, path.join(rel, name)) : [path.join(rel, name)];
      });
    const deployments = Object.fromEntries(
      walk(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => [
          f.slice(0, -5),
          JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>,
        ]),
    );
    expect(Object.keys(deployments).sort()).to.deep.equal(
      readRecords(root, "localhost")
        .map((r) => r.name)
        .sort(),
    );
    for (const [name, d] of Object.entries(deployments)) {
      expect(d.address, name).to.match(/^0x[0-9a-fA-F]{40}$/);
      expect(d.abi, name).to.be.an("array").that.is.not.empty;
      expect(d.transactionHash, name).to.match(/^0x[0-9a-f]{64}$/);
      expect((d.receipt as { blockNumber: number } | undefined)?.blockNumber, name).to.be.a("number");
      if (typeof d.solcInputHash === "string")
        expect(fs.existsSync(path.join(dir, "solcInputs", `${d.solcInputHash}.json`)), name).to.equal(true);
    }
    expect(deployments.SomStablecoin.implementation).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(fs.existsSync(path.join(dir, ".som", "journal.json"))).to.equal(true);
    const ignition = JSON.parse(
      fs.readFileSync(path.join(root, "ignition", "deployments", "localhost", "deployed_addresses.json"), "utf8"),
    ) as Record<string, string>;
    expect(ignition["SomReserve#SomStablecoin"]).to.equal(deployments.SomStablecoin.address);
  });

  it("hands every power to the reserve Safe: the deployer holds nothing on chain", async function () {
    const records = readRecords(root, "localhost");
    const safe = records.find((r) => r.name === "ReserveSafe")?.address ?? "";
    const matrix = [];
    for (const r of records) {
      const roles = await readContractRoles(provider, r);
      if (roles) matrix.push(roles);
    }
    expect(powersHeldBy(wallet(0).address, matrix)).to.deep.equal([]);
    for (const c of matrix) {
      if (c.defaultAdmin !== undefined) expect(c.defaultAdmin, c.name).to.equal(safe);
      if (c.owner !== undefined) expect(c.owner, c.name).to.equal(safe);
    }
  });

  it("rerunning after success does nothing and says so", function () {
    const before = fs.readFileSync(path.join(root, "deployments", "localhost", ".som", "journal.json"), "utf8");
    const res = runTs("scripts/deploy.ts", ["--network", "localhost"]);
    expect(res.status, `${res.stdout}\n${res.stderr}`).to.equal(0);
    expect(res.stdout).to.contain("Nothing to do");
    expect(res.stdout).to.not.match(/^\+ /m);
    expect(fs.readFileSync(path.join(root, "deployments", "localhost", ".som", "journal.json"), "utf8")).to.equal(
      before,
    );
  });

  it("the main job runs its whole scenario against the same node (--network localhost), twice, and leaves no temp folder", function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "som-main-tmp-"));
    for (const run of [1, 2]) {
      const res = spawnSync(process.execPath, commandArgs("scripts/main.ts", ["--network", "localhost"]), {
        cwd: PROJECT_ROOT,
        env: { ...env, HARDHAT_NETWORK: "", TMPDIR: tmp },
        encoding: "utf8",
        timeout: 300_000,
      });
      expect(res.status, `run ${run}:\n${res.stdout}\n${res.stderr}`).to.equal(0);
      expect(res.stdout).to.match(/= SomStablecoin: already deployed/);
      expect(res.stdout).to.contain("All steps had their expected effect");
      expect(res.stdout).to.contain("@account:8 = ");
      expect(res.stdout).to.match(/[0-9,]+\.\d\d KGSC \(\d+ base units\)/);
      // the guarded Safe: the deployment installed the distribution rule the guard's way; a rerun finds the exchange
      // licensed by the first run
      expect(res.stdout).to.contain(
        "ok: the deployment installed the DistributionRule as the reserve Safe's call rule",
      );
      expect(res.stdout).to.contain("is refused: DistributionRuleNotEligible");
      expect(res.stdout.includes("was licensed by an earlier run on this node"), `run ${run}`).to.equal(run === 2);
      expect(
        fs.readdirSync(tmp).filter((f) => f.startsWith("som-main-")),
        `run ${run} left its temp folder`,
      ).to.deep.equal([]);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    expect(fs.existsSync(path.join(root, "reports", "localhost", "reserve-report.html"))).to.equal(true);
    const asset = readRecords(root, "localhost").find((r) => r.name.startsWith("Asset-"));
    expect(asset?.proxy?.kind).to.equal("beacon-proxy");
    expect(asset?.implementation).to.equal(
      readRecords(root, "localhost").find((r) => r.name === "AssetTokenBeacon")?.proxy?.implementation,
    );
  });

  it("runs one custodian flow with the CLIs: propose a delayed call, announce, status, two offline signatures, execute after the delay", async function () {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "som-custody-"));
    const proposal = path.join(work, "configure-minter.json");
    const newMinter = wallet(15).address;
    const propose = runTs("scripts/custodian/propose.ts", [
      "--action",
      "configureMinter",
      "--contract",
      "SomSupplyController",
      "--arg",
      `minter=${newMinter}`,
      "--arg",
      "allowance=500.00",
      "--arg",
      "capacity=100.00",
      "--arg",
      "refillPerSecond=0.01",
      "--out",
      proposal,
    ]);
    expect(propose.status, `${propose.stdout}\n${propose.stderr}`).to.equal(0);
    expect(propose.stdout).to.contain("configureMinter");
    // a new minter widens a power: the ReserveGuard delays it (docs/guard.md); propose prints the announcement step
    expect(propose.stdout).to.match(/delayed call \(changes code or widens a power\)[^]*npm run safe:announce/);
    for (const i of [1, 2]) await writeKeystore(path.join(work, `custodian-${i}.json`), wallet(i), `pw-${i}`, true);
    const early = runTs("scripts/custodian/execute.ts", ["--proposal", proposal]);
    expect(early.status).to.equal(1);
    expect(early.stderr.trim()).to.match(
      /^error: the call \(delayed to 0x[0-9a-fA-F]{40}, call hash 0x[0-9a-f]{64}\) is not announced: the guard would refuse it/,
    );
    const announce = runTs(
      "scripts/guard/announce.ts",
      ["--proposal", proposal, "--keystore", path.join(work, "custodian-1.json")],
      { CUSTODIAN_KEYSTORE_PASSWORD: "pw-1" },
    );
    expect(announce.status, `${announce.stdout}\n${announce.stderr}`).to.equal(0);
    const status = runTs("scripts/custodian/status.ts", ["--dir", work]);
    expect(status.status, `${status.stdout}\n${status.stderr}`).to.equal(0);
    // status decodes the pending announcement with the custodian's records
    expect(status.stdout).to.match(/WAITING[^]*Make 0x[0-9a-fA-F]{40} a minter with allowance 500\.00 KGSC/);

    const offline = { HARDHAT_NETWORK: "", LOCALHOST_RPC_URL: "http://127.0.0.1:9" };
    for (const i of [1, 2]) {
      const keystore = path.join(work, `custodian-${i}.json`);
      const sign = runTs(
        "scripts/custodian/sign.ts",
        [
          "--proposal",
          proposal,
          "--keystore",
          keystore,
          "--records",
          path.join(root, "deployments", "localhost"),
          "--announcements",
          work,
        ],
        {
          ...offline,
          CUSTODIAN_KEYSTORE_PASSWORD: `pw-${i}`,
        },
      );
      expect(sign.status, `${sign.stdout}\n${sign.stderr}`).to.equal(0);
      expect(sign.stdout).to.match(/announced at .* executable from /);
      expect(`${sign.stdout}${sign.stderr}`).to.not.contain(wallet(i).privateKey.slice(2));
    }
    const notYet = runTs("scripts/custodian/execute.ts", ["--proposal", proposal]);
    expect(notYet.status).to.equal(1);
    expect(notYet.stderr.trim()).to.match(/^error: announced, executable from .* run again then, or add --wait$/);
    const exec = runTs("scripts/custodian/execute.ts", ["--proposal", proposal, "--wait"]);
    expect(exec.status, `${exec.stdout}\n${exec.stderr}`).to.equal(0);
    expect(exec.stdout).to.contain("waiting for the chain");

    const coin = new (await import("ethers")).Contract(
      readRecords(root, "localhost").find((r) => r.name === "SomSupplyController")?.address ?? "",
      ["function minterAllowance(address) view returns (uint256)"],
      provider,
    );
    expect(await coin.getFunction("minterAllowance")(newMinter)).to.equal(50000n);
  });
});
