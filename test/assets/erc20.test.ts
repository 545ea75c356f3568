import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployAssetsFixture, HOLDING } from "./fixture";

describe("AssetToken ERC-20", function () {
  it("metadata from the asset parameters (0 decimals: whole shares)", async function () {
    const { token, params } = await loadFixture(deployAssetsFixture);
    expect(await token.name()).to.equal(params.name);
    expect(await token.symbol()).to.equal(params.symbol);
    expect(await token.decimals()).to.equal(0);
  });

  it("approve sets the allowance and emits Approval; zero spender rejected", async function () {
    const { token, alice, bob } = await loadFixture(deployAssetsFixture);
    await expect(token.connect(alice).approve(bob.address, 5n))
      .to.emit(token, "Approval")
      .withArgs(alice.address, bob.address, 5n);
    expect(await token.allowance(alice.address, bob.address)).to.equal(5n);
    await expect(token.connect(alice).approve(ethers.ZeroAddress, 5n))
      .to.be.revertedWithCustomError(token, "ERC20InvalidSpender")
      .withArgs(ethers.ZeroAddress);
  });

  it("transferFrom checks and spends the allowance (Securitize DS 2025 audit regression)", async function () {
    const { token, alice, bob, outsider } = await loadFixture(deployAssetsFixture);
    await expect(token.connect(outsider).transferFrom(alice.address, bob.address, 1n))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
      .withArgs(outsider.address, 0n, 1n);
    await token.connect(alice).approve(outsider.address, 10n);
    await expect(token.connect(outsider).transferFrom(alice.address, bob.address, 11n))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
      .withArgs(outsider.address, 10n, 11n);
    await expect(token.connect(outsider).transferFrom(alice.address, bob.address, 4n)).to.changeTokenBalances(
      token,
      [alice, bob],
      [-4n, 4n],
    );
    expect(await token.allowance(alice.address, outsider.address)).to.equal(6n);
    // the holder itself has no implicit allowance either
    await expect(token.connect(alice).transferFrom(alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
      token,
      "ERC20InsufficientAllowance",
    );
  });

  it("an infinite allowance is not decreased", async function () {
    const { token, alice, bob, outsider } = await loadFixture(deployAssetsFixture);
    await token.connect(alice).approve(outsider.address, ethers.MaxUint256);
    await token.connect(outsider).transferFrom(alice.address, bob.address, HOLDING);
    expect(await token.allowance(alice.address, outsider.address)).to.equal(ethers.MaxUint256);
  });

  it("transfer, transferFrom and approve return true, as ERC-20 callers check", async function () {
    // mutation testing: AssetToken:constant:L154:dfe0e819 (approve)
    const { token, alice, bob, outsider } = await loadFixture(deployAssetsFixture);
    expect(await token.connect(alice).transfer.staticCall(bob.address, 1n)).to.equal(true);
    expect(await token.connect(alice).approve.staticCall(outsider.address, 1n)).to.equal(true);
    await token.connect(alice).approve(outsider.address, 1n);
    expect(await token.connect(outsider).transferFrom.staticCall(alice.address, bob.address, 1n)).to.equal(true);
  });

  it("total supply equals the sum of balances after mixed operations", async function () {
    const f = await loadFixture(deployAssetsFixture);
    await f.token.connect(f.alice).transfer(f.bob.address, 10n);
    await f.token.connect(f.enforcer)["forcedTransfer(address,address,uint256)"](f.carol.address, f.alice.address, 5n);
    await f.token.connect(f.enforcer).recoverWallet(f.eve.address, f.bob.address, ethers.id("r"));
    await f.token.connect(f.issuer).mint(7n);
    await f.token.connect(f.reserve).burn(3n, ethers.id("b"));
    const holders = [f.reserve, f.alice, f.bob, f.carol, f.dave, f.eve, f.frank].map((s) => s.address);
    let sum = 0n;
    for (const h of holders) sum += await f.token.balanceOf(h);
    expect(sum).to.equal(await f.token.totalSupply());
  });
});
