import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  HOLDER_BALANCE,
  callCancelAuthorization,
  callPermit,
  callReceiveWithAuthorization,
  callTransferWithAuthorization,
  deployStablecoinFixture,
  inOneHour,
} from "./fixture";
import {
  randomAuthorizationNonce,
  signCancelAuthorization,
  signPermit,
  signReceiveWithAuthorization,
  signTransferWithAuthorization,
} from "../../src/stablecoin/signatures";

describe("stablecoin: freeze under legal order", function () {
  it("freeze (compliance officer) and unfreeze (admin, the Safe) flip isFrozen, emit events and keep the balance", async function () {
    const { token, admin, compliance, alice } = await loadFixture(deployStablecoinFixture);
    await expect(token.connect(compliance).freeze(alice.address)).to.emit(token, "Frozen").withArgs(alice.address);
    expect(await token.isFrozen(alice.address)).to.equal(true);
    expect(await token.balanceOf(alice.address)).to.equal(HOLDER_BALANCE);
    await expect(token.connect(admin).unfreeze(alice.address)).to.emit(token, "Unfrozen").withArgs(alice.address);
    expect(await token.isFrozen(alice.address)).to.equal(false);
    expect(await token.balanceOf(alice.address)).to.equal(HOLDER_BALANCE);
  });

  it("a frozen account with no balance is frozen too: it receives nothing and approves or is approved nothing", async function () {
    // its balance word is the frozen flag alone (mutation testing: SomStablecoin:boundary:L180:48daa8b9,
    // SomStablecoin:boundary:L217:f2449f05)
    const { token, compliance, alice } = await loadFixture(deployStablecoinFixture);
    const empty = ethers.Wallet.createRandom().address;
    await token.connect(compliance).freeze(empty);
    await expect(token.connect(alice).transfer(empty, 1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
      .withArgs(empty);
    await expect(token.connect(alice).approve(empty, 1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
      .withArgs(empty);
    const idle = (await ethers.getSigners())[19]; // holds no token
    expect(await token.balanceOf(idle.address)).to.equal(0n);
    await token.connect(compliance).freeze(idle.address);
    await expect(token.connect(idle).approve(alice.address, 1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
      .withArgs(idle.address);
  });

  it("an approval between two frozen accounts names the owner (the caller) first, then the spender", async function () {
    // mutation testing: SomStablecoin:swap-args:L138:0c2d664a
    const { token, compliance, alice, bob } = await loadFixture(deployStablecoinFixture);
    await token.connect(compliance).freeze(bob.address);
    await expect(token.connect(alice).approve(bob.address, 1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
      .withArgs(bob.address);
    await token.connect(compliance).freeze(alice.address);
    await expect(token.connect(alice).approve(bob.address, 1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
      .withArgs(alice.address);
  });

  it("freezing a frozen account and unfreezing a non-frozen one revert", async function () {
    const { token, admin, compliance, alice } = await loadFixture(deployStablecoinFixture);
    await expect(token.connect(admin).unfreeze(alice.address))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountNotFrozen")
      .withArgs(alice.address);
    await token.connect(compliance).freeze(alice.address);
    await expect(token.connect(compliance).freeze(alice.address))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountAlreadyFrozen")
      .withArgs(alice.address);
  });

  it("batch variants freeze and unfreeze every account, atomically", async function () {
    const { token, admin, compliance, alice, bob, carol } = await loadFixture(deployStablecoinFixture);
    await expect(token.connect(compliance).freezeBatch([alice.address, bob.address]))
      .to.emit(token, "Frozen")
      .withArgs(alice.address)
      .and.to.emit(token, "Frozen")
      .withArgs(bob.address);
    expect(await token.isFrozen(bob.address)).to.equal(true);
    await expect(token.connect(compliance).freezeBatch([carol.address, alice.address]))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountAlreadyFrozen")
      .withArgs(alice.address);
    expect(await token.isFrozen(carol.address)).to.equal(false);
    await expect(token.connect(admin).unfreezeBatch([alice.address, carol.address]))
      .to.be.revertedWithCustomError(token, "SomStablecoinAccountNotFrozen")
      .withArgs(carol.address);
    await expect(token.connect(admin).unfreezeBatch([alice.address, bob.address]))
      .to.emit(token, "Unfrozen")
      .withArgs(alice.address)
      .and.to.emit(token, "Unfrozen")
      .withArgs(bob.address);
    expect(await token.isFrozen(alice.address)).to.equal(false);
    expect(await token.isFrozen(bob.address)).to.equal(false);
  });

  describe("a frozen account in every position", function () {
    it("cannot send (from) nor receive (to) by transfer", async function () {
      const { token, compliance, alice, bob } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(alice.address);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
      await expect(token.connect(bob).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
    });

    it("cannot be from or to in transferFrom", async function () {
      const { token, compliance, alice, bob, carol } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(carol.address, 100n);
      await token.connect(bob).approve(carol.address, 100n);
      await token.connect(compliance).freeze(alice.address);
      await expect(token.connect(carol).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
      await expect(token.connect(carol).transferFrom(bob.address, alice.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
    });

    it("regression (USDC 2018): a frozen spender (msg.sender) cannot transferFrom", async function () {
      const { token, compliance, alice, bob, carol } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(carol.address, 100n);
      await token.connect(compliance).freeze(carol.address);
      await expect(token.connect(carol).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(carol.address);
    });

    it("cannot approve nor be approved", async function () {
      const { token, compliance, alice, bob } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(alice.address);
      await expect(token.connect(alice).approve(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
      await expect(token.connect(bob).approve(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
    });

    it("cannot sign a permit nor be its spender", async function () {
      const { token, compliance, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(alice.address);
      const deadline = await inOneHour();
      const asOwner = { owner: alice.address, spender: bob.address, value: 1n, deadline };
      await expect(
        callPermit(token, relayer, asOwner, await signPermit(alice, domain, { ...asOwner, nonce: 0n }), "vrs"),
      )
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
      const asSpender = { owner: bob.address, spender: alice.address, value: 1n, deadline };
      await expect(
        callPermit(token, relayer, asSpender, await signPermit(bob, domain, { ...asSpender, nonce: 0n }), "bytes"),
      )
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
    });

    it("cannot sign an authorization (from) nor receive one (to)", async function () {
      const { token, compliance, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(alice.address);
      const validBefore = await inOneHour();
      const fromFrozen = {
        from: alice.address,
        to: bob.address,
        value: 1n,
        validAfter: 0n,
        validBefore,
        nonce: randomAuthorizationNonce(),
      };
      await expect(
        callTransferWithAuthorization(
          token,
          relayer,
          fromFrozen,
          await signTransferWithAuthorization(alice, domain, fromFrozen),
          "vrs",
        ),
      )
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
      const toFrozen = {
        from: bob.address,
        to: alice.address,
        value: 1n,
        validAfter: 0n,
        validBefore,
        nonce: randomAuthorizationNonce(),
      };
      await expect(
        callTransferWithAuthorization(
          token,
          relayer,
          toFrozen,
          await signTransferWithAuthorization(bob, domain, toFrozen),
          "bytes",
        ),
      )
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
      await expect(
        callReceiveWithAuthorization(
          token,
          alice,
          toFrozen,
          await signReceiveWithAuthorization(bob, domain, toFrozen),
          "vrs",
        ),
      )
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
    });

    it("cannot cancel an authorization", async function () {
      const { token, compliance, alice, relayer, domain } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(alice.address);
      const nonce = randomAuthorizationNonce();
      const sig = await signCancelAuthorization(alice, domain, { authorizer: alice.address, nonce });
      await expect(callCancelAuthorization(token, relayer, alice.address, nonce, sig, "vrs"))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(alice.address);
    });

    it("can move funds again once unfrozen", async function () {
      const { token, admin, compliance, alice, bob } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(alice.address);
      await token.connect(admin).unfreeze(alice.address);
      await token.connect(alice).transfer(bob.address, 1n);
      await token.connect(bob).transfer(alice.address, 1n);
    });
  });

  describe("wipe", function () {
    it("the admin (the Safe) burns the whole balance of a frozen account with the legal order reference; it stays frozen", async function () {
      const { token, admin, compliance, alice } = await loadFixture(deployStablecoinFixture);
      const supply = await token.totalSupply();
      const ref = ethers.id("court-order-2026-117");
      await token.connect(compliance).freeze(alice.address);
      await expect(token.connect(admin).wipeFrozen(alice.address, ref))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, ethers.ZeroAddress, HOLDER_BALANCE)
        .and.to.emit(token, "FrozenBalanceWiped")
        .withArgs(alice.address, HOLDER_BALANCE, ref);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.totalSupply()).to.equal(supply - HOLDER_BALANCE);
      expect(await token.isFrozen(alice.address)).to.equal(true);
    });

    it("a frozen account holding nothing (wiped already) can be wiped again: the order is recorded, nothing burned", async function () {
      // its balance word is the frozen flag alone (mutation testing: SomStablecoin:boundary:L155:83b47336)
      const { token, admin, compliance, alice } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(alice.address);
      await token.connect(admin).wipeFrozen(alice.address, ethers.id("first order"));
      const supply = await token.totalSupply();
      const ref = ethers.id("second order");
      await expect(token.connect(admin).wipeFrozen(alice.address, ref))
        .to.emit(token, "FrozenBalanceWiped")
        .withArgs(alice.address, 0n, ref);
      expect(await token.totalSupply()).to.equal(supply);
      expect(await token.isFrozen(alice.address)).to.equal(true);
    });

    it("reverts for an account that is not frozen", async function () {
      const { token, admin, alice } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(admin).wipeFrozen(alice.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountNotFrozen")
        .withArgs(alice.address);
    });
  });
});
