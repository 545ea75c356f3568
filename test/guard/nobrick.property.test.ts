/**
 * Property: no sequence of guard-permitted configuration changes bricks the Safe. Random sequences of
 * announced, delayed changes (delay anywhere in [0, 30 days], expiry window in [1 h, 90 days], a call rule that
 * refuses every ordinary call, its removal, threshold changes, cancelled announcements) always leave the Safe able
 * to remove its guard by an announced setGuard(0) and then pay.
 */
import { expect } from "chai";
import fc from "fast-check";
import hre from "hardhat";
import { Interface, Wallet, ZeroAddress, id } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CUSTODIANS } from "../safe/fixtures";
import { announceCalls, cancelCall, guardOf, setCallRuleCall, setDelayCall, setExpiryWindowCall, setGuardCall } from "../../src/guard";
import type { InnerCall } from "../../src/safe/multisend";
import { execCalls, guardFixture } from "./fixture";
import type { GuardFixture } from "./fixture";

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 7_2026;
const RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : 8;
const PAYEE = new Wallet(id("nobrick-payee")).address;
const SAFE_ABI = new Interface(["function changeThreshold(uint256)"]);

type Step = { kind: "delay"; v: number } | { kind: "window"; v: number } | { kind: "ruleAll" } | { kind: "ruleNone" } | { kind: "threshold"; v: number } | { kind: "cancelled" };

async function announcedExec(fx: GuardFixture, calls: InnerCall[]): Promise<void> {
  const safe = fx.safe23.address;
  const [a] = await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), fx.guardAddress, safe, calls);
  await time.increaseTo(a.executableAt);
  const threshold = Number(await hre.ethers.provider.call({ to: safe, data: "0xe75235b8" })); // getThreshold()
  const signers = [0, 1, 2].slice(0, threshold);
  await (await execCalls(fx, calls, safe, signers)).wait();
}

describe("ReserveGuard: no tested sequence bricks the Safe (property)", function () {
  it(`after any sequence of announced changes, setGuard(0) still goes through (seed ${SEED}, ${RUNS} runs)`, async function () {
    console.log(`      FC_SEED=${SEED} FC_NUM_RUNS=${RUNS}`);
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant("delay" as const), v: fc.integer({ min: 0, max: 30 * 86400 }) }),
      fc.record({ kind: fc.constant("window" as const), v: fc.integer({ min: 3600, max: 90 * 86400 }) }),
      fc.constant({ kind: "ruleAll" as const }),
      fc.constant({ kind: "ruleNone" as const }),
      fc.record({ kind: fc.constant("threshold" as const), v: fc.integer({ min: 1, max: 3 }) }),
      fc.constant({ kind: "cancelled" as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const fx = await loadFixture(guardFixture);
        const g = fx.guardAddress;
        const safe = fx.safe23.address;
        const [deployer] = await hre.ethers.getSigners();
        await deployer.sendTransaction({ to: safe, value: 10n });
        const refuseAll = await (await hre.ethers.deployContract("ReserveCallRuleMock", [ZeroAddress, true])).getAddress();
        for (const s of steps) {
          if (s.kind === "delay") await announcedExec(fx, [setDelayCall(g, BigInt(s.v))]);
          if (s.kind === "window") await announcedExec(fx, [setExpiryWindowCall(g, BigInt(s.v))]);
          if (s.kind === "ruleAll") await announcedExec(fx, [setCallRuleCall(g, refuseAll)]);
          if (s.kind === "ruleNone") await announcedExec(fx, [setCallRuleCall(g, ZeroAddress)]);
          if (s.kind === "threshold") await announcedExec(fx, [{ to: safe, value: 0n, operation: 0, data: SAFE_ABI.encodeFunctionData("changeThreshold", [s.v]) }]);
          if (s.kind === "cancelled") {
            const [a] = await announceCalls(CUSTODIANS[1].connect(hre.ethers.provider), g, safe, [setGuardCall(safe, ZeroAddress)]);
            const threshold = Number(await hre.ethers.provider.call({ to: safe, data: "0xe75235b8" }));
            await (await execCalls(fx, [cancelCall(g, a.hash)], safe, [0, 1, 2].slice(0, threshold))).wait();
          }
        }
        await announcedExec(fx, [setGuardCall(safe, ZeroAddress)]);
        expect(await guardOf(hre.ethers.provider, safe)).to.equal(ZeroAddress);
        const threshold = Number(await hre.ethers.provider.call({ to: safe, data: "0xe75235b8" }));
        await expect(execCalls(fx, [{ to: PAYEE, value: 1n, data: "0x", operation: 0 }], safe, [0, 1, 2].slice(0, threshold))).to.changeEtherBalance(PAYEE, 1n);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
