/**
 * The guard's delayed set (issue 21): the Safe's calls whose selector is on its delayed set wait out an
 * announcement like self-calls, top level and inside a MultiSendCallOnly batch; protective selectors can never
 * be delayed and never reach the call rule; adding to the set is instant, removing is announced. Every
 * delayed and every protective selector of the classification is tried against a target that accepts any
 * call, with genuine threshold signatures.
 */
import { expect } from "chai";
import hre from "hardhat";
import { Wallet, ZeroAddress, concat, id, zeroPadValue } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DELAY, announceAndWait, bareGuardFixture, execCalls, guardFixture } from "./fixture";
import type { GuardFixture } from "./fixture";
import {
  callsNeedingAnnouncement,
  delaySelectorsCall,
  delayedSelectors,
  guardCallHash,
  protectiveSelectors,
  setCallRuleCall,
  undelaySelectorsCall,
} from "../../src/guard";
import type { InnerCall } from "../../src/safe/multisend";
import type { GovernedTargetMock } from "../../typechain-types";

const ARG = zeroPadValue(new Wallet(id("delayed-arg")).address, 32);
const PAYEE = new Wallet(id("delayed-payee")).address;

interface DelayedFixture extends GuardFixture {
  target: GovernedTargetMock;
  targetAddress: string;
}

/** The guard fixture with the classification's delayed set installed on the 2-of-3 Safe (as the deployment does). */
async function delayedFixture(): Promise<DelayedFixture> {
  const fx = await loadFixture(guardFixture);
  const target = await hre.ethers.deployContract("GovernedTargetMock");
  return { ...fx, target, targetAddress: await target.getAddress() };
}

const callWith = (to: string, selector: string): InnerCall => ({
  to,
  value: 0n,
  operation: 0,
  data: concat([selector, ARG]),
});
const nonceOf = async (safe: string): Promise<bigint> =>
  BigInt(await hre.ethers.provider.call({ to: safe, data: "0xaffed0e0" })); // nonce()

