/**
 * Issue 21 on the deployed system: the real deployment (src/deploy/system.ts) creates the 2-of-3 reserve Safe
 * with the ReserveGuard and the classification's delayed set in its creation transaction. Every attack of the
 * review, with genuine threshold signatures and no announcement, reverts on chain (alone and in one
 * MultiSendCallOnly batch) and changes nothing; announced and waited out, each executes once; the protective
 * calls (pause, freeze, removeMinter, revokeRole, cancel) execute at once with no announcement.
 */
import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Wallet, id } from "ethers";
import type { ContractTransactionResponse } from "ethers";
import { announceCalls, cancelCall, guardCallHash, missingDelayedSelectors } from "../../src/guard";
import { deployMarket } from "../../src/market/deploy";
import { encodeMultiSendCall } from "../../src/safe/multisend";
import type { InnerCall } from "../../src/safe/multisend";
import { safeContract } from "../../src/custody/execute";
import { packSignatures } from "../../src/safe/signatures";
import { buildSafeTx, signSafeTx } from "../../src/safe/safeTx";
import {
  CounterpartyRegistry__factory,
  ReserveGuard__factory,
  SomStablecoin__factory,
  SomSupplyController__factory,
  UpgradeableBeacon__factory,
} from "../../typechain-types";
import { ACCOUNTS, deploySystemFixture, localWallet } from "../helpers/system";

const DELAY = 60;
const ATTACKER = new Wallet(id("issue-21-attacker")).address;

async function guardedSystem() {
  const sys = await deploySystemFixture((c) => ({
    ...c,
    reserveGuard: { delaySeconds: DELAY, expiryWindowSeconds: 3600 },
    market: undefined,
  }));
  const guard = ReserveGuard__factory.connect(sys.at("ReserveGuard"), hre.ethers.provider);
  const market = await deployMarket(hre, {
    deployer: sys.signers[0],
    token: await sys.coin.getAddress(),
    reserve: sys.safe,
    regulator: sys.signers[13].address,
    adminDelay: 0,
  });
  const multiSend = sys.at("MultiSendCallOnly");
  const owners = ACCOUNTS.custodians.map(localWallet);
  /** execTransaction with genuine signatures of owners 1 and 2, no tooling in between: what a lying screen produces. */
  const sendSigned = async (calls: InnerCall[]): Promise<ContractTransactionResponse> => {
    const s = safeContract(sys.safe, sys.signers[ACCOUNTS.custodians[2]]);
    const nonce = BigInt(await s.getFunction("nonce").staticCall());
    const tx =
      calls.length === 1
        ? buildSafeTx({ to: calls[0].to, data: calls[0].data, value: calls[0].value, nonce })
        : buildSafeTx({ to: multiSend, data: encodeMultiSendCall(calls), operation: 1, nonce });
    const sigs = await Promise.all(
      owners.slice(0, 2).map(async (w) => ({ signer: w.address, signature: await signSafeTx(w, 31337, sys.safe, tx) })),
    );
    return s.getFunction("execTransaction")(
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      packSignatures(sigs),
    ) as Promise<ContractTransactionResponse>;
  };
  return { ...sys, guard, market, sendSigned, owners };
}

