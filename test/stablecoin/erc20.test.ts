import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { DECIMALS, HOLDER_BALANCE, INITIAL_MINT, NAME, SYMBOL, deployStablecoinFixture } from "./fixture";

describe("stablecoin: ERC-20", function () {
  it("transfer, transferFrom and approve return true, as ERC-20 callers check", async function () {
    // (mutation testing: SomStablecoin:constant:L140:c7fe0ab9)
    const { token, alice, bob } = await loadFixture(deployStablecoinFixture);
    expect(await token.connect(alice).transfer.staticCall(bob.address, 1n)).to.equal(true);
    expect(await token.connect(alice).approve.staticCall(bob.address, 1n)).to.equal(true);
    await token.connect(alice).approve(bob.address, 1n);
    expect(await token.connect(bob).transferFrom.staticCall(alice.address, bob.address, 1n)).to.equal(true);
  });

  it("has the metadata set at initialization (defaults: Som Stablecoin, KGSC, 2 decimals)", async function () {
    const { token } = await loadFixture(deployStablecoinFixture);
    expect(await token.name()).to.equal(NAME);
    expect(await token.symbol()).to.equal(SYMBOL);
    expect(await token.decimals()).to.equal(DECIMALS);
    expect(await token.totalSupply()).to.equal(INITIAL_MINT);
  });

  describe("transfer", function () {
    it("moves the amount and emits Transfer", async function () {
      const { token, alice, bob } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(alice).transfer(bob.address, 150n))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, 150n);
      expect(await token.balanceOf(alice.address)).to.equal(HOLDER_BALANCE - 150n);
      expect(await token.balanceOf(bob.address)).to.equal(HOLDER_BALANCE + 150n);
    });

    it("to oneself keeps the balance", async function () {
      const { token, alice } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).transfer(alice.address, 100n);
      expect(await token.balanceOf(alice.address)).to.equal(HOLDER_BALANCE);
    });

    it("of the whole balance and of zero works", async function () {
      const { token, alice, carol } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).transfer(carol.address, 0n);
      await token.connect(alice).transfer(carol.address, HOLDER_BALANCE);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.balanceOf(carol.address)).to.equal(HOLDER_BALANCE);
    });

    it("reverts above the balance", async function () {
      const { token, alice, bob } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(alice).transfer(bob.address, HOLDER_BALANCE + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HOLDER_BALANCE, HOLDER_BALANCE + 1n);
    });

    it("reverts to the zero address", async function () {
      const { token, alice } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(alice).transfer(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("approve and transferFrom", function () {
    it("approve sets the allowance and emits Approval", async function () {
      const { token, alice, carol } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(alice).approve(carol.address, 500n))
        .to.emit(token, "Approval")
        .withArgs(alice.address, carol.address, 500n);
      expect(await token.allowance(alice.address, carol.address)).to.equal(500n);
    });

    it("approve to the zero address reverts", async function () {
      const { token, alice } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(alice).approve(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidSpender")
        .withArgs(ethers.ZeroAddress);
    });

    it("transferFrom spends a finite allowance", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(carol.address, 500n);
      await expect(token.connect(carol).transferFrom(alice.address, bob.address, 200n))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, 200n);
      expect(await token.allowance(alice.address, carol.address)).to.equal(300n);
      expect(await token.balanceOf(bob.address)).to.equal(HOLDER_BALANCE + 200n);
    });

    it("transferFrom does not decrease an infinite allowance", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(carol.address, ethers.MaxUint256);
      await token.connect(carol).transferFrom(alice.address, bob.address, 200n);
      expect(await token.allowance(alice.address, carol.address)).to.equal(ethers.MaxUint256);
    });

    it("transferFrom above the allowance reverts", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(carol.address, 100n);
      await expect(token.connect(carol).transferFrom(alice.address, bob.address, 101n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(carol.address, 100n, 101n);
    });

    it("transferFrom above the balance reverts even with allowance", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(carol.address, ethers.MaxUint256);
      await expect(token.connect(carol).transferFrom(alice.address, bob.address, HOLDER_BALANCE + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, HOLDER_BALANCE, HOLDER_BALANCE + 1n);
    });

    it("transferFrom(address(0), to, 0) reverts: no Transfer from the zero address that indexers read as a mint (OpenZeppelin's ERC-20 tests)", async function () {
      const { token, alice, bob } = await loadFixture(deployStablecoinFixture);
      const supply = await token.totalSupply();
      for (const value of [0n, 1n]) {
        await expect(token.connect(alice).transferFrom(ethers.ZeroAddress, bob.address, value))
          .to.be.revertedWithCustomError(token, "ERC20InvalidSender")
          .withArgs(ethers.ZeroAddress);
      }
      expect(await token.totalSupply()).to.equal(supply);
    });

    it("transferFrom to the zero address reverts, even for zero", async function () {
      const { token, alice, bob } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(bob.address, 5n);
      await expect(token.connect(bob).transferFrom(alice.address, ethers.ZeroAddress, 0n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });
  });
});
