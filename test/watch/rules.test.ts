/**
 * Each rule triggered by the real action through the real tooling on a hardhat node (attestors' signed report,
 * a minter's mint, the compliance key's freeze and pause, an owner's announcement with the guard library, a
 * custodian proposal announced, signed and executed by the custody flow, the clock moved past the reserves'
 * age) yields exactly one alert of that rule on stdout and at the webhook receiver, signed.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { id } from "ethers";
import { signReport } from "../../src/attestation/sign";
import { submitSignedReport } from "../../src/attestation/submit";
import { SOM_RESERVES } from "../../src/chain/constants";
import { localAccountWallet } from "../../src/chain/localKeys";
import { proposeSignExecute, signAndExecute } from "../../src/custody/flow";
import { readProposal } from "../../src/custody/proposal";
import { readRecords } from "../../src/chain/records";
import { announceCalls } from "../../src/guard/announcements";
import type { Alert } from "../../src/watch/alert";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { SomSupplyController__factory } from "../../typechain-types/factories/contracts/stablecoin/SomSupplyController__factory";
import { PROJECT_ROOT } from "../helpers/cli";
import { deployOnNode, rpc, startReceiver, watchOnce, writeConfig } from "./harness";
import type { Deployed } from "./harness";

describe("watch: each rule, triggered by the real action, alerts exactly once", function () {
  this.timeout(600_000);
  let d: Deployed;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let config: string;
  let proposals: string;
  const addr = (name: string): string => d.records.find((r) => r.name === name)?.address as string;
  const w = (i: number) => localAccountWallet(i).connect(d.provider);

  /** Runs the watcher once and checks the rules of the new alerts, and the receiver's copy of each. */
  async function expectRules(rules: Record<string, number>): Promise<Alert[]> {
    const before = receiver.received.length;
    const { alerts } = await watchOnce(d, config);
    const counts: Record<string, number> = {};
    for (const a of alerts) counts[a.rule] = (counts[a.rule] ?? 0) + 1;
    for (const [rule, n] of Object.entries(rules))
      expect(counts[rule] ?? 0, `${rule} in ${JSON.stringify(counts)}`).to.equal(n);
    const got = receiver.received.slice(before);
    expect(got.map((r) => r.key)).to.deep.equal(alerts.map((a) => a.key));
    expect(got.every((r) => r.signatureValid)).to.equal(true);
    return alerts;
  }

  before(async function () {
    d = await deployOnNode();
    receiver = await startReceiver();
    proposals = path.join(d.root, "proposals");
    config = writeConfig(d.root, {
      confirmations: 0,
      proposalsDir: proposals,
      webhooks: [{ url: receiver.url, retries: 1, backoffMs: 10 }],
    });
    const first = await watchOnce(d, config); // the deployment itself
    expect(first.alerts.length).to.be.greaterThan(0);
  });

  after(async function () {
    await receiver?.close();
    d?.provider.destroy();
    await d?.node.stop();
    if (d) fs.rmSync(d.root, { recursive: true, force: true });
  });

  it("a mint by the minter: one mint alert, and the minter's bucket nearly empty once", async function () {
    const registry = addr("AttestationRegistry");
    const now = (await d.provider.getBlock("latest"))?.timestamp ?? 0;
    const r = {
      chainId: 31337n,
      registry,
      report: {
        subject: SOM_RESERVES,
        value: 10n ** 12n,
        asOf: BigInt(now - 5),
        docHash: id("bank statement"),
        uri: "ipfs://r",
      },
    };
    const sigs = [await signReport(r, localAccountWallet(4)), await signReport(r, localAccountWallet(5))];
    await submitSignedReport(r, sigs, w(4));
    const ctl = SomSupplyController__factory.connect(addr("SomSupplyController"), w(7));
    await (await ctl.mint(9_500_000_000n)).wait();
    const alerts = await expectRules({ mint: 1, "minter.bucket-low": 1, "reserves.stale": 0 });
    const mint = alerts.find((a) => a.rule === "mint") as Alert;
    expect(mint.line).to.match(/^Minted 95,000,000\.00 KGSC .* by minter 0x/);
    // docs/watch.md's sample line, read at the mint's block
    expect(alerts.find((a) => a.rule === "minter.bucket-low")?.line).to.equal(
      `Minter ${w(7).address}: bucket nearly empty, 5,000,000.00 KGSC (raw 500000000) of 100,000,000.00 KGSC ` +
        "(raw 10000000000) left",
    );
    await expectRules({ mint: 0, "minter.bucket-low": 0 }); // nothing twice
  });

  it("a freeze and a pause by the compliance key: one alert each", async function () {
    const coin = SomStablecoin__factory.connect(addr("SomStablecoin"), w(8));
    await (await coin.freeze(localAccountWallet(15).address)).wait();
    await expectRules({ freeze: 1, pause: 0 });
    await (await coin.pause()).wait();
    const alerts = await expectRules({ pause: 1, freeze: 0 });
    expect(alerts.find((a) => a.rule === "pause")?.severity).to.equal("critical");
  });

  it("an announcement no proposal has: one UNEXPECTED critical alert, decoded", async function () {
    const coin = SomStablecoin__factory.createInterface();
    const call = {
      to: addr("SomStablecoin"),
      value: 0n,
      data: coin.encodeFunctionData("setMaxReserveAge", [86_400 * 30]),
      operation: 0 as const,
    };
    await announceCalls(w(1), addr("ReserveGuard"), addr("ReserveSafe"), [call]);
    const alerts = await expectRules({ "guard.announced": 1 });
    const a = alerts.find((x) => x.rule === "guard.announced") as Alert;
    expect(a.severity).to.equal("critical");
    expect(a.details.unexpected).to.equal(true);
    expect(a.line).to.match(/^UNEXPECTED ANNOUNCED: Set the maximum reserve attestation age to /);
    expect(a.line).to.contain("delayed call");
  });

  it("a custodian proposal announced, signed and executed: announcement expected, execution, role grant", async function () {
    const r = await proposeSignExecute({
      provider: d.provider,
      executor: w(0),
      safe: "ReserveSafe",
      records: d.records,
      calls: [{ contract: "SomStablecoin", fn: "grantRole", args: ["PAUSER_ROLE", localAccountWallet(16).address] }],
      custodians: [localAccountWallet(1), localAccountWallet(2)],
      dir: proposals,
      guard: {
        address: addr("ReserveGuard"),
        announcer: w(1),
        passDelay: async () => {
          await rpc(d.provider, "evm_increaseTime", [16]);
          await rpc(d.provider, "evm_mine");
        },
      },
    });
    expect(r.receipt?.status).to.equal(1);
    const alerts = await expectRules({
      "guard.announced": 1,
      "guard.executed": 1,
      "safe.executed": 1,
      "role.granted": 1,
    });
    const ann = alerts.find((x) => x.rule === "guard.announced") as Alert;
    expect(ann.details.unexpected).to.equal(false);
    expect(ann.severity).to.equal("warning");
    expect(alerts.find((x) => x.rule === "safe.executed")?.line).to.match(/^Safe executed: Grant PAUSER_ROLE .* to 0x/);
  });

  it("an upgrade after the deployment (npm run upgrade, then the custodians): one critical upgrade alert", async function () {
    const out = path.join(proposals, "upgrade-stablecoin.json");
    const prepared = spawnSync(
      "npm",
      ["run", "upgrade", "--", "--network", "localhost", "--target", "SomStablecoin"].concat([
        "--implementation",
        "SomStablecoinV2Mock",
        "--out",
        out,
      ]),
      { cwd: PROJECT_ROOT, env: d.env, encoding: "utf8", timeout: 300_000 },
    );
    expect(prepared.status, `${prepared.stdout}\n${prepared.stderr}`).to.equal(0);
    // the implementation's deployment alerts nothing: it is not a record of the system until the Safe executes
    await expectRules({ upgrade: 0 });
    const records = readRecords(d.root, "localhost");
    const r = await signAndExecute({
      provider: d.provider,
      executor: w(0),
      proposal: readProposal(out),
      proposalFile: out,
      records,
      custodians: [localAccountWallet(1), localAccountWallet(2)],
      guard: {
        address: addr("ReserveGuard"),
        announcer: w(1),
        passDelay: async (executableAt) => {
          const now = BigInt((await d.provider.getBlock("latest"))?.timestamp ?? 0);
          await rpc(d.provider, "evm_increaseTime", [Number(executableAt - now) + 1]);
          await rpc(d.provider, "evm_mine");
        },
      },
    });
    expect(r.receipt.status).to.equal(1);
    const alerts = await expectRules({ upgrade: 1, "guard.announced": 1, "guard.executed": 1, "safe.executed": 1 });
    const up = alerts.find((a) => a.rule === "upgrade") as Alert;
    expect(up.severity).to.equal("critical");
    const impl = records.find((x) => x.contract === "SomStablecoinV2Mock")?.address as string;
    // named by the record `npm run upgrade` wrote for the implementation it validated
    expect(up.line).to.equal(
      `UPGRADED SomStablecoin to implementation ${impl} (Implementation:SomStablecoinV2Mock@${impl})`,
    );
    expect(up.transaction).to.equal(r.receipt.hash);
    expect(alerts.find((a) => a.rule === "guard.announced")?.details.unexpected).to.equal(false);
    await expectRules({ upgrade: 0 }); // nothing twice
  });

  it("the attested reserves aged by moving the clock: aging once, then stale once", async function () {
    await rpc(d.provider, "evm_increaseTime", [150_000]); // 172,800 s max age: past 80%
    await rpc(d.provider, "evm_mine");
    await expectRules({ "reserves.aging": 1, "reserves.stale": 0 });
    await rpc(d.provider, "evm_increaseTime", [30_000]);
    await rpc(d.provider, "evm_mine");
    await expectRules({ "reserves.aging": 0, "reserves.stale": 1 });
    await expectRules({ "reserves.aging": 0, "reserves.stale": 0 });
  });

  it("--from-block N reads again from block N: its alerts are delivered again (a replay)", async function () {
    const coin = SomStablecoin__factory.connect(addr("SomStablecoin"), w(8));
    const receipt = await (await coin.freeze(localAccountWallet(17).address)).wait();
    const [first] = (await expectRules({ freeze: 1 })).filter((a) => a.rule === "freeze");
    await expectRules({ freeze: 0 });
    const again = await watchOnce(d, config, { "from-block": String(receipt?.blockNumber) });
    expect(again.alerts.filter((a) => a.rule === "freeze").map((a) => a.key)).to.deep.equal([first.key]);
  });
});
