import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { FunctionFragment } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { INITIAL_MINT, MINTER_ALLOWANCE, deployStablecoinFixture, role } from "./fixture";
import type { SomStablecoinNoReserveCheckMock } from "../../typechain-types";

describe("stablecoin: minting and burning", function () {
  describe("mint only into the reserve", function () {
    it("credits the reserve, spends the allowance and emits Transfer and Minted", async function () {
      const { token, minter, reserve } = await loadFixture(deployStablecoinFixture);
      const before = await token.balanceOf(reserve.address);
      await expect(token.connect(minter).mint(700n))
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, reserve.address, 700n)
        .and.to.emit(token, "Minted")
        .withArgs(minter.address, reserve.address, 700n);
      expect(await token.balanceOf(reserve.address)).to.equal(before + 700n);
      expect(await token.totalSupply()).to.equal(INITIAL_MINT + 700n);
      expect(await token.minterAllowance(minter.address)).to.equal(MINTER_ALLOWANCE - INITIAL_MINT - 700n);
    });

    it("has no function that mints to a chosen address (no mint-like function takes an address)", async function () {
      const { token } = await loadFixture(deployStablecoinFixture);
      const mintLike = token.interface.fragments.filter(
        (f): f is FunctionFragment => FunctionFragment.isFragment(f) && /^(mint|issue|increaseSupply)/i.test(f.name),
      );
      expect(mintLike.length).to.be.greaterThan(0);
      for (const fn of mintLike) {
        if (fn.stateMutability === "view") continue;
        expect(fn.inputs.map((i) => i.type), fn.format()).to.not.include("address");
      }
      expect(token.interface.getFunction("mint")!.format()).to.equal("mint(uint256)");
    });

    it("mints to the new reserve after setReserve, never to anyone else", async function () {
      const { token, admin, minter, reserve, other } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(admin).setReserve(other.address))
        .to.emit(token, "ReserveUpdated")
        .withArgs(reserve.address, other.address);
      expect(await token.reserve()).to.equal(other.address);
      const reserveBefore = await token.balanceOf(reserve.address);
      await token.connect(minter).mint(5n);
      expect(await token.balanceOf(other.address)).to.equal(5n);
      expect(await token.balanceOf(reserve.address)).to.equal(reserveBefore);
      expect(await token.balanceOf(minter.address)).to.equal(0n);
    });

    it("setReserve rejects the zero address", async function () {
      const { token, admin } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(admin).setReserve(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidReserve")
        .withArgs(ethers.ZeroAddress);
    });

    it("reverts for a zero amount", async function () {
      const { token, minter } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(minter).mint(0n)).to.be.revertedWithCustomError(token, "SomStablecoinZeroAmount");
    });

    it("reverts over the allowance with its own error", async function () {
      const { token, minter } = await loadFixture(deployStablecoinFixture);
      const left = await token.minterAllowance(minter.address);
      await expect(token.connect(minter).mint(left + 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsAllowance")
        .withArgs(minter.address, left + 1n, left);
      await token.connect(minter).mint(left);
      expect(await token.minterAllowance(minter.address)).to.equal(0n);
    });

    it("reverts when the minter or the reserve is frozen", async function () {
      const { token, compliance, minter, reserve } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(minter.address);
      await expect(token.connect(minter).mint(1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(minter.address);
      await token.connect(compliance).unfreeze(minter.address);
      await token.connect(compliance).freeze(reserve.address);
      await expect(token.connect(minter).mint(1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(reserve.address);
    });

    it("caps the supply at 2**128 - 1 even without the reserve check", async function () {
      const { feed, admin, reserve, minterAdmin, minter } = await loadFixture(deployStablecoinFixture);
      const mock = (await upgrades.deployProxy(
        await ethers.getContractFactory("SomStablecoinNoReserveCheckMock"),
        ["Som Stablecoin", "KGSC", 2, admin.address, 0, reserve.address, await feed.getAddress(), 3600],
        { kind: "uups" },
      )) as unknown as SomStablecoinNoReserveCheckMock;
      await mock.connect(admin).grantRole(role("MINTER_ADMIN_ROLE"), minterAdmin.address);
      await mock.connect(minterAdmin).configureMinter(minter.address, ethers.MaxUint256);
      const max = (1n << 128n) - 1n;
      await mock.connect(minter).mint(max);
      await expect(mock.connect(minter).mint(1n))
        .to.be.revertedWithCustomError(mock, "SomStablecoinMintExceedsReserves")
        .withArgs(max, 1n, max);
    });
  });

  describe("minter administration", function () {
    it("configureMinter grants MINTER_ROLE, sets the allowance and emits the old and new allowance", async function () {
      const { token, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(minterAdmin).configureMinter(other.address, 40n))
        .to.emit(token, "MinterAllowanceUpdated")
        .withArgs(other.address, 0n, 40n)
        .and.to.emit(token, "RoleGranted")
        .withArgs(role("MINTER_ROLE"), other.address, minterAdmin.address);
      expect(await token.hasRole(role("MINTER_ROLE"), other.address)).to.equal(true);
      await expect(token.connect(minterAdmin).configureMinter(other.address, 10n))
        .to.emit(token, "MinterAllowanceUpdated")
        .withArgs(other.address, 40n, 10n);
      expect(await token.minterAllowance(other.address)).to.equal(10n);
    });

    it("configureMinter rejects the zero address", async function () {
      const { token, minterAdmin } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(minterAdmin).configureMinter(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidMinter")
        .withArgs(ethers.ZeroAddress);
    });

    it("removeMinter revokes the role and zeroes the allowance", async function () {
      const { token, minterAdmin, minter } = await loadFixture(deployStablecoinFixture);
      const left = await token.minterAllowance(minter.address);
      await expect(token.connect(minterAdmin).removeMinter(minter.address))
        .to.emit(token, "MinterRemoved")
        .withArgs(minter.address, left)
        .and.to.emit(token, "RoleRevoked");
      expect(await token.minterAllowance(minter.address)).to.equal(0n);
      expect(await token.hasRole(role("MINTER_ROLE"), minter.address)).to.equal(false);
      await expect(token.connect(minter).mint(1n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(minter.address, role("MINTER_ROLE"));
    });

    it("losing MINTER_ROLE by revokeRole or renounceRole zeroes the allowance: a re-grant never revives it", async function () {
      const { token, minterAdmin, minter } = await loadFixture(deployStablecoinFixture);
      const left = await token.minterAllowance(minter.address);
      expect(left).to.be.greaterThan(0n);
      await expect(token.connect(minterAdmin).revokeRole(role("MINTER_ROLE"), minter.address))
        .to.emit(token, "MinterAllowanceUpdated")
        .withArgs(minter.address, left, 0n);
      expect(await token.minterAllowance(minter.address)).to.equal(0n);
      await token.connect(minterAdmin).grantRole(role("MINTER_ROLE"), minter.address);
      await expect(token.connect(minter).mint(1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsAllowance")
        .withArgs(minter.address, 1n, 0n);

      await token.connect(minterAdmin).configureMinter(minter.address, 5n);
      await expect(token.connect(minter).renounceRole(role("MINTER_ROLE"), minter.address))
        .to.emit(token, "MinterAllowanceUpdated")
        .withArgs(minter.address, 5n, 0n);
      expect(await token.minterAllowance(minter.address)).to.equal(0n);
    });

    it("revoking another role or an allowance-less minter emits no allowance event", async function () {
      const { token, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await token.connect(minterAdmin).grantRole(role("MINTER_ROLE"), other.address);
      await expect(token.connect(minterAdmin).revokeRole(role("MINTER_ROLE"), other.address)).to.not.emit(token, "MinterAllowanceUpdated");
    });

    it("MINTER_ROLE's admin role is MINTER_ADMIN_ROLE", async function () {
      const { token, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      expect(await token.getRoleAdmin(role("MINTER_ROLE"))).to.equal(role("MINTER_ADMIN_ROLE"));
      // a minter granted directly has no allowance, so it still cannot mint
      await token.connect(minterAdmin).grantRole(role("MINTER_ROLE"), other.address);
      await expect(token.connect(other).mint(1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsAllowance")
        .withArgs(other.address, 1n, 0n);
    });
  });

  describe("burn for redemption", function () {
    it("burns the caller's own balance and emits the redemption reference", async function () {
      const { token, reserve } = await loadFixture(deployStablecoinFixture);
      const ref = ethers.id("payout-order-42");
      const balance = await token.balanceOf(reserve.address);
      const supply = await token.totalSupply();
      await expect(token.connect(reserve).burn(300n, ref))
        .to.emit(token, "Transfer")
        .withArgs(reserve.address, ethers.ZeroAddress, 300n)
        .and.to.emit(token, "Burned")
        .withArgs(reserve.address, 300n, ref);
      expect(await token.balanceOf(reserve.address)).to.equal(balance - 300n);
      expect(await token.totalSupply()).to.equal(supply - 300n);
    });

    it("does not refill the minter allowance", async function () {
      const { token, minter, reserve } = await loadFixture(deployStablecoinFixture);
      const allowance = await token.minterAllowance(minter.address);
      await token.connect(reserve).burn(1_000n, ethers.ZeroHash);
      expect(await token.minterAllowance(minter.address)).to.equal(allowance);
    });

    it("reverts above the balance, for zero, and for a frozen burner", async function () {
      const { token, reserve, compliance } = await loadFixture(deployStablecoinFixture);
      const balance = await token.balanceOf(reserve.address);
      await expect(token.connect(reserve).burn(balance + 1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(reserve.address, balance, balance + 1n);
      await expect(token.connect(reserve).burn(0n, ethers.ZeroHash)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinZeroAmount",
      );
      await token.connect(compliance).freeze(reserve.address);
      await expect(token.connect(reserve).burn(1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(reserve.address);
    });

    it("cannot burn someone else's balance (no address parameter)", async function () {
      const { token } = await loadFixture(deployStablecoinFixture);
      expect(token.interface.getFunction("burn")!.format()).to.equal("burn(uint256,bytes32)");
    });
  });
});
