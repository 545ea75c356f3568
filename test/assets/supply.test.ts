import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployAssetsFixture, HOLDING, MINTED, REF, TOTAL_SHARES } from "./fixture";

describe("AssetToken supply", function () {
  describe("mint", function () {
    it("credits only the reserve, up to the declared total shares", async function () {
      const { token, issuer, reserve } = await loadFixture(deployAssetsFixture);
      const supply = await token.totalSupply();
      expect(supply).to.equal(MINTED);
      const room = TOTAL_SHARES - supply;
      await expect(token.connect(issuer).mint(room))
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, reserve.address, room);
      expect(await token.totalSupply()).to.equal(TOTAL_SHARES);
      await expect(token.connect(issuer).mint(1n))
        .to.be.revertedWithCustomError(token, "AssetTokenSharesCapExceeded")
        .withArgs(1n, TOTAL_SHARES, TOTAL_SHARES);
      await expect(token.connect(issuer).mint(ethers.MaxUint256)).to.be.revertedWithCustomError(
        token,
        "AssetTokenSharesCapExceeded",
      );
    });

    it("the mint has no recipient argument: the reserve is read from the identity registry", async function () {
      const { token, registry, issuer, admin, alice } = await loadFixture(deployAssetsFixture);
      expect(token.interface.getFunction("mint").inputs.map((i) => i.type)).to.deep.equal(["uint256"]);
      await registry.connect(admin).setReserve(alice.address);
      expect(await token.reserve()).to.equal(alice.address);
      await expect(token.connect(issuer).mint(5n)).to.changeTokenBalance(token, alice, 5n);
    });

    it("refuses a fully frozen reserve", async function () {
      const { token, issuer, reserve } = await loadFixture(deployAssetsFixture);
      await token.connect(reserve).freeze(reserve.address);
      await expect(token.connect(issuer).mint(1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(reserve.address);
    });
  });

  describe("burn", function () {
    it("the reserve burns from its own balance with a reference", async function () {
      const { token, reserve } = await loadFixture(deployAssetsFixture);
      const before = await token.totalSupply();
      const tx = token.connect(reserve).burn(100n, REF);
      await expect(tx).to.changeTokenBalance(token, reserve, -100n);
      await expect(tx).to.emit(token, "Transfer").withArgs(reserve.address, ethers.ZeroAddress, 100n);
      await expect(tx).to.emit(token, "SharesBurned").withArgs(reserve.address, 100n, REF);
      expect(await token.totalSupply()).to.equal(before - 100n);
    });

    it("only the reserve may burn, never a holder", async function () {
      const { token, alice, issuer, reserve } = await loadFixture(deployAssetsFixture);
      for (const caller of [alice, issuer]) {
        await expect(token.connect(caller).burn(1n, REF))
          .to.be.revertedWithCustomError(token, "AssetTokenCallerNotReserve")
          .withArgs(caller.address, reserve.address);
      }
    });

    it("needs a reference, respects the reserve's freezes and balance", async function () {
      const { token, reserve } = await loadFixture(deployAssetsFixture);
      const r = token.connect(reserve);
      const balance = await token.balanceOf(reserve.address);
      await expect(r.burn(1n, ethers.ZeroHash)).to.be.revertedWithCustomError(token, "AssetTokenReferenceRequired");
      await expect(r.burn(balance + 1n, REF))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(reserve.address, balance, balance + 1n);
      await token.connect(reserve).setFrozenTokens(reserve.address, balance - HOLDING);
      await expect(r.burn(HOLDING + 1n, REF))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(reserve.address, HOLDING + 1n, HOLDING);
      await token.connect(reserve).freeze(reserve.address);
      await expect(r.burn(1n, REF)).to.be.revertedWithCustomError(token, "ERC7943CannotSend").withArgs(reserve.address);
    });
  });
});
