import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  SIG_FORMS,
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

async function pausedFixture() {
  const f = await deployStablecoinFixture();
  await f.token.connect(f.alice).approve(f.carol.address, 1_000n);
  await f.token.connect(f.pauser).pause();
  return f;
}

describe("stablecoin: pause", function () {
  it("pause (pauser) and unpause (admin, the Safe) emit events and flip paused()", async function () {
    const { token, admin, pauser } = await loadFixture(deployStablecoinFixture);
    await expect(token.connect(pauser).pause()).to.emit(token, "Paused").withArgs(pauser.address);
    expect(await token.paused()).to.equal(true);
    await expect(token.connect(admin).unpause()).to.emit(token, "Unpaused").withArgs(admin.address);
    expect(await token.paused()).to.equal(false);
  });

  it("pausing twice and unpausing when not paused revert", async function () {
    const { token, admin, pauser } = await loadFixture(deployStablecoinFixture);
    await expect(token.connect(admin).unpause()).to.be.revertedWithCustomError(token, "SomStablecoinNotPaused");
    await token.connect(pauser).pause();
    await expect(token.connect(pauser).pause()).to.be.revertedWithCustomError(token, "SomStablecoinPaused");
  });

  describe("blocks every path", function () {
    it("transfer, transferFrom, approve", async function () {
      const { token, alice, bob, carol } = await loadFixture(pausedFixture);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinPaused",
      );
      await expect(token.connect(carol).transferFrom(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinPaused",
      );
      await expect(token.connect(alice).approve(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinPaused",
      );
    });

    it("mint and burn", async function () {
      const { token, controller, minter, reserve } = await loadFixture(pausedFixture);
      await expect(controller.connect(minter).mint(1n)).to.be.revertedWithCustomError(token, "SomStablecoinPaused");
      await expect(token.connect(reserve).burn(1n, ethers.ZeroHash)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinPaused",
      );
    });

    for (const form of SIG_FORMS) {
      it(`permit (${form})`, async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(pausedFixture);
        const args = { owner: alice.address, spender: bob.address, value: 1n, deadline: await inOneHour() };
        const sig = await signPermit(alice, domain, { ...args, nonce: 0n });
        await expect(callPermit(token, relayer, args, sig, form)).to.be.revertedWithCustomError(
          token,
          "SomStablecoinPaused",
        );
      });

      it(`transfer/receive/cancel authorizations (${form})`, async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(pausedFixture);
        const auth = {
          from: alice.address,
          to: bob.address,
          value: 1n,
          validAfter: 0n,
          validBefore: await inOneHour(),
          nonce: randomAuthorizationNonce(),
        };
        const tSig = await signTransferWithAuthorization(alice, domain, auth);
        await expect(callTransferWithAuthorization(token, relayer, auth, tSig, form)).to.be.revertedWithCustomError(
          token,
          "SomStablecoinPaused",
        );
        const rSig = await signReceiveWithAuthorization(alice, domain, auth);
        await expect(callReceiveWithAuthorization(token, bob, auth, rSig, form)).to.be.revertedWithCustomError(
          token,
          "SomStablecoinPaused",
        );
        const cSig = await signCancelAuthorization(alice, domain, { authorizer: alice.address, nonce: auth.nonce });
        await expect(
          callCancelAuthorization(token, relayer, alice.address, auth.nonce, cSig, form),
        ).to.be.revertedWithCustomError(token, "SomStablecoinPaused");
      });
    }
  });

  it("freeze, unfreeze and wipe keep working while paused", async function () {
    const { token, admin, compliance, alice } = await loadFixture(pausedFixture);
    await expect(token.connect(compliance).freeze(alice.address)).to.emit(token, "Frozen");
    await expect(token.connect(admin).wipeFrozen(alice.address, ethers.id("order"))).to.emit(
      token,
      "FrozenBalanceWiped",
    );
    await expect(token.connect(admin).unfreeze(alice.address)).to.emit(token, "Unfrozen");
    await expect(token.connect(compliance).freezeBatch([alice.address])).to.emit(token, "Frozen");
    await expect(token.connect(admin).unfreezeBatch([alice.address])).to.emit(token, "Unfrozen");
  });

  it("unpause restores transfers, mints, burns and signed operations", async function () {
    const { token, controller, admin, alice, bob, carol, minter, reserve, relayer, domain } =
      await loadFixture(pausedFixture);
    await token.connect(admin).unpause();
    await token.connect(alice).transfer(bob.address, 1n);
    await token.connect(carol).transferFrom(alice.address, bob.address, 1n);
    await token.connect(alice).approve(bob.address, 1n);
    await controller.connect(minter).mint(1n);
    await token.connect(reserve).burn(1n, ethers.ZeroHash);
    const args = { owner: alice.address, spender: bob.address, value: 5n, deadline: await inOneHour() };
    await callPermit(token, relayer, args, await signPermit(alice, domain, { ...args, nonce: 0n }), "vrs");
    const auth = {
      from: alice.address,
      to: bob.address,
      value: 1n,
      validAfter: 0n,
      validBefore: await inOneHour(),
      nonce: randomAuthorizationNonce(),
    };
    await callTransferWithAuthorization(
      token,
      relayer,
      auth,
      await signTransferWithAuthorization(alice, domain, auth),
      "vrs",
    );
  });
});