describe("ReserveGuard on the deployed system: the Safe's power over our contracts waits out the delay", function () {
  it("the deployment installs the whole delayed set in the Safe's creation", async function () {
    const sys = await loadFixture(guardedSystem);
    expect(await missingDelayedSelectors(hre.ethers.provider, await sys.guard.getAddress(), sys.safe)).to.deep.equal(
      [],
    );
  });

  it("every attack of the review reverts unannounced (alone and as one batch), changes nothing, then executes once after announcement and delay", async function () {
    const sys = await loadFixture(guardedSystem);
    const { coin, safe, guard } = sys;
    const coinAddr = await coin.getAddress();
    const controller = SomSupplyController__factory.connect(sys.at("SomSupplyController"), hre.ethers.provider);
    const beacon = UpgradeableBeacon__factory.connect(sys.at("AssetTokenBeacon"), hre.ethers.provider);
    const counterparties = CounterpartyRegistry__factory.connect(
      await sys.market.registry.getAddress(),
      hre.ethers.provider,
    );
    const coinV2 = await (await hre.ethers.deployContract("SomStablecoinV2Mock")).getAddress();
    const controllerV2 = await (await hre.ethers.deployContract("SomSupplyController", [coinAddr])).getAddress();
    const assetV2 = await (await hre.ethers.deployContract("AssetTokenV2Mock")).getAddress();
    const feed = await (await hre.ethers.deployContract("AttestedValueSourceMock", [2])).getAddress();
    const at = (to: string, data: string): InnerCall => ({ to, value: 0n, operation: 0, data });
    const ci = SomStablecoin__factory.createInterface();
    const attacks: [string, InnerCall][] = [
      ["SomStablecoin.setReserve(attacker)", at(coinAddr, ci.encodeFunctionData("setReserve", [ATTACKER]))],
      [
        "SomStablecoin.setReserveFeed(attacker's contract)",
        at(coinAddr, ci.encodeFunctionData("setReserveFeed", [feed])),
      ],
      [
        "SomSupplyController.configureMinter(attacker)",
        at(
          await controller.getAddress(),
          controller.interface.encodeFunctionData("configureMinter", [ATTACKER, 10n ** 15n, 10n ** 15n, 10n ** 12n]),
        ),
      ],
      [
        "SomSupplyController.configureMinter(minter, raised allowance)",
        at(
          await controller.getAddress(),
          controller.interface.encodeFunctionData("configureMinter", [
            sys.signers[ACCOUNTS.minter].address,
            10n ** 16n,
            10n ** 15n,
            10n ** 12n,
          ]),
        ),
      ],
      ["SomStablecoin.upgradeToAndCall", at(coinAddr, ci.encodeFunctionData("upgradeToAndCall", [coinV2, "0x"]))],
      [
        "SomSupplyController.upgradeToAndCall",
        at(
          await controller.getAddress(),
          controller.interface.encodeFunctionData("upgradeToAndCall", [controllerV2, "0x"]),
        ),
      ],
      [
        "AssetTokenBeacon.upgradeTo",
        at(await beacon.getAddress(), beacon.interface.encodeFunctionData("upgradeTo", [assetV2])),
      ],
      [
        "AttestationRegistry.addAttestor(attacker)",
        at(await sys.registry.getAddress(), sys.registry.interface.encodeFunctionData("addAttestor", [ATTACKER])),
      ],
      [
        "SomStablecoin.setSupplyController(attacker)",
        at(coinAddr, ci.encodeFunctionData("setSupplyController", [ATTACKER])),
      ],
      [
        "SomStablecoin.grantRole(COMPLIANCE_ROLE, attacker)",
        at(coinAddr, ci.encodeFunctionData("grantRole", [id("COMPLIANCE_ROLE"), ATTACKER])),
      ],
      [
        "CounterpartyRegistry.grantRole(REGULATOR_ROLE, attacker)",
        at(
          await counterparties.getAddress(),
          counterparties.interface.encodeFunctionData("grantRole", [id("REGULATOR_ROLE"), ATTACKER]),
        ),
      ],
      [
        "IdentityRegistry.setReserve(attacker)",
        at(await sys.identity.getAddress(), sys.identity.interface.encodeFunctionData("setReserve", [ATTACKER])),
      ],
    ];
    const state = async () => [
      await coin.reserve(),
      await coin.reserveFeed(),
      await coin.supplyController(),
      await controller.isMinter(ATTACKER),
      await controller.minterAllowance(sys.signers[ACCOUNTS.minter].address),
      await hre.ethers.provider.getStorage(
        coinAddr,
        "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc",
      ),
      await beacon.implementation(),
      await sys.registry.isAttestor(ATTACKER),
      await coin.hasRole(id("COMPLIANCE_ROLE"), ATTACKER),
      await counterparties.hasRole(id("REGULATOR_ROLE"), ATTACKER),
      await sys.identity.reserve(),
    ];
    const before = await state();
    const nonce = async () => safeContract(safe, hre.ethers.provider).getFunction("nonce").staticCall();
    const n0 = await nonce();
    for (const [name, call] of attacks) {
      await expect(sys.sendSigned([call]), name)
        .to.be.revertedWithCustomError(guard, "CallNotAnnounced")
        .withArgs(safe, guardCallHash(safe, call));
    }
    // the review's one batch, and the whole list in one batch
    await expect(sys.sendSigned(attacks.slice(0, 3).map(([, c]) => c))).to.be.revertedWithCustomError(
      guard,
      "CallNotAnnounced",
    );
    await expect(sys.sendSigned(attacks.map(([, c]) => c))).to.be.revertedWithCustomError(guard, "CallNotAnnounced");
    expect(await nonce()).to.equal(n0);
    expect(await state()).to.deep.equal(before);

    // announced by one owner (public: CallAnnounced), executable only after the delay, then once
    const announced = await announceCalls(
      sys.owners[0].connect(hre.ethers.provider),
      await guard.getAddress(),
      safe,
      attacks.map(([, c]) => c),
    );
    await expect(sys.sendSigned([attacks[0][1]])).to.be.revertedWithCustomError(guard, "AnnouncementNotDue");
    await time.increaseTo(announced[0].executableAt);
    for (const [name, call] of attacks) {
      await expect(sys.sendSigned([call]), name)
        .to.emit(guard, "AnnouncedCallExecuted")
        .withArgs(safe, guardCallHash(safe, call));
      await expect(sys.sendSigned([call]), `${name} again`).to.be.revertedWithCustomError(guard, "CallNotAnnounced");
    }
    expect(await coin.reserve()).to.equal(ATTACKER);
    expect(await beacon.implementation()).to.equal(assetV2);
    expect(await counterparties.hasRole(id("REGULATOR_ROLE"), ATTACKER)).to.equal(true);
  });

  it("protective calls execute at once with no announcement: pause, freeze, removeMinter, revokeRole, cancel", async function () {
    const sys = await loadFixture(guardedSystem);
    const { coin, safe, guard } = sys;
    const coinAddr = await coin.getAddress();
    const controller = SomSupplyController__factory.connect(sys.at("SomSupplyController"), hre.ethers.provider);
    const ci = coin.interface;
    const holder = new Wallet(id("frozen-holder")).address;
    // an announcement nobody expected: cancelled at once by the threshold
    const unexpected: InnerCall = {
      to: coinAddr,
      value: 0n,
      operation: 0,
      data: ci.encodeFunctionData("setReserve", [ATTACKER]),
    };
    const [a] = await announceCalls(sys.owners[2].connect(hre.ethers.provider), await guard.getAddress(), safe, [
      unexpected,
    ]);
    await expect(sys.sendSigned([cancelCall(await guard.getAddress(), a.hash)]))
      .to.emit(guard, "AnnouncementCancelled")
      .withArgs(safe, a.hash);
    await expect(
      sys.sendSigned([
        { to: coinAddr, value: 0n, operation: 0, data: ci.encodeFunctionData("pause") },
        { to: coinAddr, value: 0n, operation: 0, data: ci.encodeFunctionData("freeze", [holder]) },
        {
          to: await controller.getAddress(),
          value: 0n,
          operation: 0,
          data: controller.interface.encodeFunctionData("removeMinter", [sys.signers[ACCOUNTS.minter].address]),
        },
        {
          to: coinAddr,
          value: 0n,
          operation: 0,
          data: ci.encodeFunctionData("revokeRole", [id("PAUSER_ROLE"), sys.signers[ACCOUNTS.officer].address]),
        },
      ]),
    ).to.emit(coin, "Paused");
    expect(await coin.paused()).to.equal(true);
    expect(await coin.isFrozen(holder)).to.equal(true);
    expect(await controller.isMinter(sys.signers[ACCOUNTS.minter].address)).to.equal(false);
    expect(await coin.hasRole(id("PAUSER_ROLE"), sys.signers[ACCOUNTS.officer].address)).to.equal(false);
  });
});
