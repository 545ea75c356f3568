import { expect } from "chai";
import hre from "hardhat";
import { AbiCoder, Interface, Wallet, ZeroAddress, concat, id, solidityPacked, toBeHex, zeroPadValue } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CUSTODIANS } from "../custody/fixtures";
import { expectRejects } from "../helpers/rejects";
import { DELAY, EXPIRY, announceAndWait, execCalls, execSafe, guardFixture } from "./fixture";
import {
  GuardError,
  SAFE_GUARD_INTERFACE_ID,
  announceCalls,
  callsNeedingAnnouncement,
  cancelCall,
  guardCallHash,
  guardOf,
  pendingAnnouncements,
  setCallRuleCall,
  setDelayCall,
  setExpiryWindowCall,
  setGuardCall,
} from "../../src/guard";
import { encodeMultiSendCall } from "../../src/safe/multisend";
import type { InnerCall } from "../../src/safe/multisend";
import { safeContract } from "../../src/custody/execute";
import { ReserveGuard__factory } from "../../typechain-types";

const SAFE_ABI = new Interface([
  "function addOwnerWithThreshold(address owner, uint256 threshold)",
  "function changeThreshold(uint256 threshold)",
  "function enableModule(address module)",
]);
const ATTACKER = new Wallet(id("attacker")).address;
const PAYEE = new Wallet(id("payee")).address;
const pay = (value = 1n): InnerCall => ({ to: PAYEE, value, data: "0x", operation: 0 });
const self = (
  safe: string,
  fn: "addOwnerWithThreshold" | "changeThreshold" | "enableModule",
  args: unknown[],
): InnerCall => ({
  to: safe,
  value: 0n,
  operation: 0,
  data: SAFE_ABI.encodeFunctionData(fn, args),
});

async function fund(address: string): Promise<void> {
  const [deployer] = await hre.ethers.getSigners();
  await deployer.sendTransaction({ to: address, value: 10n ** 18n });
}

/** eth_call of checkTransaction from `from` (plays the Safe). */
async function dryRun(
  guard: string,
  from: string,
  to: string,
  data: string,
  operation: number,
  extra: { safeTxGas?: bigint } = {},
): Promise<string> {
  const iface = ReserveGuard__factory.createInterface();
  return hre.ethers.provider.call({
    from,
    to: guard,
    data: iface.encodeFunctionData("checkTransaction", [
      to,
      0n,
      data,
      operation,
      extra.safeTxGas ?? 0n,
      0n,
      0n,
      ZeroAddress,
      ZeroAddress,
      "0x",
      ZeroAddress,
    ]),
  });
}

