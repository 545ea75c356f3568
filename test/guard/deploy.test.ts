/**
 * Installation of the ReserveGuard by the deployment: on a new Safe inside its creation transaction (setup
 * delegatecalls ReserveGuardSetup, which calls the Safe's own setGuard and then the hand-over batch), and on an
 * existing Safe through the hand-over proposal. Plus the `reserveSafe.guard` configuration rule.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { Interface, Wallet, ZeroAddress, id } from "ethers";
import { loadDeployConfig, parseDeployConfig } from "../../src/deploy/config";
import { readRecords } from "../../src/chain/records";
import { DeployError, deploySystem } from "../../src/deploy/system";
import { createReserveSafe, ensureSafeInfrastructure, fallbackHandlerOf } from "../../src/safe/deploy";
import { createSafeWalletStyleSafe } from "../helpers/safe-wallet";
import { signAndExecute } from "../../src/custody/flow";
import { readProposal } from "../../src/custody/proposal";
import {
  callsNeedingAnnouncement,
  delaySelectorsCall,
  guardOf,
  guardedSetupCall,
  missingDelayedSelectors,
  parseGuardConfig,
  requireDelayedSet,
} from "../../src/guard";
import { describeSafeGuard } from "../../src/custody/announcements";
import { encodeMultiSendCall } from "../../src/safe/multisend";
import { PROJECT_ROOT } from "../helpers/cli";
import { expectRejects } from "../helpers/rejects";
import { ACCOUNTS, localWallet } from "../helpers/system";
import { ReserveGuardSetup__factory, ReserveGuard__factory } from "../../typechain-types";

const fail = (field: string, problem: string): never => {
  throw new Error(`${field}: ${problem}`);
};

describe("ReserveGuard installation by the deployment", function () {
  it("a new Safe is created with the guard installed in its creation transaction; a self-call is then refused", async function () {
    const base = loadDeployConfig(PROJECT_ROOT, "hardhat");
    const config = {
      ...base,
      reserveSafe: { ...base.reserveSafe, saltNonce: "777" },
      reserveGuard: { delaySeconds: 60, expiryWindowSeconds: 3600 },
      // the guard alone: without the market, whose deployment installs the call rule (test/deploy/market.test.ts)
      market: undefined,
    };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-guarded-"));
    const result = await deploySystem({ hre, config, root, log: () => undefined });
    const guard = result.records.ReserveGuard.address;
    expect(result.records.ReserveGuardSetup.address).to.not.equal(undefined);
    expect(await guardOf(hre.ethers.provider, result.safe)).to.equal(guard);
    const g = ReserveGuard__factory.connect(guard, hre.ethers.provider);
    expect(await g.delayOf(result.safe)).to.equal(60n);
    // the creation transaction installed the guard (ChangedGuard emitted by the Safe in the Safe's creation block)
    const created = result.records.ReserveSafe;
    const logs = await hre.ethers.provider.getLogs({
      address: result.safe,
      fromBlock: created.blockNumber,
      toBlock: created.blockNumber,
      topics: [id("ChangedGuard(address)")],
    });
    expect(logs).to.have.length(1);
    expect(logs[0].transactionHash).to.equal(created.transactionHash);
    // the admin hand-over batch still ran inside setup
    const coin = await hre.ethers.getContractAt("SomStablecoin", result.records.SomStablecoin.address);
    expect(await coin.defaultAdmin()).to.equal(result.safe);
    const changeThreshold = new Interface(["function changeThreshold(uint256)"]).encodeFunctionData(
      "changeThreshold",
      [1],
    );
    const dryRun = g.interface.encodeFunctionData("checkTransaction", [
      result.safe,
      0n,
      changeThreshold,
      0,
      0n,
      0n,
      0n,
      ZeroAddress,
      ZeroAddress,
      "0x",
      ZeroAddress,
    ]);
    await expect(
      hre.ethers.provider.call({ from: result.safe, to: guard, data: dryRun }),
    ).to.be.revertedWithCustomError(g, "CallNotAnnounced");
    const described = (await describeSafeGuard(hre.ethers.provider, result.safe, guard)).join("\n");
    expect(described)
      .to.contain(`guard ReserveGuard ${guard}`)
      .and.contain("delay 60 s, expiry window 3600 s, call rule none")
      .and.contain("no pending announcement");
    expect(
      (await describeSafeGuard(hre.ethers.provider, result.records.SomStablecoin.address, guard)).join("\n"),
    ).to.contain("no transaction guard (EXPECTED");
    // rerun: nothing to do
    const again = await deploySystem({ hre, config, root, log: () => undefined });
    expect(again.alreadyComplete).to.equal(true);
  });

  it("an existing unguarded Safe (made by Safe{Wallet}: with a fallback handler) gets setFallbackHandler(0) and setGuard in its hand-over proposal (no announcement needed before the first guard)", async function () {
    const [deployer] = await hre.ethers.getSigners();
    const owners = ACCOUNTS.custodians.map((i) => localWallet(i).address);
    const existing = await createSafeWalletStyleSafe(owners, 2, 4343n);
    const config = {
      ...loadDeployConfig(PROJECT_ROOT, "hardhat"),
      reserveSafe: { address: existing.address },
      reserveGuard: { delaySeconds: 60 },
      market: undefined,
    };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-guarded-handover-"));
    await expectRejects(deploySystem({ hre, config, root, log: () => undefined }), /still holds/, DeployError);
    const file = path.join(root, "deployments", "hardhat", ".som", "handover-proposal.json");
    const proposal = readProposal(file);
    expect(proposal.summary.join("\n")).to.match(/setFallbackHandler[^]*setGuard/);
    const records = readRecords(root, "hardhat");
    const guard = records.find((r) => r.name === "ReserveGuard")?.address as string;
    // the classification marks what a guarded Safe would have to announce (5 admin acceptances, 2 self-calls);
    // this batch runs before any guard is installed, so none needs it (executed below without announcement),
    // and it ends by installing the guard's delayed set
    expect(callsNeedingAnnouncement(existing.address, guard, proposal.safeTx).map((c) => c.kind)).to.deep.equal([
      ...Array(5).fill("delayed"),
      "self-call",
      "self-call",
    ]);
    expect(proposal.summary.join("\n")).to.match(/setGuard[^]*delaySelectors/);
    await signAndExecute({
      provider: hre.ethers.provider,
      executor: deployer,
      proposal,
      proposalFile: file,
      records,
      custodians: [localWallet(1), localWallet(3)],
      allow: ["self-call"],
    });
    expect(await guardOf(hre.ethers.provider, existing.address)).to.equal(guard);
    expect(await fallbackHandlerOf(hre.ethers.provider, existing.address)).to.equal(ZeroAddress);
    expect(await missingDelayedSelectors(hre.ethers.provider, guard, existing.address)).to.deep.equal([]);
    const result = await deploySystem({ hre, config, root, log: () => undefined });
    expect(result.alreadyComplete).to.equal(true);
  });

  it("ReserveGuardSetup refuses a direct call, a zero guard, a failing batch; its constructor needs MultiSendCallOnly code", async function () {
    const [deployer] = await hre.ethers.getSigners();
    const infra = await ensureSafeInfrastructure(deployer, (m, p) => hre.ethers.provider.send(m, p), "Safe");
    const setup = await new ReserveGuardSetup__factory(deployer).deploy(infra.multiSendCallOnly);
    const someone = new Wallet(id("x")).address;
    await expect(new ReserveGuardSetup__factory(deployer).deploy(someone)).to.be.revertedWithCustomError(
      setup,
      "NotAContract",
    );
    await expect(setup.setupGuard(someone, "0x")).to.be.revertedWithCustomError(setup, "OnlyDelegateCall");
    const guard = await new ReserveGuard__factory(deployer).deploy(infra.multiSendCallOnly, 60, 3600);
    const guardAddress = await guard.getAddress();
    const owners = ACCOUNTS.custodians.map((i) => localWallet(i).address);
    const setupAddress = await setup.getAddress();
    const mk = (saltNonce: bigint, call: { to: string; data: string }): Promise<unknown> =>
      createReserveSafe(deployer, infra, {
        owners,
        threshold: 2,
        saltNonce,
        setupCall: call,
        guard: guardAddress,
        checkGuard: requireDelayedSet,
      });
    const zero = setup.interface.encodeFunctionData("setupGuard", [ZeroAddress, "0x"]);
    await expectRejects(mk(1n, { to: setupAddress, data: zero }), /./);
    const failing = new Interface(["function multiSend(bytes)"]).encodeFunctionData("multiSend", [
      "0x00" + infra.multiSendCallOnly.slice(2) + "00".repeat(32) + "00".repeat(31) + "04" + "deadbeef",
    ]);
    await expectRejects(mk(2n, guardedSetupCall(setupAddress, await guard.getAddress(), failing)), /./);
    // a guarded Safe without the classification's delayed set is refused: its upgrades would not wait
    await expectRejects(
      mk(4n, guardedSetupCall(setupAddress, guardAddress, "0x")),
      /does not delay 40 selector\(s\) of the classification/,
    );
    const withSet = encodeMultiSendCall([delaySelectorsCall(guardAddress)]);
    const created = (await mk(3n, guardedSetupCall(setupAddress, guardAddress, withSet))) as { address: string };
    expect(await guardOf(hre.ethers.provider, created.address)).to.equal(guardAddress);
    // adopting it again (a resumed deployment) holds it to the same: the guard it should have, no module
    expect(
      ((await mk(3n, guardedSetupCall(setupAddress, guardAddress, withSet))) as { address: string }).address,
    ).to.equal(created.address);
    await expectRejects(
      createReserveSafe(deployer, infra, {
        owners,
        threshold: 2,
        saltNonce: 3n,
        setupCall: guardedSetupCall(setupAddress, guardAddress, withSet),
      }),
      /has guard 0x[0-9a-fA-F]{40}, expected none/,
    );
  });

  it("config rule reserveSafe.guard: local omitted/false = none, public omitted = 48 h, public false or < 48 h refused, unknown keys refused", function () {
    expect(parseGuardConfig(undefined, true, fail)).to.equal(undefined);
    expect(parseGuardConfig(false, true, fail)).to.equal(undefined);
    expect(parseGuardConfig({ delaySeconds: 5 }, true, fail)).to.deep.equal({
      delaySeconds: 5,
      expiryWindowSeconds: 604800,
    });
    expect(parseGuardConfig(undefined, false, fail)).to.deep.equal({
      delaySeconds: 172800,
      expiryWindowSeconds: 604800,
    });
    expect(() => parseGuardConfig(false, false, fail)).to.throw(/must be guarded/);
    expect(() => parseGuardConfig({ delaySeconds: 3600 }, false, fail)).to.throw(
      /delaySeconds: must be an integer from 172800/,
    );
    expect(() => parseGuardConfig({ delaySeconds: 60, expiryWindowSeconds: 60 }, true, fail)).to.throw(
      /expiryWindowSeconds/,
    );
    expect(() => parseGuardConfig({ delay: 60 }, true, fail)).to.throw(/unknown key delay/);
    expect(() => parseGuardConfig(60, true, fail)).to.throw(/must be an object/);
    const raw = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "hardhat.json"), "utf8")) as {
      reserveSafe: Record<string, unknown>;
    };
    raw.reserveSafe.guard = { delaySeconds: 30 };
    expect(parseDeployConfig(raw, "hardhat.json", "hardhat").reserveGuard).to.deep.equal({
      delaySeconds: 30,
      expiryWindowSeconds: 604800,
    });
  });
});
