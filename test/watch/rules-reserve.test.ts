/**
 * The rules rules.test.ts leaves out, each triggered by the real action on the in-process chain (the system with its
 * market deployed by the deployment code) and read by the watcher's library in this process (one pass, `--once`):
 * stablecoin leaving the reserve Safe above the configured amount, a burn and a wipe through the custody flow, a
 * Safe execution that fails, an owner and threshold change, supply above the attested reserves, an overdue
 * redemption and a licence expiring within 30 days, a guard announcement cancelled by the Safe, a block already read
 * replaced (chain.reorg), freezes carrying a sanctions reference (sanctions.applied). Each alerts exactly once;
 * every request is a standard eth_ method within rangeSize.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider, Contract, Wallet, ZeroAddress } from "ethers";
import { SOM_RESERVES } from "../../src/chain/constants";
import { proposeSignExecute } from "../../src/custody/flow";
import { announceCalls } from "../../src/guard/announcements";
import type { CallRequest } from "../../src/chain/calls";
import { requestRedemption } from "../../src/market/redemptions";
import { withReference } from "../../src/sanctions/reference";
import { deploymentForChain, loadSafeArtifact } from "../../src/safe/artifacts";
import { encodeMultiSendCall } from "../../src/safe/multisend";
import { buildSafeTx, signSafeTx } from "../../src/safe/safeTx";
import { packSignatures } from "../../src/safe/signatures";
import type { Alert } from "../../src/watch/alert";
import { resolveSettings } from "../../src/watch/config";
import { watchContext } from "../../src/watch/context";
import { follow } from "../../src/watch/follower";
import { emptyState } from "../../src/watch/state";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import { ACCOUNTS, deploySystemFixture, localWallet } from "../helpers/system";

const BANK = 9;
const HOLDER = 16;
const K = (whole: bigint): bigint => whole * 100n;
const RANGE = 40;

/** Every JSON-RPC request the watcher sends (the in-process chain behind an EIP-1193 recorder). */
const requests: { method: string; params?: unknown }[] = [];
const provider = new BrowserProvider(
  {
    request: (r: { method: string; params?: unknown[] }) => {
      requests.push(r);
      return hre.network.provider.request(r);
    },
  },
  undefined,
  { cacheTimeout: -1 },
); // no cached head: each pass sees the block just mined

