import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployStablecoinFixture } from "./fixture";

describe("stablecoin: rescue", function () {
  it("the rescuer sends foreign tokens held by the contract and an event is emitted", async function () {
    const { token, rescuer, other } = await loadFixture(deployStablecoinFixture);
    const stray = await ethers.deployContract("RescuableTokenMock");
    const tokenAddress = await token.getAddress();
    await stray.mint(tokenAddress, 1_000n);
    await expect(token.connect(rescuer).rescueERC20(await stray.getAddress(), other.address, 600n))
      .to.emit(token, "ERC20Rescued")
      .withArgs(await stray.getAddress(), other.address, 600n)
      .and.to.emit(stray, "Transfer")
      .withArgs(tokenAddress, other.address, 600n);
    expect(await stray.balanceOf(other.address)).to.equal(600n);
    expect(await stray.balanceOf(tokenAddress)).to.equal(400n);
  });

  it("rejects the zero recipient and reverts when the contract holds too little", async function () {
    const { token, rescuer, other } = await loadFixture(deployStablecoinFixture);
    const stray = await ethers.deployContract("RescuableTokenMock");
    await expect(token.connect(rescuer).rescueERC20(await stray.getAddress(), ethers.ZeroAddress, 1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinInvalidRescueRecipient")
      .withArgs(ethers.ZeroAddress);
    await expect(
      token.connect(rescuer).rescueERC20(await stray.getAddress(), other.address, 1n),
    ).to.be.revertedWithCustomError(stray, "ERC20InsufficientBalance");
  });

  it("can rescue som tokens sent to the token contract itself", async function () {
    const { token, rescuer, alice, bob } = await loadFixture(deployStablecoinFixture);
    const tokenAddress = await token.getAddress();
    await token.connect(alice).transfer(tokenAddress, 50n);
    await token.connect(rescuer).rescueERC20(tokenAddress, bob.address, 50n);
    expect(await token.balanceOf(tokenAddress)).to.equal(0n);
  });
});