describe("ReserveGuard: the delayed set", function () {
  it("installing the classification's set emits SelectorDelayed once per selector; a second install changes nothing", async function () {
    const fx = await loadFixture(bareGuardFixture);
    const safe = fx.safe23.address;
    const tx = await execCalls(fx, [delaySelectorsCall(fx.guardAddress)]);
    const receipt = await tx.wait();
    const events =
      receipt?.logs.filter((l) => l.topics[0] === fx.guard.interface.getEvent("SelectorDelayed").topicHash) ?? [];
    expect(events.length).to.equal(delayedSelectors().length);
    for (const sel of delayedSelectors()) expect(await fx.guard.isDelayed(safe, sel), sel).to.equal(true);
    await expect(execCalls(fx, [delaySelectorsCall(fx.guardAddress)])).not.to.emit(fx.guard, "SelectorDelayed");
    // another Safe on the same guard has its own (empty) set
    expect(await fx.guard.isDelayed(fx.safe35.address, delayedSelectors()[0])).to.equal(false);
  });

  it("every delayed selector: unannounced it reverts (alone and in a batch) and nothing changes; announced and waited out it executes once", async function () {
    const fx = await loadFixture(delayedFixture);
    const safe = fx.safe23.address;
    for (const sel of delayedSelectors()) {
      const call = callWith(fx.targetAddress, sel);
      const hash = guardCallHash(safe, call);
      const nonce = await nonceOf(safe);
      await expect(execCalls(fx, [call]), sel)
        .to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced")
        .withArgs(safe, hash);
      await expect(
        execCalls(fx, [{ to: PAYEE, value: 0n, data: "0x", operation: 0 }, call]),
        `${sel} in a batch`,
      ).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
      expect(await nonceOf(safe)).to.equal(nonce);
      expect(await fx.target.calls()).to.equal(0n);
    }
    // announced one by one would take 40 delays: announce all, wait once, execute each once
    const calls = delayedSelectors().map((sel) => callWith(fx.targetAddress, sel));
    await announceAndWait(fx, calls);
    for (const [i, call] of calls.entries()) {
      await expect(execCalls(fx, [call]))
        .to.emit(fx.guard, "AnnouncedCallExecuted")
        .withArgs(safe, guardCallHash(safe, call));
      expect(await fx.target.calls()).to.equal(BigInt(i + 1));
      await expect(execCalls(fx, [call])).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
    }
  });

  it("a delayed call waits the whole delay, and a batch needs each delayed entry announced", async function () {
    const fx = await loadFixture(delayedFixture);
    const [a, b] = delayedSelectors().map((sel) => callWith(fx.targetAddress, sel));
    await announceAndWait(fx, [a]);
    await expect(execCalls(fx, [a, b])).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
    const { announceCalls } = await import("../../src/guard");
    const { CUSTODIANS } = await import("../custody/fixtures");
    const [announced] = await announceCalls(
      CUSTODIANS[0].connect(hre.ethers.provider),
      fx.guardAddress,
      fx.safe23.address,
      [b],
    );
    await expect(execCalls(fx, [a, b])).to.be.revertedWithCustomError(fx.guard, "AnnouncementNotDue");
    await time.increaseTo(announced.executableAt);
    await expect(execCalls(fx, [a, b])).to.emit(fx.target, "Called");
  });

  it("refuses safeTxGas != 0 with a delayed call (its failure would not roll back the consumed announcement)", async function () {
    const fx = await loadFixture(delayedFixture);
    const call = callWith(fx.targetAddress, delayedSelectors()[0]);
    await announceAndWait(fx, [call]);
    await expect(
      execCalls(fx, [call], fx.safe23.address, [0, 1], { safeTxGas: 100_000n }),
    ).to.be.revertedWithCustomError(fx.guard, "SafeTxGasWithAnnouncedCall");
  });

  it("every protective selector executes at once with no announcement, even under a call rule that refuses everything; none can be delayed", async function () {
    const fx = await loadFixture(delayedFixture);
    const refuseAll = await hre.ethers.deployContract("ReserveCallRuleMock", [ZeroAddress, true]);
    const rule = setCallRuleCall(fx.guardAddress, await refuseAll.getAddress());
    await announceAndWait(fx, [rule]);
    await (await execCalls(fx, [rule])).wait();
    await expect(execCalls(fx, [callWith(fx.targetAddress, "0x12345678")])).to.be.revertedWithCustomError(
      refuseAll,
      "TargetBlocked",
    );
    const protective = protectiveSelectors();
    for (const sel of protective) {
      await expect(execCalls(fx, [callWith(fx.targetAddress, sel)]), sel).to.emit(fx.target, "Called");
      // the Safe's own call fails inside (GS013); the guard's reason, as the Safe gets it:
      await expect(execCalls(fx, [delaySelectorsCall(fx.guardAddress, [sel])]), sel).to.be.revertedWith("GS013");
      await expect(
        hre.ethers.provider.call({
          from: fx.safe23.address,
          to: fx.guardAddress,
          data: delaySelectorsCall(fx.guardAddress, [sel]).data,
        }),
        sel,
      )
        .to.be.revertedWithCustomError(fx.guard, "ProtectiveSelector")
        .withArgs(sel);
    }
    // in one batch too
    await expect(
      execCalls(
        fx,
        protective.map((sel) => callWith(fx.targetAddress, sel)),
      ),
    ).to.emit(fx.target, "Called");
    expect(await fx.target.calls()).to.equal(BigInt(protective.length * 2));
    // a batch mixing an instant addition with a protective selector is refused whole
    await expect(
      execCalls(fx, [delaySelectorsCall(fx.guardAddress, ["0x12345678", protective[0]])]),
    ).to.be.revertedWith("GS013");
    expect(await fx.guard.isDelayed(fx.safe23.address, "0x12345678")).to.equal(false);
  });

  it("adding a selector is instant; removing one is announced and delayed; calls shorter than a selector are ordinary", async function () {
    const fx = await loadFixture(delayedFixture);
    const safe = fx.safe23.address;
    const extra = "0xabcdef01";
    await expect(execCalls(fx, [delaySelectorsCall(fx.guardAddress, [extra])]))
      .to.emit(fx.guard, "SelectorDelayed")
      .withArgs(safe, extra);
    await expect(execCalls(fx, [callWith(fx.targetAddress, extra)])).to.be.revertedWithCustomError(
      fx.guard,
      "CallNotAnnounced",
    );
    const remove = undelaySelectorsCall(fx.guardAddress, [extra, "0x0badf00d"]);
    await expect(execCalls(fx, [remove])).to.be.revertedWith("GS013");
    await expect(
      hre.ethers.provider.call({
        from: safe,
        to: fx.guardAddress,
        data: undelaySelectorsCall(fx.guardAddress, [extra]).data,
      }),
    ).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
    // directly, outside a Safe transaction, too
    await expect(fx.guard.undelaySelectors([extra])).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
    await announceAndWait(fx, [remove]);
    await expect(execCalls(fx, [remove]))
      .to.emit(fx.guard, "SelectorUndelayed")
      .withArgs(safe, extra);
    expect(await fx.guard.isDelayed(safe, extra)).to.equal(false);
    await expect(execCalls(fx, [callWith(fx.targetAddress, extra)])).to.emit(fx.target, "Called");
    // 0-3 bytes of calldata: no selector (a plain payment)
    await (await hre.ethers.getSigners())[0].sendTransaction({ to: safe, value: 10n });
    await expect(execCalls(fx, [{ to: fx.targetAddress, value: 1n, data: "0x", operation: 0 }])).to.emit(
      fx.target,
      "Called",
    );
    await expect(execCalls(fx, [{ to: fx.targetAddress, value: 0n, data: "0x2f2ff1", operation: 0 }])).to.emit(
      fx.target,
      "Called",
    );
  });

  it('the tooling\'s callsNeedingAnnouncement marks exactly the delayed entries of a batch (kind "delayed")', async function () {
    const fx = await loadFixture(delayedFixture);
    const safe = fx.safe23.address;
    const [d] = delayedSelectors();
    const batch = [
      callWith(fx.targetAddress, d),
      callWith(fx.targetAddress, protectiveSelectors()[0]),
      { to: PAYEE, value: 0n, data: "0x", operation: 0 as const },
    ];
    const { encodeMultiSendCall } = await import("../../src/safe/multisend");
    const marked = callsNeedingAnnouncement(safe, fx.guardAddress, {
      to: fx.infra.multiSendCallOnly,
      value: 0n,
      data: encodeMultiSendCall(batch),
      operation: 1,
    });
    expect(marked.map((c) => [c.kind, c.data])).to.deep.equal([["delayed", batch[0].data]]);
    expect(callsNeedingAnnouncement(safe, undefined, { ...batch[0], operation: 0 })).to.deep.equal([]);
    void DELAY;
  });

  it("fails closed for calls to the guard: a threshold-signed checkTransaction naming a due announcement is refused and the announcement survives", async function () {
    const fx = await loadFixture(delayedFixture);
    const safe = fx.safe23.address;
    const call = callWith(fx.targetAddress, delayedSelectors()[0]);
    await announceAndWait(fx, [call]);
    const hash = guardCallHash(safe, call);
    const iface = fx.guard.interface;
    const consume = iface.encodeFunctionData("checkTransaction", [
      call.to,
      0n,
      call.data,
      0,
      0n,
      0n,
      0n,
      ZeroAddress,
      ZeroAddress,
      "0x",
      ZeroAddress,
    ]);
    const selector = consume.slice(0, 10);
    await expect(execCalls(fx, [{ to: fx.guardAddress, value: 0n, operation: 0, data: consume }]))
      .to.be.revertedWithCustomError(fx.guard, "GuardCallRefused")
      .withArgs(selector);
    await expect(
      execCalls(fx, [
        { to: PAYEE, value: 0n, data: "0x", operation: 0 },
        { to: fx.guardAddress, value: 0n, operation: 0, data: consume },
      ]),
    ).to.be.revertedWithCustomError(fx.guard, "GuardCallRefused");
    const announceSelf = iface.encodeFunctionData("announce", [safe, safe, 0n, "0x", 0]);
    await expect(
      execCalls(fx, [{ to: fx.guardAddress, value: 0n, operation: 0, data: announceSelf }]),
    ).to.be.revertedWithCustomError(fx.guard, "GuardCallRefused");
    await expect(execCalls(fx, [{ to: fx.guardAddress, value: 0n, operation: 0, data: "0x" }]))
      .to.be.revertedWithCustomError(fx.guard, "GuardCallRefused")
      .withArgs("0x00000000");
    expect((await fx.guard.announcement(safe, hash))[1]).to.not.equal(0n);
    // the announced call itself still executes once
    await expect(execCalls(fx, [call]))
      .to.emit(fx.guard, "AnnouncedCallExecuted")
      .withArgs(safe, hash);
  });
});
