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
import { localAccountWallet } from "../../src/keys/local";
import { readRecords } from "../../src/deploy/records";
import { powersHeldBy, readContractRoles } from "../../src/deploy/roles";
import { writeKeystore } from "../../src/keys/keystore";
import { PROJECT_ROOT } from "../helpers/cli";
import { startHardhatNode } from "../helpers/node";
import type { RunningNode } from "../helpers/node";

const wallet = localAccountWallet;
const TS_NODE = require.resolve("ts-node/dist/bin.js");

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
    spawnSync(process.execPath, [TS_NODE, script, ...args], { cwd: PROJECT_ROOT, env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 300_000 });

  it("a deployment killed midway resumes without duplicating contracts", async function () {
    const dir = path.join(root, "deployments", "localhost");
    const child = spawn(process.execPath, [TS_NODE, "scripts/deploy.ts", "--network", "localhost"], { cwd: PROJECT_ROOT, env, stdio: "pipe" });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const killed = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (fs.existsSync(path.join(dir, "SomStablecoin.json"))) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve(true);
        }
      }, 20);
      child.on("exit", () => {
        clearInterval(timer);
        resolve(false);
      });
    });
    expect(killed, `the deployment finished before it could be killed:\n${out}`).to.equal(true);
    await new Promise((r) => child.once("exit", r).once("close", r) && setTimeout(r, 500));
    expect(fs.existsSync(path.join(dir, "ReserveSafe.json")), "the kill came after the end").to.equal(false);
    const stablecoinBefore = JSON.parse(fs.readFileSync(path.join(dir, "SomStablecoin.json"), "utf8")) as { address: string };

    const resumed = runTs("scripts/deploy.ts", ["--network", "localhost"]);
    expect(resumed.status, `${resumed.stdout}\n${resumed.stderr}`).to.equal(0);
    expect(resumed.stdout).to.contain("= SomStablecoin: already deployed");
    expect(resumed.stdout).to.contain("holds no role");

    const records = readRecords(root, "localhost");
    const byName = new Map(records.map((r) => [r.name, r]));
    expect(byName.get("SomStablecoin")?.address).to.equal(stablecoinBefore.address);

    // Every contract the deployer created (CREATE, one per nonce) is a recorded proxy, a recorded
    // contract or a recorded implementation: nothing was deployed twice.
    const deployer = wallet(0).address;
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
    for (const n of ["AttestationRegistry", "SomStablecoin", "SomSupplyController", "IdentityRegistry", "AssetTokenBeacon", "AssetFactory", "SomReservesAggregator", "ReserveSafe", "Safe", "SafeProxyFactory", "CompatibilityFallbackHandler", "MultiSendCallOnly"]) {
      expect(names).to.include(n);
    }
    for (const r of records) {
      expect(r.address, r.name).to.match(/^0x[0-9a-fA-F]{40}$/);
      expect(r.abi.length, r.name).to.be.greaterThan(0);
      expect(r.chainId).to.equal(31337);
      expect(r.gitCommit, r.name).to.match(/^([0-9a-f]{40}(-dirty)?|unknown)$/);
      if (r.compiler.startsWith("canonical")) continue;
      expect(r.transactionHash, r.name).to.match(/^0x[0-9a-f]{64}$/);
      expect(r.blockNumber, r.name).to.be.greaterThan(0);
      expect(r.compiler, r.name).to.match(/^0\.8\.28\+commit/);
    }
    const coin = records.find((r) => r.name === "SomStablecoin");
    expect(coin?.proxy?.kind).to.equal("uups");
    expect(coin?.proxy?.implementation).to.match(/^0x[0-9a-fA-F]{40}$/);
    // initialize(admin, adminTransferDelay, settings): the settings start with name, symbol, decimals
    expect(coin?.args[2]).to.include({ name: "Som Stablecoin", symbol: "KGSC", decimals: 2 });
    expect(fs.existsSync(path.join(root, "deployments", "hardhat"))).to.equal(false);
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
    const before = fs.readFileSync(path.join(root, "deployments", "localhost", "_journal.json"), "utf8");
    const res = runTs("scripts/deploy.ts", ["--network", "localhost"]);
    expect(res.status, `${res.stdout}\n${res.stderr}`).to.equal(0);
    expect(res.stdout).to.contain("Nothing to do");
    expect(res.stdout).to.not.match(/^\+ /m);
    expect(fs.readFileSync(path.join(root, "deployments", "localhost", "_journal.json"), "utf8")).to.equal(before);
  });

  it("the main job runs its whole scenario against the same node (--network localhost)", function () {
    const res = spawnSync(process.execPath, [require.resolve("hardhat/internal/cli/cli"), "run", "scripts/main.ts", "--network", "localhost"], {
      cwd: PROJECT_ROOT,
      env: { ...env, HARDHAT_NETWORK: "" },
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(res.status, `${res.stdout}\n${res.stderr}`).to.equal(0);
    expect(res.stdout).to.contain("= SomStablecoin: already deployed");
    expect(res.stdout).to.contain("All steps had their expected effect");
    expect(fs.existsSync(path.join(root, "reports", "localhost", "reserve-report.html"))).to.equal(true);
  });

  it("runs one custodian flow with the CLIs: propose, two offline signatures, execute", async function () {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "som-custody-"));
    const proposal = path.join(work, "configure-minter.json");
    const newMinter = wallet(15).address;
    const propose = runTs("scripts/custodian/propose.ts", [
      "--action", "configureMinter", "--contract", "SomSupplyController", "--arg", `minter=${newMinter}`, "--arg", "allowance=500.00",
      "--arg", "capacity=100.00", "--arg", "refillPerSecond=0.01", "--out", proposal,
    ]);
    expect(propose.status, `${propose.stdout}\n${propose.stderr}`).to.equal(0);
    expect(propose.stdout).to.contain("configureMinter");

    const offline = { HARDHAT_NETWORK: "", LOCALHOST_RPC_URL: "http://127.0.0.1:9" };
    for (const i of [1, 2]) {
      const keystore = path.join(work, `custodian-${i}.json`);
      await writeKeystore(keystore, wallet(i), `pw-${i}`, true);
      const sign = runTs("scripts/custodian/sign.ts", ["--proposal", proposal, "--keystore", keystore, "--records", path.join(root, "deployments", "localhost")], {
        ...offline,
        CUSTODIAN_KEYSTORE_PASSWORD: `pw-${i}`,
      });
      expect(sign.status, `${sign.stdout}\n${sign.stderr}`).to.equal(0);
      expect(`${sign.stdout}${sign.stderr}`).to.not.contain(wallet(i).privateKey.slice(2));
    }
    const exec = runTs("scripts/custodian/execute.ts", ["--proposal", proposal]);
    expect(exec.status, `${exec.stdout}\n${exec.stderr}`).to.equal(0);

    const coin = new (await import("ethers")).Contract(
      readRecords(root, "localhost").find((r) => r.name === "SomSupplyController")?.address ?? "",
      ["function minterAllowance(address) view returns (uint256)"],
      provider,
    );
    expect(await coin.getFunction("minterAllowance")(newMinter)).to.equal(50000n);
  });
});