describe("watch: outflow, burn, wipe, Safe failure, owners, supply, redemptions and licences alert once", function () {
  this.timeout(300_000);
  let sys: Awaited<ReturnType<typeof deploySystemFixture>>;
  let dir: string;
  const state = emptyState(31337);
  const custodians = ACCOUNTS.custodians.slice(0, 2).map((i) => localWallet(i));

  /** One watcher pass (the library, as `watch --once`); checks the count of each rule named. */
  async function expectRules(rules: Record<string, number>): Promise<Alert[]> {
    const settings = resolveSettings(
      {
        confirmations: 0,
        rangeSize: RANGE,
        proposalsDir: path.join(dir, "proposals"),
        stateFile: path.join(dir, "state.json"),
      },
      { chainId: 31337, stateDir: dir, cwd: dir, webhookUrls: [], env: {} },
    );
    const c = await watchContext({ provider, network: "hardhat", chainId: 31337, records: sys.records, settings });
    const out: string[] = [];
    const sinks = { out: (l: string) => out.push(l), err: () => undefined, env: {} };
    const signal = new AbortController().signal;
    await follow({ c, state, sinks, fromBlock: 0, once: true, signal });
    const alerts = out.map((l) => JSON.parse(l) as Alert);
    const counts: Record<string, number> = {};
    for (const a of alerts) counts[a.rule] = (counts[a.rule] ?? 0) + 1;
    for (const [rule, n] of Object.entries(rules))
      expect(counts[rule] ?? 0, `${rule} in ${JSON.stringify(counts)}`).to.equal(n);
    return alerts;
  }

  const only = (alerts: Alert[], rule: string): Alert => alerts.filter((a) => a.rule === rule)[0];

  /** execTransaction signed by the three custodians (enough for the threshold before and after the owner change). */
  async function execBySafe(to: string, data: string, operation: 0 | 1, safeTxGas = 0n): Promise<void> {
    const safe = new Contract(sys.safe, loadSafeArtifact("Safe").abi, sys.signers[0]);
    const tx = { ...buildSafeTx({ to, data, operation, nonce: await safe.nonce() }), safeTxGas };
    const signers = ACCOUNTS.custodians.map((i) => localWallet(i));
    const sigs = await Promise.all(
      signers.map(async (w: Wallet) => ({ signer: w.address, signature: await signSafeTx(w, 31337, sys.safe, tx) })),
    );
    const args = [to, 0, data, operation, safeTxGas, 0, 0, ZeroAddress, ZeroAddress, packSignatures(sigs)];
    await (await safe.getFunction("execTransaction")(...args)).wait();
  }

  /** One custodian flow through the reserve Safe, signed by `signers`. */
  const custodyBy = (signers: Wallet[], calls: CallRequest[]) =>
    proposeSignExecute({
      provider: hre.ethers.provider,
      executor: sys.signers[0],
      safe: sys.safe,
      records: sys.records,
      calls,
      custodians: signers,
      guard: sys.guard,
      allow: ["self-call"],
    });
  const custody = (calls: CallRequest[]) => custodyBy(custodians, calls);

  before(async function () {
    await hre.network.provider.send("hardhat_reset", []);
    sys = await deploySystemFixture((c) => c);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-watch-rules-"));
    await sys.attest(SOM_RESERVES, K(10_000_000n));
    await (await sys.controller.mint(K(5_000_000n))).wait();
    await expectRules({ mint: 1 }); // the deployment and the first mint
  });

  after(function () {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stablecoin leaving the reserve Safe: one outflow alert at or above the amount, none below", async function () {
    const bank = sys.signers[BANK].address;
    await custody([{ action: "distribute", contract: "SomStablecoin", args: [bank, "1500000.00"] }]);
    await custody([{ action: "distribute", contract: "SomStablecoin", args: [bank, "999999.99"] }]);
    const alerts = await expectRules({ "reserve.outflow": 1, "safe.executed": 2 });
    expect(only(alerts, "reserve.outflow").line).to.match(
      /^1,500,000\.00 KGSC \(raw 150000000\) LEFT the reserve Safe to .*0x[0-9a-fA-F]{40}.* \(alert threshold 1,000,000\.00 KGSC/,
    );
  });

  it("a burn and a wipe through the custody flow: one alert each, the wipe critical", async function () {
    await custody([{ action: "burn", contract: "SomStablecoin", args: ["400.00", "REDEEM-1"] }]);
    const holder = localWallet(HOLDER).address;
    await (await sys.coin.connect(sys.signers[BANK]).transfer(holder, K(250n))).wait();
    await (await sys.coin.connect(sys.signers[ACCOUNTS.officer]).freeze(holder)).wait();
    await custody([{ contract: "SomStablecoin", fn: "wipeFrozen", args: [holder, "COURT-ORDER-7"] }]);
    const alerts = await expectRules({ burn: 1, wipe: 1, freeze: 1 });
    expect(only(alerts, "burn").line).to.match(/^Burned 400\.00 KGSC \(raw 40000\) by /);
    expect(only(alerts, "wipe").severity).to.equal("critical");
    expect(only(alerts, "wipe").line).to.match(/^WIPED 250\.00 KGSC \(raw 25000\) of frozen .*, legal order 0x/);
  });

  it("a Safe execution whose call reverts (safeTxGas set): one critical safe.failed, decoded", async function () {
    const data = sys.coin.interface.encodeFunctionData("transfer", [sys.signers[BANK].address, K(10n ** 12n)]);
    await execBySafe(await sys.coin.getAddress(), data, 0, 200_000n);
    const alerts = await expectRules({ "safe.failed": 1, "safe.executed": 0, "reserve.outflow": 0 });
    expect(only(alerts, "safe.failed").severity).to.equal("critical");
    expect(only(alerts, "safe.failed").line).to.match(
      /^Safe execution FAILED: Send 1,000,000,000,000\.00 KGSC \(raw 100000000000000\) from the reserve Safe to 0x/,
    );
  });

  it("an announcement cancelled by the Safe through the custody flow: guard.cancelled, the cancel decoded", async function () {
    const data = sys.coin.interface.encodeFunctionData("setMaxReserveAge", [86_400 * 9]);
    const [ann] = await announceCalls(custodians[0].connect(hre.ethers.provider), sys.at("ReserveGuard"), sys.safe, [
      { to: await sys.coin.getAddress(), value: 0n, data, operation: 0 },
    ]);
    await custody([{ contract: "ReserveGuard", fn: "cancel", args: { hash: ann.hash } }]);
    const alerts = await expectRules({ "guard.announced": 1, "guard.cancelled": 1, "safe.executed": 1 });
    expect(only(alerts, "guard.cancelled").line).to.equal(`Announcement ${ann.hash} cancelled`);
    expect(only(alerts, "safe.executed").line).to.equal(
      `Safe executed: Call cancel on ReserveGuard (${sys.at("ReserveGuard")}): hash = ${ann.hash}`,
    );
  });

  it("an owner added with a new threshold: one safe.owners and one safe.threshold, critical", async function () {
    const newOwner = localWallet(17).address;
    await custody([{ contract: "ReserveSafe", fn: "addOwnerWithThreshold", args: [newOwner, "3"] }]);
    const alerts = await expectRules({ "safe.owners": 1, "safe.threshold": 1, "guard.announced": 1 });
    expect(only(alerts, "safe.owners").line).to.equal(`Safe owner ADDED: ${newOwner}`);
    expect(only(alerts, "safe.threshold").line).to.equal("Safe threshold changed to 3");
    expect(only(alerts, "safe.threshold").severity).to.equal("critical");
  });

  it("attested reserves below the supply: one supply.above-reserves, not repeated", async function () {
    await sys.attest(SOM_RESERVES, K(1_000_000n));
    const alerts = await expectRules({ "supply.above-reserves": 1 });
    expect(only(alerts, "supply.above-reserves").line).to.match(
      /^Total supply 4,999,350\.00 KGSC .* is ABOVE the attested reserves 1,000,000\.00 KGSC/,
    );
    await expectRules({ "supply.above-reserves": 0 });
    await sys.attest(SOM_RESERVES, K(10_000_000n)); // false again
    await expectRules({ "supply.above-reserves": 0 });
    await sys.attest(SOM_RESERVES, K(2_000_000n)); // true again: one alert
    await expectRules({ "supply.above-reserves": 1 });
  });

  it("a redemption request past its settlement window: one redemption.overdue, critical", async function () {
    const desk = RedemptionDesk__factory.connect(sys.at("RedemptionDesk"), sys.signers[BANK]);
    const req = await requestRedemption(desk, sys.coin.connect(sys.signers[BANK]), K(1_000n), "KG12 3456 7890");
    await expectRules({ "redemption.overdue": 0 });
    await time.increase(Number(await desk.settlementWindow()) + 60);
    const alerts = await expectRules({ "redemption.overdue": 1 });
    expect(only(alerts, "redemption.overdue").line).to.match(
      new RegExp(`^Redemption request ${req.id} is OVERDUE: its settlement deadline was 20`),
    );
    await expectRules({ "redemption.overdue": 0 });
  });

  it("the bank's licence 12 days before it expires: one licence.expiring warning", async function () {
    const expiry = Date.UTC(2030, 11, 31, 23, 59, 59) / 1000; // deploy/config/hardhat.json: 2030-12-31, end of day
    await expectRules({ "licence.expiring": 0 });
    await time.increaseTo(expiry - 12 * 86_400 + 60);
    const alerts = await expectRules({ "licence.expiring": 1 });
    const a = only(alerts, "licence.expiring");
    expect(a.severity).to.equal("warning");
    expect(a.line).to.match(
      /^Licence NBKR-BANK-2026-001 of Demir Commercial Bank \(0x[0-9a-fA-F]{40}\) expires in 12 day/,
    );
    await expectRules({ "licence.expiring": 0 });
  });

  it("freezes carrying a sanctions reference: one sanctions.applied per transaction, direct or through the Safe's batch", async function () {
    const coin = await sys.coin.getAddress();
    const ref = (n: number) => ({
      listHash: `0x${"ab".repeat(32)}`,
      lists: "OFAC SDN",
      date: "2026-11-30",
      entryIds: Array.from({ length: n }, (_, i) => `SDN:${i + 1}`),
    });
    const freeze = (xs: number[], n: number) =>
      withReference(
        sys.coin.interface.encodeFunctionData("freezeBatch", [xs.map((i) => localWallet(i).address)]),
        ref(n),
      );
    await (await sys.signers[ACCOUNTS.officer].sendTransaction({ to: coin, data: freeze([20, 21, 22], 3) })).wait();
    await (await sys.coin.connect(sys.signers[ACCOUNTS.officer]).freezeBatch([localWallet(23).address])).wait();
    let alerts = await expectRules({ "sanctions.applied": 1, freeze: 4 });
    expect(only(alerts, "sanctions.applied").line).to.equal(
      `Sanctions list OFAC SDN of 2026-11-30 (sha256 0x${"ab".repeat(32)}) applied by the compliance key: ` +
        "3 account(s) frozen for 3 entries",
    );
    expect(only(alerts, "sanctions.applied").details).to.include({ lists: "OFAC SDN", date: "2026-11-30", entries: 3 });
    const asSafe = await sys.asSafe();
    await (await sys.coin.connect(asSafe).grantRole(await sys.coin.COMPLIANCE_ROLE(), sys.safe)).wait();
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [sys.safe]);
    const batch = encodeMultiSendCall([
      { to: coin, value: 0n, data: freeze([24, 25], 2), operation: 0 },
      { to: coin, value: 0n, data: freeze([26], 1), operation: 0 },
    ]);
    const multiSend = deploymentForChain("MultiSendCallOnly", 31337)?.address as string;
    await execBySafe(multiSend, batch, 1);
    alerts = await expectRules({ "sanctions.applied": 1, freeze: 3, "safe.executed": 1 });
    expect(only(alerts, "sanctions.applied").line).to.match(
      /applied by the reserve Safe: 3 account\(s\) frozen for 3 entries$/,
    );
  });

  it("a block already read replaced (deeper than the confirmations): one chain.reorg, then the new block's events", async function () {
    const snap = await hre.network.provider.send("evm_snapshot", []);
    const officer = sys.coin.connect(sys.signers[ACCOUNTS.officer]);
    await (await officer.freeze(localWallet(18).address)).wait();
    await expectRules({ freeze: 1, "chain.reorg": 0 });
    await hre.network.provider.send("evm_revert", [snap]);
    await (await officer.freeze(localWallet(19).address)).wait();
    const alerts = await expectRules({ "chain.reorg": 1, freeze: 1 });
    expect(only(alerts, "chain.reorg").severity).to.equal("critical");
    expect(only(alerts, "freeze").line).to.contain(localWallet(19).address);
  });

  it("unpause and unfreeze (the Safe's, delayed), a module and a fallback handler set and removed, a minter removed: one alert each", async function () {
    const officer = sys.signers[ACCOUNTS.officer];
    const someone = localWallet(28).address;
    // the threshold is 3 since the owner test: the three custodians sign
    const all = ACCOUNTS.custodians.map((i) => localWallet(i));
    const custody = (calls: CallRequest[]) => custodyBy(all, calls);
    await (await sys.coin.connect(officer).freeze(someone)).wait();
    await (await sys.coin.connect(officer).pause()).wait();
    await expectRules({ freeze: 1, pause: 1 });
    await custody([{ contract: "SomStablecoin", fn: "unpause", args: [] }]);
    await custody([{ contract: "SomStablecoin", fn: "unfreeze", args: [someone] }]);
    let alerts = await expectRules({ unpause: 1, unfreeze: 1, "guard.announced": 2, "guard.executed": 2 });
    expect(only(alerts, "unfreeze").line).to.contain(someone);
    const module = localWallet(29).address;
    const handler = await sys.coin.getAddress(); // any contract: the Safe only records it
    await custody([{ contract: "ReserveSafe", fn: "enableModule", args: [module] }]);
    await custody([
      { contract: "ReserveSafe", fn: "disableModule", args: ["0x0000000000000000000000000000000000000001", module] },
    ]);
    await custody([{ contract: "ReserveSafe", fn: "setFallbackHandler", args: [handler] }]);
    await custody([{ contract: "ReserveSafe", fn: "setFallbackHandler", args: [ZeroAddress] }]);
    alerts = await expectRules({ "safe.module": 2, "safe.fallback": 2 });
    const modules = alerts.filter((a) => a.rule === "safe.module");
    expect(modules.map((a) => a.severity)).to.deep.equal(["critical", "warning"]);
    expect(modules[0].line).to.equal(`Safe MODULE ENABLED: ${module} (it can move everything without signatures)`);
    expect(alerts.filter((a) => a.rule === "safe.fallback").every((a) => a.severity === "critical")).to.equal(true);
    await custody([
      { contract: "SomSupplyController", fn: "removeMinter", args: [sys.signers[ACCOUNTS.minter].address] },
    ]);
    alerts = await expectRules({ "minter.removed": 1 });
    expect(only(alerts, "minter.removed").line).to.match(/^Minter .*0x[0-9a-fA-F]{40}.* removed$/);
  });

  it("every request was a standard eth_ method, and no eth_getLogs range exceeded rangeSize", function () {
    expect(requests.length).to.be.greaterThan(0);
    const methods = new Set(requests.map((r) => r.method));
    expect([...methods].filter((m) => !/^eth_[a-zA-Z]+$/.test(m))).to.deep.equal([]);
    const ranges = requests
      .filter((r) => r.method === "eth_getLogs")
      .map((r) => (r.params as { fromBlock: string; toBlock: string }[])[0])
      .map((f) => Number(f.toBlock) - Number(f.fromBlock) + 1);
    expect(ranges.length).to.be.greaterThan(3);
    expect(Math.max(...ranges)).to.be.at.most(RANGE);
  });
});