describe("ReserveGuard", function () {
  describe("Safe v1.4.1 guard interface and installation", function () {
    it("answers Safe's Guard interface id 0xe6d7a83a and ERC-165, nothing else; the Safe's setGuard accepted it", async function () {
      const fx = await loadFixture(guardFixture);
      expect(await fx.guard.supportsInterface(SAFE_GUARD_INTERFACE_ID)).to.equal(true);
      expect(await fx.guard.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await fx.guard.supportsInterface("0xffffffff")).to.equal(false);
      // the id Safe computes: checkTransaction(...) ^ checkAfterExecution(bytes32,bool)
      const a = BigInt(
        id("checkTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes,address)").slice(
          0,
          10,
        ),
      );
      const b = BigInt(id("checkAfterExecution(bytes32,bool)").slice(0, 10));
      expect(toBeHex(a ^ b, 4)).to.equal(SAFE_GUARD_INTERFACE_ID);
      expect(await guardOf(hre.ethers.provider, fx.safe23.address)).to.equal(fx.guardAddress);
      await expect(fx.guard.checkAfterExecution(id("x"), false)).not.to.be.reverted;
    });

    it("constructor refuses a MultiSendCallOnly without code, a delay above 30 days, an expiry window outside [1 h, 90 d]", async function () {
      const fx = await loadFixture(guardFixture);
      const F = await hre.ethers.getContractFactory("ReserveGuard");
      const ms = fx.infra.multiSendCallOnly;
      await expect(F.deploy(PAYEE, 0, EXPIRY))
        .to.be.revertedWithCustomError(fx.guard, "NotAContract")
        .withArgs(PAYEE);
      await expect(F.deploy(ms, 30 * 86400 + 1, EXPIRY)).to.be.revertedWithCustomError(fx.guard, "DelayOutOfRange");
      await expect(F.deploy(ms, 0, 3599)).to.be.revertedWithCustomError(fx.guard, "ExpiryWindowOutOfRange");
      await expect(F.deploy(ms, 0, 90 * 86400 + 1)).to.be.revertedWithCustomError(fx.guard, "ExpiryWindowOutOfRange");
      const g = await F.deploy(ms, 0, 3600);
      expect(await g.DEFAULT_DELAY()).to.equal(0n);
      expect(await fx.guard.delayOf(fx.safe23.address)).to.equal(BigInt(DELAY));
      expect(await fx.guard.expiryWindowOf(fx.safe23.address)).to.equal(BigInt(EXPIRY));
      expect(await fx.guard.callRuleOf(fx.safe23.address)).to.equal(ZeroAddress);
      expect(await fx.guard.MULTI_SEND_CALL_ONLY()).to.equal(ms);
    });
  });

  describe("ordinary calls, refunds, delegatecalls", function () {
    it("passes a plain call and a batch of plain calls", async function () {
      const fx = await loadFixture(guardFixture);
      await fund(fx.safe23.address);
      await expect(execCalls(fx, [pay(5n)])).to.changeEtherBalance(PAYEE, 5n);
      await expect(execCalls(fx, [pay(1n), pay(2n)])).to.changeEtherBalance(PAYEE, 3n);
    });

    it("refuses gas refunds: gasPrice != 0 or a refundReceiver", async function () {
      const fx = await loadFixture(guardFixture);
      await fund(fx.safe23.address);
      await expect(execSafe(fx.safe23.address, [0, 1], { to: PAYEE, data: "0x", gasPrice: 1n }))
        .to.be.revertedWithCustomError(fx.guard, "GasRefundRefused")
        .withArgs(1n, ZeroAddress);
      await expect(execSafe(fx.safe23.address, [0, 1], { to: PAYEE, data: "0x", refundReceiver: ATTACKER }))
        .to.be.revertedWithCustomError(fx.guard, "GasRefundRefused")
        .withArgs(0n, ATTACKER);
    });

    it("February 2025 shape: genuine threshold signatures on a delegatecall overwriting the singleton slot, and an unannounced addOwnerWithThreshold(attacker, 1): both revert, the Safe is unchanged", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const c = safeContract(safe, hre.ethers.provider);
      const before = {
        singleton: await hre.ethers.provider.getStorage(safe, 0),
        owners: await c.getFunction("getOwners").staticCall(),
        threshold: await c.getFunction("getThreshold").staticCall(),
        nonce: await c.getFunction("nonce").staticCall(),
      };
      const mock = await hre.ethers.deployContract("SafeSingletonOverwriterMock");
      const evil = await mock.getAddress();
      const overwrite = mock.interface.encodeFunctionData("overwrite", [ATTACKER]);
      await expect(execSafe(safe, [0, 1], { to: evil, data: overwrite, operation: 1 }))
        .to.be.revertedWithCustomError(fx.guard, "DelegateCallRefused")
        .withArgs(evil);
      const addOwner = self(safe, "addOwnerWithThreshold", [ATTACKER, 1]);
      await expect(execCalls(fx, [addOwner]))
        .to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced")
        .withArgs(safe, guardCallHash(safe, addOwner));
      // also hidden inside a batch behind an innocent call
      await expect(execCalls(fx, [pay(0n), addOwner])).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
      expect(await hre.ethers.provider.getStorage(safe, 0)).to.equal(before.singleton);
      expect(await c.getFunction("getOwners").staticCall()).to.deep.equal(before.owners);
      expect(await c.getFunction("getThreshold").staticCall()).to.equal(before.threshold);
      expect(await c.getFunction("nonce").staticCall()).to.equal(before.nonce);
    });

    it("allows delegatecall only to the canonical MultiSendCallOnly (not even to the Safe singleton)", async function () {
      const fx = await loadFixture(guardFixture);
      await expect(
        execSafe(fx.safe23.address, [0, 1], { to: fx.infra.singleton, data: "0x", operation: 1 }),
      ).to.be.revertedWithCustomError(fx.guard, "DelegateCallRefused");
    });
  });

  describe("MultiSendCallOnly batch parsing (fail closed)", function () {
    const header = (op: number, to: string, value: bigint, len: bigint): string =>
      solidityPacked(["uint8", "address", "uint256", "uint256"], [op, to, value, len]);
    const wrap = (packed: string): string =>
      new Interface(["function multiSend(bytes)"]).encodeFunctionData("multiSend", [packed]);

    it("refuses malformed batches, accepts an empty and a well-formed one", async function () {
      const fx = await loadFixture(guardFixture);
      const g = fx.guardAddress;
      const ms = fx.infra.multiSendCallOnly;
      const from = fx.safe23.address;
      const bad = async (data: string): Promise<void> => {
        await expect(dryRun(g, from, ms, data, 1)).to.be.revertedWithCustomError(fx.guard, "MalformedBatch");
      };
      await bad("0x8d80ff0a"); // too short
      await bad(concat(["0x12345678", zeroPadValue("0x20", 32), zeroPadValue("0x00", 32)])); // wrong selector
      await bad(concat(["0x8d80ff0a", zeroPadValue("0x40", 32)])); // offset past the end
      await bad(concat(["0x8d80ff0a", zeroPadValue("0x20", 32), zeroPadValue("0x40", 32)])); // length past the end
      await bad(wrap(concat([header(0, PAYEE, 0n, 0n)]).slice(0, -2))); // truncated header
      await bad(wrap(header(1, PAYEE, 0n, 0n))); // a delegatecall entry
      await bad(wrap(concat([header(0, PAYEE, 0n, 2n), "0xaa"]))); // data runs past the end
      await bad(wrap(concat([header(0, PAYEE, 0n, 0n), "0x00"]))); // trailing byte
      await dryRun(g, from, ms, wrap("0x"), 1);
      await dryRun(g, from, ms, wrap(concat([header(0, PAYEE, 0n, 1n), "0xaa", header(0, PAYEE, 5n, 0n)])), 1);
      expect(encodeMultiSendCall([pay(1n), pay(2n)])).to.equal(
        wrap(concat([header(0, PAYEE, 1n, 0n), header(0, PAYEE, 2n, 0n)])),
      );
    });

    it("reads what MultiSendCallOnly executes, byte for byte: a 36-byte call (offset 0) is an empty batch; an entry's value is its own word", async function () {
      // (mutation testing: ReserveGuard:constant:L509:3808eb12, ReserveGuard:constant:L520:be8a16e8)
      const fx = await loadFixture(guardFixture);
      const [g, ms, safe] = [fx.guardAddress, fx.infra.multiSendCallOnly, fx.safe23.address];
      await dryRun(g, safe, ms, concat(["0x8d80ff0a", zeroPadValue("0x00", 32)]), 1);
      // an announced self-call with a value, in a batch: matched by that value only
      const call = self(safe, "changeThreshold", [2]);
      await fx.guard.connect(CUSTODIANS[2].connect(hre.ethers.provider)).announce(safe, safe, 7n, call.data, 0);
      await time.increase(DELAY);
      const entry = (value: bigint): string =>
        wrap(concat([header(0, safe, value, BigInt((call.data.length - 2) / 2)), call.data]));
      await expect(dryRun(g, safe, ms, entry(6n), 1)).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
      await dryRun(g, safe, ms, entry(7n), 1);
    });
  });

  describe("announced self-calls", function () {
    it("a call to the guard that is a configuration selector alone (4 bytes) is read by that selector, not refused", async function () {
      // (mutation testing: ReserveGuard:constant:L485:28ff3873)
      const fx = await loadFixture(guardFixture);
      const selector = fx.guard.interface.getFunction("cancel").selector;
      await dryRun(fx.guardAddress, fx.safe23.address, fx.guardAddress, selector, 0);
      await expect(dryRun(fx.guardAddress, fx.safe23.address, fx.guardAddress, "0x12345678", 0))
        .to.be.revertedWithCustomError(fx.guard, "GuardCallRefused")
        .withArgs("0x12345678");
    });

    it("executes an announced changeThreshold only after the delay, once; emits the agreed events", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [3]);
      const hash = guardCallHash(safe, call);
      expect(await fx.guard.callHash(safe, call.to, 0n, call.data, 0)).to.equal(hash);
      const owner = CUSTODIANS[2].connect(hre.ethers.provider);
      const tx = fx.guard.connect(owner).announce(safe, call.to, 0n, call.data, 0);
      await expect(tx).to.emit(fx.guard, "CallAnnounced");
      const [executableAt, expiresAt] = await fx.guard.announcement(safe, hash);
      expect(expiresAt - executableAt).to.equal(BigInt(EXPIRY));
      expect(executableAt).to.equal(BigInt(await time.latest()) + BigInt(DELAY));
      await expect(execCalls(fx, [call]))
        .to.be.revertedWithCustomError(fx.guard, "AnnouncementNotDue")
        .withArgs(hash, executableAt);
      await time.increaseTo(executableAt);
      await expect(execCalls(fx, [call]))
        .to.emit(fx.guard, "AnnouncedCallExecuted")
        .withArgs(safe, hash);
      expect(await safeContract(safe, hre.ethers.provider).getFunction("getThreshold").staticCall()).to.equal(3n);
      expect(await fx.guard.announcement(safe, hash)).to.deep.equal([0n, 0n]);
      // consumed: the same call again is unannounced
      await expect(execCalls(fx, [call], safe, [0, 1, 2])).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
    });

    it("an announcement is still good in its last second (expiresAt); a maximal delay of 30 days is accepted", async function () {
      // (mutation testing: ReserveGuard:boundary:L536:bb2349a7, ReserveGuard:boundary:L552:39748123)
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [3]);
      await announceAndWait(fx, [call]);
      const [, expiresAt] = await fx.guard.announcement(safe, guardCallHash(safe, call));
      await time.setNextBlockTimestamp(expiresAt);
      await expect(execCalls(fx, [call])).to.emit(fx.guard, "AnnouncedCallExecuted");
      const F = await hre.ethers.getContractFactory("ReserveGuard");
      const g = await F.deploy(fx.infra.multiSendCallOnly, 30 * 86400, EXPIRY);
      expect(await g.DEFAULT_DELAY()).to.equal(BigInt(30 * 86400));
      // and the widest expiry window, 90 days (ReserveGuard:boundary:L556:f6a50951)
      await F.deploy(fx.infra.multiSendCallOnly, 0, 90 * 86400);
    });

    it("a pending announcement cannot be renewed in its last second; callHash keeps the Safe and the target apart", async function () {
      // (mutation testing: ReserveGuard:boundary:L289:aacc6833, ReserveGuard:swap-args:L469:ce23bd4c)
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [3]);
      const owner = CUSTODIANS[1].connect(hre.ethers.provider);
      await announceAndWait(fx, [call]);
      const [, expiresAt] = await fx.guard.announcement(safe, guardCallHash(safe, call));
      await time.setNextBlockTimestamp(expiresAt);
      await expect(fx.guard.connect(owner).announce(safe, call.to, 0n, call.data, 0)).to.be.revertedWithCustomError(
        fx.guard,
        "AlreadyAnnounced",
      );
      const other = { to: PAYEE, value: 0n, operation: 0, data: "0x" };
      expect(await fx.guard.callHash(safe, PAYEE, 0n, "0x", 0)).to.equal(guardCallHash(safe, other));
    });

    it("CallAnnounced carries the whole call: Safe, hash, target, value, data, operation 0, times, announcer", async function () {
      // (mutation testing: ReserveGuard:constant:L294:0b664d32)
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [3]);
      const owner = CUSTODIANS[2].connect(hre.ethers.provider);
      const executableAt = BigInt(await time.latest()) + 1n + BigInt(DELAY);
      await time.setNextBlockTimestamp(executableAt - BigInt(DELAY));
      await expect(fx.guard.connect(owner).announce(safe, call.to, 0n, call.data, 0))
        .to.emit(fx.guard, "CallAnnounced")
        .withArgs(
          safe,
          guardCallHash(safe, call),
          safe,
          0n,
          call.data,
          0,
          executableAt,
          executableAt + BigInt(EXPIRY),
          owner.address,
        );
    });

    it("a delayed selector alone (4 bytes of data) to any contract still needs its announcement", async function () {
      // (mutation testing: ReserveGuard:constant:L492:2508e5f8)
      const fx = await loadFixture(guardFixture);
      const grantRole = id("grantRole(bytes32,address)").slice(0, 10);
      expect(await fx.guard.isDelayed(fx.safe23.address, grantRole)).to.equal(true);
      await expect(dryRun(fx.guardAddress, fx.safe23.address, PAYEE, grantRole, 0)).to.be.revertedWithCustomError(
        fx.guard,
        "CallNotAnnounced",
      );
    });

    it("refuses an expired announcement; the call may then be announced again", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [1]);
      await announceAndWait(fx, [call]);
      await expect(
        fx.guard.connect(CUSTODIANS[1].connect(hre.ethers.provider)).announce(safe, call.to, 0n, call.data, 0),
      ).to.be.revertedWithCustomError(fx.guard, "AlreadyAnnounced");
      await time.increase(EXPIRY + 1);
      await expect(execCalls(fx, [call])).to.be.revertedWithCustomError(fx.guard, "AnnouncementExpired");
      const [again] = await announceCalls(CUSTODIANS[1].connect(hre.ethers.provider), fx.guardAddress, safe, [call]);
      expect(again.transactionHash).to.not.equal(undefined);
      await time.increase(DELAY);
      await expect(execCalls(fx, [call])).to.emit(fx.guard, "AnnouncedCallExecuted");
    });

    it("only an owner of the Safe announces, only CALLs; announcing twice is a no-op in the library", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [1]);
      const [deployer] = await hre.ethers.getSigners();
      await expect(fx.guard.connect(deployer).announce(safe, call.to, 0n, call.data, 0))
        .to.be.revertedWithCustomError(fx.guard, "NotSafeOwner")
        .withArgs(safe, deployer.address);
      // an owner of another Safe is not an owner of this one
      await expect(
        fx.guard.connect(CUSTODIANS[4].connect(hre.ethers.provider)).announce(safe, call.to, 0n, call.data, 0),
      ).to.be.revertedWithCustomError(fx.guard, "NotSafeOwner");
      await expect(
        fx.guard.connect(CUSTODIANS[0].connect(hre.ethers.provider)).announce(safe, call.to, 0n, call.data, 1),
      )
        .to.be.revertedWithCustomError(fx.guard, "OnlyCallsAnnounced")
        .withArgs(1);
      const first = await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), fx.guardAddress, safe, [call]);
      const second = await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), fx.guardAddress, safe, [call]);
      expect(second[0].transactionHash).to.equal(undefined);
      expect(second[0].executableAt).to.equal(first[0].executableAt);
    });

    it("a self-call inside a batch needs its announcement too; announced, the batch executes", async function () {
      const fx = await loadFixture(guardFixture);
      await fund(fx.safe23.address);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [3]);
      await expect(execCalls(fx, [pay(1n), call])).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
      await announceAndWait(fx, [call]);
      await expect(execCalls(fx, [pay(1n), call])).to.emit(fx.guard, "AnnouncedCallExecuted");
    });

    it("refuses safeTxGas != 0 with a self-call (a failure would not roll back the consumed announcement)", async function () {
      const fx = await loadFixture(guardFixture);
      const call = self(fx.safe23.address, "changeThreshold", [3]);
      await announceAndWait(fx, [call]);
      await expect(execCalls(fx, [call], fx.safe23.address, [0, 1], { safeTxGas: 100_000n }))
        .to.be.revertedWithCustomError(fx.guard, "SafeTxGasWithAnnouncedCall")
        .withArgs(100_000n);
      await expect(execCalls(fx, [call])).to.emit(fx.guard, "AnnouncedCallExecuted");
    });

    it("an announced call whose inner call fails reverts the whole transaction: the announcement stays", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "changeThreshold", [4]); // above the owner count: GS201 inside, GS013 outside
      await announceAndWait(fx, [call]);
      await expect(execCalls(fx, [call])).to.be.revertedWith("GS013");
      expect((await fx.guard.announcement(safe, guardCallHash(safe, call)))[1]).to.not.equal(0n);
    });

    it("enableModule always needs an announcement", async function () {
      const fx = await loadFixture(guardFixture);
      await expect(execCalls(fx, [self(fx.safe23.address, "enableModule", [ATTACKER])])).to.be.revertedWithCustomError(
        fx.guard,
        "CallNotAnnounced",
      );
    });

    it("the Safe cancels an announcement with a threshold transaction and no delay", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const call = self(safe, "addOwnerWithThreshold", [ATTACKER, 1]);
      const hash = guardCallHash(safe, call);
      await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), fx.guardAddress, safe, [call]);
      expect((await pendingAnnouncements(hre.ethers.provider, fx.guardAddress, safe)).map((p) => p.hash)).to.deep.equal(
        [hash],
      );
      await expect(execCalls(fx, [cancelCall(fx.guardAddress, hash)], safe, [1, 2]))
        .to.emit(fx.guard, "AnnouncementCancelled")
        .withArgs(safe, hash);
      expect(await pendingAnnouncements(hre.ethers.provider, fx.guardAddress, safe)).to.deep.equal([]);
      await time.increase(DELAY);
      await expect(execCalls(fx, [call])).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
      // cancelling nothing
      await expect(fx.guard.cancel(hash)).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
    });

    it("an announcement for one Safe does not serve another Safe on the same guard", async function () {
      const fx = await loadFixture(guardFixture);
      const other = fx.safe35.address;
      await (await execCalls(fx, [setGuardCall(other, fx.guardAddress)], other, [0, 1, 2])).wait();
      const call23 = self(fx.safe23.address, "changeThreshold", [1]);
      await announceAndWait(fx, [call23]);
      const call35 = self(other, "changeThreshold", [1]);
      await expect(execCalls(fx, [call35], other, [0, 1, 2]))
        .to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced")
        .withArgs(other, guardCallHash(other, call35));
    });
  });

  describe("guard configuration: itself announced and delayed", function () {
    it("setDelay / setExpiryWindow / setCallRule need an announcement even when called directly", async function () {
      const fx = await loadFixture(guardFixture);
      const [eoa] = await hre.ethers.getSigners();
      await expect(fx.guard.connect(eoa).setDelay(0)).to.be.revertedWithCustomError(fx.guard, "CallNotAnnounced");
      await expect(fx.guard.connect(eoa).setExpiryWindow(7200)).to.be.revertedWithCustomError(
        fx.guard,
        "CallNotAnnounced",
      );
      await expect(fx.guard.connect(eoa).setCallRule(ZeroAddress)).to.be.revertedWithCustomError(
        fx.guard,
        "CallNotAnnounced",
      );
      await expect(fx.guard.connect(eoa).setDelay(30 * 86400 + 1)).to.be.revertedWithCustomError(
        fx.guard,
        "DelayOutOfRange",
      );
      await expect(fx.guard.connect(eoa).setExpiryWindow(60)).to.be.revertedWithCustomError(
        fx.guard,
        "ExpiryWindowOutOfRange",
      );
      await expect(fx.guard.connect(eoa).setCallRule(PAYEE))
        .to.be.revertedWithCustomError(fx.guard, "NotAContract")
        .withArgs(PAYEE);
      // through the Safe, unannounced: the inner call fails, the Safe reverts the transaction
      await expect(execCalls(fx, [setDelayCall(fx.guardAddress, 0n)])).to.be.revertedWith("GS013");
      expect(await fx.guard.delayOf(fx.safe23.address)).to.equal(BigInt(DELAY));
    });

    it("announced and waited out, the Safe changes its delay and expiry window (batch), and later announcements use them", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const calls = [setDelayCall(fx.guardAddress, 60n), setExpiryWindowCall(fx.guardAddress, 7200n)];
      expect(
        callsNeedingAnnouncement(safe, fx.guardAddress, {
          to: fx.infra.multiSendCallOnly,
          value: 0n,
          data: encodeMultiSendCall(calls),
          operation: 1,
        }).map((c) => c.kind),
      ).to.deep.equal(["guard-config", "guard-config"]);
      await announceAndWait(fx, calls);
      await expect(execCalls(fx, calls))
        .to.emit(fx.guard, "DelayChanged")
        .withArgs(safe, 60n)
        .and.to.emit(fx.guard, "ExpiryWindowChanged")
        .withArgs(safe, 7200n);
      expect(await fx.guard.delayOf(safe)).to.equal(60n);
      expect(await fx.guard.expiryWindowOf(safe)).to.equal(7200n);
      expect(await fx.guard.delayOf(fx.safe35.address)).to.equal(BigInt(DELAY));
      const [a] = await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), fx.guardAddress, safe, [
        self(safe, "changeThreshold", [1]),
      ]);
      expect(a.expiresAt - a.executableAt).to.equal(7200n);
      expect(a.executableAt).to.equal(BigInt(await time.latest()) + 60n);
    });

    it("a call rule is consulted for every ordinary call and batch entry, never for self-calls or calls to the guard; it is removed by an announced setCallRule(0)", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      await fund(safe);
      const rule = await hre.ethers.deployContract("ReserveCallRuleMock", [PAYEE, false]);
      const install = setCallRuleCall(fx.guardAddress, await rule.getAddress());
      await announceAndWait(fx, [install]);
      await expect(execCalls(fx, [install]))
        .to.emit(fx.guard, "CallRuleChanged")
        .withArgs(safe, await rule.getAddress());
      expect(await fx.guard.callRuleOf(safe)).to.equal(await rule.getAddress());
      await expect(execCalls(fx, [pay(1n)])).to.be.revertedWithCustomError(rule, "TargetBlocked");
      await expect(execCalls(fx, [{ ...pay(1n), to: ATTACKER }, pay(1n)])).to.be.revertedWithCustomError(
        rule,
        "TargetBlocked",
      );
      await expect(execCalls(fx, [{ ...pay(1n), to: ATTACKER }])).to.changeEtherBalance(ATTACKER, 1n);
      // a rule refusing everything cannot lock the Safe: self-calls and guard calls bypass it
      const all = await hre.ethers.deployContract("ReserveCallRuleMock", [ZeroAddress, true]);
      const swap = setCallRuleCall(fx.guardAddress, await all.getAddress());
      await announceAndWait(fx, [swap]);
      await (await execCalls(fx, [swap])).wait();
      await expect(execCalls(fx, [{ ...pay(1n), to: ATTACKER }])).to.be.revertedWithCustomError(all, "TargetBlocked");
      const threshold = self(safe, "changeThreshold", [2]);
      const remove = setCallRuleCall(fx.guardAddress, ZeroAddress);
      await announceAndWait(fx, [threshold, remove]);
      await expect(execCalls(fx, [threshold, remove]))
        .to.emit(fx.guard, "CallRuleChanged")
        .withArgs(safe, ZeroAddress);
      await expect(execCalls(fx, [pay(1n)])).to.changeEtherBalance(PAYEE, 1n);
    });
  });

  describe("guard removal and replacement: only an announced, delayed setGuard", function () {
    it("unannounced setGuard(0) and setGuard(other) revert; announced, the guard is removed", async function () {
      const fx = await loadFixture(guardFixture);
      const safe = fx.safe23.address;
      const other = await hre.ethers.deployContract("ReserveGuard", [fx.infra.multiSendCallOnly, 0, 3600]);
      await expect(execCalls(fx, [setGuardCall(safe, ZeroAddress)])).to.be.revertedWithCustomError(
        fx.guard,
        "CallNotAnnounced",
      );
      await expect(execCalls(fx, [setGuardCall(safe, await other.getAddress())])).to.be.revertedWithCustomError(
        fx.guard,
        "CallNotAnnounced",
      );
      await announceAndWait(fx, [setGuardCall(safe, await other.getAddress())]);
      await (await execCalls(fx, [setGuardCall(safe, await other.getAddress())])).wait();
      expect(await guardOf(hre.ethers.provider, safe)).to.equal(await other.getAddress());
    });
  });

  describe("checkGuardInstallable (the tooling's self-check)", function () {
    it("refuses an account without code, a contract without the interface, a guard bound to another MultiSendCallOnly, a guard that blocks everything", async function () {
      const fx = await loadFixture(guardFixture);
      const { checkGuardInstallable } = await import("../../src/guard");
      const p = hre.ethers.provider;
      const safe = fx.safe35.address;
      const ms = fx.infra.multiSendCallOnly;
      await expectRejects(checkGuardInstallable(p, PAYEE, safe, ms), /no contract/, GuardError);
      await expectRejects(checkGuardInstallable(p, ms, safe, ms), /self-check/, GuardError);
      const wrong = await hre.ethers.deployContract("ReserveGuard", [fx.infra.singleton, 0, 3600]);
      await expectRejects(
        checkGuardInstallable(p, await wrong.getAddress(), safe, ms),
        /not the canonical MultiSendCallOnly/,
        GuardError,
      );
      const blocking = await hre.ethers.deployContract("BlockingGuardMock", [ms]);
      await expectRejects(
        checkGuardInstallable(p, await blocking.getAddress(), safe, ms),
        /refuses a plain call/,
        GuardError,
      );
      const check = await checkGuardInstallable(p, fx.guardAddress, safe, ms);
      expect(check.delaySeconds).to.equal(BigInt(DELAY));
    });
  });

  describe("contract size", function () {
    it("ReserveGuard and ReserveGuardSetup stay at least 1 KiB under 24,576 bytes", async function () {
      for (const name of ["ReserveGuard", "ReserveGuardSetup"]) {
        const runtime = (await hre.artifacts.readArtifact(name)).deployedBytecode;
        expect((runtime.length - 2) / 2, name).to.be.at.most(24_576 - 1_024);
      }
    });
  });

  describe("storage layout (pinned)", function () {
    it("ERC-7201 namespace som.storage.ReserveGuard: callRules, configs (packed), announcements (packed), delayedSelectors", async function () {
      const fx = await loadFixture(guardFixture);
      const coder = AbiCoder.defaultAbiCoder();
      const inner = BigInt(id("som.storage.ReserveGuard")) - 1n;
      const base = BigInt(hre.ethers.keccak256(coder.encode(["uint256"], [inner]))) & ~0xffn;
      expect(toBeHex(base, 32)).to.equal("0x8fdecdceacd70d9b8b0609cab4b9916dc5c68e7e9aa966be3b46c98711d5f500");
      const safe = fx.safe23.address;
      const slotOf = (key: string, slot: bigint): string =>
        hre.ethers.keccak256(coder.encode(["address", "uint256"], [key, slot]));
      const rule = await hre.ethers.deployContract("ReserveCallRuleMock", [PAYEE, false]);
      const calls = [setCallRuleCall(fx.guardAddress, await rule.getAddress()), setDelayCall(fx.guardAddress, 60n)];
      await announceAndWait(fx, calls);
      await (await execCalls(fx, calls)).wait();
      const word = async (slot: string): Promise<bigint> =>
        BigInt(await hre.ethers.provider.getStorage(fx.guardAddress, slot));
      expect(await word(slotOf(safe, base))).to.equal(BigInt(await rule.getAddress()));
      // configs: delay | expiryWindow << 64 | delaySet << 128 | expiryWindowSet << 136
      expect(await word(slotOf(safe, base + 1n))).to.equal(60n | (1n << 128n));
      const call = self(safe, "changeThreshold", [1]);
      const [a] = await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), fx.guardAddress, safe, [call]);
      const inner2 = BigInt(slotOf(safe, base + 2n));
      const annSlot = hre.ethers.keccak256(coder.encode(["bytes32", "uint256"], [a.hash, inner2]));
      expect(await word(annSlot)).to.equal(a.executableAt | (a.expiresAt << 64n));
      // delayedSelectors: safe -> selector (bytes4, left-aligned in its word) -> bool, at base + 3
      const inner3 = BigInt(slotOf(safe, base + 3n));
      const selector = "0x3659cfe6"; // upgradeTo(address): installed by the fixture
      const selSlot = hre.ethers.keccak256(coder.encode(["bytes4", "uint256"], [selector, inner3]));
      expect(await word(selSlot)).to.equal(1n);
      expect(await word(hre.ethers.keccak256(coder.encode(["bytes4", "uint256"], ["0x12345678", inner3])))).to.equal(
        0n,
      );
    });
  });
});
