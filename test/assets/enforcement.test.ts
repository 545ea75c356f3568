import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployAssetsFixture, HOLDING, PARTIAL_FROZEN, REF, type AssetsFixture } from "./fixture";

const FT3 = "forcedTransfer(address,address,uint256)" as const;
const FT4 = "forcedTransfer(address,address,uint256,bytes32)" as const;

describe("AssetToken enforcement", function () {
  describe("full freeze", function () {
    it("freeze and unfreeze set the flag and emit; the partial amount is kept", async function () {
      const { token, enforcer, frank, bob } = await loadFixture(deployAssetsFixture);
      const e = token.connect(enforcer);
      await expect(e.freeze(frank.address)).to.emit(token, "FullFreezeUpdated").withArgs(frank.address, true);
      expect(await token.isFrozen(frank.address)).to.equal(true);
      await expect(token.connect(frank).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "ERC7943CannotSend",
      );
      await expect(e.unfreeze(frank.address)).to.emit(token, "FullFreezeUpdated").withArgs(frank.address, false);
      expect(await token.isFrozen(frank.address)).to.equal(false);
      expect(await token.getFrozenTokens(frank.address)).to.equal(PARTIAL_FROZEN);
      await token.connect(frank).transfer(bob.address, HOLDING - PARTIAL_FROZEN);
    });
  });

  describe("forcedTransfer", function () {
    it("moves unfrozen tokens, emits Transfer then ForcedTransfer, returns true", async function () {
      const { token, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
      expect(await token.connect(enforcer)[FT3].staticCall(alice.address, bob.address, 10n)).to.equal(true);
      const tx = token.connect(enforcer)[FT3](alice.address, bob.address, 10n);
      await expect(tx).to.changeTokenBalances(token, [alice, bob], [-10n, 10n]);
      // mutation testing: AssetToken:swap-args:L628:4b4ab599
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, bob.address, 10n);
      await expect(tx).to.emit(token, "ForcedTransfer").withArgs(alice.address, bob.address, 10n);
      await expect(tx).to.not.emit(token, "Frozen");
    });

    it("seizing exactly the unfrozen part of a partly frozen balance unfreezes nothing", async function () {
      // mutation testing: AssetToken:boundary:L619:593286ca
      const { token, enforcer, frank, bob } = await loadFixture(deployAssetsFixture);
      const tx = token.connect(enforcer)[FT3](frank.address, bob.address, HOLDING - PARTIAL_FROZEN);
      await expect(tx).to.changeTokenBalances(
        token,
        [frank, bob],
        [PARTIAL_FROZEN - HOLDING, HOLDING - PARTIAL_FROZEN],
      );
      await expect(tx).to.not.emit(token, "Frozen");
      expect(await token.getFrozenTokens(frank.address)).to.equal(PARTIAL_FROZEN);
    });

    it("the referenced variant records the legal order and needs one", async function () {
      const { token, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
      await expect(token.connect(enforcer)[FT4](alice.address, bob.address, 10n, REF))
        .to.emit(token, "ForcedTransferOrdered")
        .withArgs(alice.address, bob.address, 10n, REF);
      expect(await token.connect(enforcer)[FT4].staticCall(alice.address, bob.address, 1n, REF)).to.equal(true);
      await expect(
        token.connect(enforcer)[FT4](alice.address, bob.address, 10n, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(token, "AssetTokenReferenceRequired");
    });

    it("unfreezes only what the transfer consumes, Frozen before Transfer", async function () {
      const { token, enforcer, frank, bob } = await loadFixture(deployAssetsFixture);
      // frank: balance 1000, frozen 600, unfrozen 400. Seize 500: 100 frozen tokens consumed.
      const tx = await token.connect(enforcer)[FT3](frank.address, bob.address, 500n);
      const receipt = (await tx.wait())!;
      const names = receipt.logs.map((l) => token.interface.parseLog(l)?.name);
      expect(names).to.deep.equal(["Frozen", "Transfer", "ForcedTransfer"]);
      await expect(tx).to.emit(token, "Frozen").withArgs(frank.address, 500n);
      expect(await token.balanceOf(frank.address)).to.equal(500n);
      expect(await token.getFrozenTokens(frank.address)).to.equal(500n);
    });

    it("keeps a frozen surplus above the balance (future withholding) while consuming frozen tokens", async function () {
      const { token, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
      await token.connect(enforcer).setFrozenTokens(alice.address, HOLDING + 200n);
      await token.connect(enforcer)[FT3](alice.address, bob.address, 300n);
      expect(await token.balanceOf(alice.address)).to.equal(HOLDING - 300n);
      expect(await token.getFrozenTokens(alice.address)).to.equal(HOLDING + 200n - 300n);
    });

    it("seizes from fully frozen, unverified and expired holders, and works while paused", async function () {
      const { token, enforcer, pauser, carol, dave, eve, bob } = await loadFixture(deployAssetsFixture);
      await token.connect(pauser).pause();
      for (const from of [carol, dave, eve]) {
        await expect(token.connect(enforcer)[FT3](from.address, bob.address, HOLDING)).to.changeTokenBalances(
          token,
          [from, bob],
          [-HOLDING, HOLDING],
        );
      }
      expect(await token.isFrozen(carol.address)).to.equal(true); // never unfrozen silently
    });

    it("the recipient must be able to receive", async function () {
      const f = await loadFixture(deployAssetsFixture);
      for (const to of [f.to.unverified, f.to.expired, f.to.frozenFull, ethers.ZeroAddress]) {
        await expect(f.token.connect(f.enforcer)[FT3](f.alice.address, to, 1n))
          .to.be.revertedWithCustomError(f.token, "ERC7943CannotReceive")
          .withArgs(to);
      }
    });

    it("cannot take more than the balance", async function () {
      const { token, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
      await expect(token.connect(enforcer)[FT3](alice.address, bob.address, HOLDING + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HOLDING, HOLDING + 1n);
    });

    it("forcedTransfer(a, a, x) does not unfreeze (OZ community #244 / CMTAT #380 regression)", async function () {
      const { token, enforcer, frank } = await loadFixture(deployAssetsFixture);
      const unfrozen = HOLDING - PARTIAL_FROZEN;
      // Within the unfrozen part: a no-op that keeps the frozen amount.
      const tx = token.connect(enforcer)[FT3](frank.address, frank.address, unfrozen);
      await expect(tx).to.changeTokenBalance(token, frank, 0n);
      await expect(tx).to.emit(token, "ForcedTransfer").withArgs(frank.address, frank.address, unfrozen);
      await expect(tx).to.not.emit(token, "Frozen");
      expect(await token.getFrozenTokens(frank.address)).to.equal(PARTIAL_FROZEN);
      // Into the frozen part (the anchor bug's case): reverts like a self transfer would.
      await expect(token.connect(enforcer)[FT3](frank.address, frank.address, HOLDING))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(frank.address, HOLDING, unfrozen);
      await expect(
        token.connect(enforcer)[FT4](frank.address, frank.address, HOLDING, REF),
      ).to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance");
      expect(await token.getFrozenTokens(frank.address)).to.equal(PARTIAL_FROZEN);
      expect(await token.balanceOf(frank.address)).to.equal(HOLDING);
    });
  });

  describe("recoverWallet", function () {
    it("moves balance and frozen amount to a verified new wallet and locks the lost one", async function () {
      const { token, enforcer, frank, bob, alice } = await loadFixture(deployAssetsFixture);
      const tx = token.connect(enforcer).recoverWallet(frank.address, bob.address, REF);
      await expect(tx).to.changeTokenBalances(token, [frank, bob], [-HOLDING, HOLDING]);
      await expect(tx)
        .to.emit(token, "WalletRecovered")
        .withArgs(frank.address, bob.address, HOLDING, PARTIAL_FROZEN, REF);
      await expect(tx).to.emit(token, "Frozen").withArgs(frank.address, 0n);
      await expect(tx).to.emit(token, "Frozen").withArgs(bob.address, PARTIAL_FROZEN);
      await expect(tx).to.emit(token, "FullFreezeUpdated").withArgs(frank.address, true);
      expect(await token.getFrozenTokens(bob.address)).to.equal(PARTIAL_FROZEN);
      expect(await token.getFrozenTokens(frank.address)).to.equal(0n);
      expect(await token.isFrozen(frank.address)).to.equal(true);
      expect(await token.isFrozen(bob.address)).to.equal(false);
      // bob now holds 2000 with 600 frozen: 1400 spendable
      await expect(token.connect(bob).transfer(frank.address, 1n)).to.be.revertedWithCustomError(
        token,
        "ERC7943CannotReceive",
      );
      expect(await token.canTransfer(bob.address, alice.address, 1400n)).to.equal(true);
      expect(await token.canTransfer(bob.address, alice.address, 1401n)).to.equal(false);
    });

    it("a fully frozen lost wallet passes its full freeze to the new wallet", async function () {
      const { token, enforcer, carol, bob } = await loadFixture(deployAssetsFixture);
      const tx = token.connect(enforcer).recoverWallet(carol.address, bob.address, REF);
      await expect(tx).to.emit(token, "FullFreezeUpdated").withArgs(bob.address, true);
      await expect(tx).to.not.emit(token, "Frozen");
      expect(await token.isFrozen(bob.address)).to.equal(true);
      expect(await token.isFrozen(carol.address)).to.equal(true);
      expect(await token.balanceOf(bob.address)).to.equal(2n * HOLDING);
    });

    it("recovers a wallet whose KYC lapsed or was removed (key lost, holder re-verified on a new wallet)", async function () {
      const { token, enforcer, eve, bob } = await loadFixture(deployAssetsFixture);
      await expect(token.connect(enforcer).recoverWallet(eve.address, bob.address, REF)).to.changeTokenBalances(
        token,
        [eve, bob],
        [-HOLDING, HOLDING],
      );
    });

    it("keeps the holder count when one holder leaves as the other already holds, down to a single share", async function () {
      // mutation testing: AssetToken:constant:L289:0e95e6b6, AssetToken:delete-emit:L300:8c19486d,
      // AssetToken:swap-args:L300:2d189f86
      const holders = async (f: AssetsFixture) => (await f.token.holderRules()).holderCount;
      // the lost wallet holds one share
      let f = await loadFixture(deployAssetsFixture);
      await f.token.connect(f.alice).transfer(f.bob.address, HOLDING - 1n);
      let count = await holders(f);
      await expect(f.token.connect(f.enforcer).recoverWallet(f.alice.address, f.bob.address, REF))
        .to.emit(f.token, "Transfer")
        .withArgs(f.alice.address, f.bob.address, 1n);
      expect(await holders(f)).to.equal(count - 1n);
      // the new wallet holds one share
      f = await loadFixture(deployAssetsFixture);
      await f.token.connect(f.bob).transfer(f.alice.address, HOLDING - 1n);
      count = await holders(f);
      await expect(f.token.connect(f.enforcer).recoverWallet(f.alice.address, f.bob.address, REF))
        .to.emit(f.token, "Transfer")
        .withArgs(f.alice.address, f.bob.address, 2n * HOLDING - 1n);
      expect(await holders(f)).to.equal(count - 1n);
    });

    it("moves a frozen amount alone (no balance)", async function () {
      const f = await loadFixture(deployAssetsFixture);
      await f.token.connect(f.enforcer).recoverWallet(f.to.frozenPartial, f.bob.address, REF);
      expect(await f.token.getFrozenTokens(f.bob.address)).to.equal(PARTIAL_FROZEN);
    });

    it("rejects a missing reference, the same wallet, an empty lost wallet and a recipient that cannot receive", async function () {
      const f = await loadFixture(deployAssetsFixture);
      const e = f.token.connect(f.enforcer);
      await expect(e.recoverWallet(f.alice.address, f.bob.address, ethers.ZeroHash)).to.be.revertedWithCustomError(
        f.token,
        "AssetTokenReferenceRequired",
      );
      await expect(e.recoverWallet(f.alice.address, f.alice.address, REF))
        .to.be.revertedWithCustomError(f.token, "AssetTokenInvalidRecovery")
        .withArgs(f.alice.address, f.alice.address);
      await expect(e.recoverWallet(f.outsider.address, f.bob.address, REF))
        .to.be.revertedWithCustomError(f.token, "AssetTokenInvalidRecovery")
        .withArgs(f.outsider.address, f.bob.address);
      for (const to of [f.to.unverified, f.to.expired, f.to.frozenFull]) {
        await expect(e.recoverWallet(f.alice.address, to, REF))
          .to.be.revertedWithCustomError(f.token, "ERC7943CannotReceive")
          .withArgs(to);
      }
    });
  });

  describe("pause", function () {
    it("stops holder transfers only; mint, burn and enforcement go on; only the token admin lifts it", async function () {
      const { token, pauser, tokenAdmin, issuer, reserve, enforcer, alice, bob } =
        await loadFixture(deployAssetsFixture);
      await expect(token.connect(pauser).pause()).to.emit(token, "Paused").withArgs(pauser.address);
      expect(await token.paused()).to.equal(true);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "AssetTokenPaused",
      );
      await token.connect(alice).approve(bob.address, 1n);
      await expect(token.connect(bob).transferFrom(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "AssetTokenPaused",
      );
      await expect(token.connect(pauser).pause()).to.be.revertedWithCustomError(token, "AssetTokenPaused");
      await token.connect(issuer).mint(1n);
      await token.connect(reserve).burn(1n, REF);
      await token.connect(enforcer)[FT3](alice.address, bob.address, 1n);
      // lifting the pause is the token admin's (the Safe's), not the pauser's
      await expect(token.connect(pauser).unpause())
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(pauser.address, ethers.ZeroHash);
      await expect(token.connect(tokenAdmin).unpause()).to.emit(token, "Unpaused").withArgs(tokenAdmin.address);
      await expect(token.connect(tokenAdmin).unpause()).to.be.revertedWithCustomError(token, "AssetTokenNotPaused");
      await token.connect(alice).transfer(bob.address, 1n);
    });
  });
});
