import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { FunctionFragment } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { INITIAL_MINT, MINTER_ALLOWANCE, deployStablecoinFixture, role, tokenSettings } from "./fixture";
import { deployStablecoin } from "../../src/stablecoin/deploy";

describe("stablecoin: minting and burning", function () {
  describe("mint only into the reserve, only by the supply controller", function () {
    it("credits the reserve through the controller and emits Transfer (token) and Minted (controller)", async function () {
      const { token, controller, minter, reserve } = await loadFixture(deployStablecoinFixture);
      const before = await token.balanceOf(reserve.address);
      await expect(controller.connect(minter).mint(700n))
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, reserve.address, 700n)
        .and.to.emit(controller, "Minted")
        .withArgs(minter.address, 700n);
      expect(await token.balanceOf(reserve.address)).to.equal(before + 700n);
      expect(await token.totalSupply()).to.equal(INITIAL_MINT + 700n);
      expect(await controller.minterAllowance(minter.address)).to.equal(MINTER_ALLOWANCE - INITIAL_MINT - 700n);
    });

    it("the token mints for its supply controller only: not for a minter, an admin or anyone else", async function () {
      const { token, controller, admin, minter, other } = await loadFixture(deployStablecoinFixture);
      expect(await token.supplyController()).to.equal(await controller.getAddress());
      for (const caller of [minter, admin, other]) {
        await expect(token.connect(caller).mint(1n))
          .to.be.revertedWithCustomError(token, "SomStablecoinCallerNotSupplyController")
          .withArgs(caller.address);
      }
    });

    it("setSupplyController: only the default admin, never zero, emits the old and new controller", async function () {
      const { token, controller, admin, other } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(other).setSupplyController(other.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(other.address, role("DEFAULT_ADMIN_ROLE"));
      await expect(token.connect(admin).setSupplyController(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSupplyController")
        .withArgs(ethers.ZeroAddress);
      await expect(token.connect(admin).setSupplyController(other.address))
        .to.emit(token, "SupplyControllerUpdated")
        .withArgs(await controller.getAddress(), other.address);
      // the new controller mints; the old one no longer can
      await token.connect(other).mint(3n);
      await expect(controller.connect((await ethers.getSigners())[3]).mint(1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinCallerNotSupplyController")
        .withArgs(await controller.getAddress());
    });

    it("nobody can mint before a supply controller is set", async function () {
      const { feed, admin, reserve } = await loadFixture(deployStablecoinFixture);
      const fresh = await deployStablecoin(
        hre,
        admin,
        admin.address,
        0,
        tokenSettings(reserve.address, await feed.getAddress()),
      );
      expect(await fresh.supplyController()).to.equal(ethers.ZeroAddress);
      await expect(fresh.connect(admin).mint(1n))
        .to.be.revertedWithCustomError(fresh, "SomStablecoinCallerNotSupplyController")
        .withArgs(admin.address);
    });

    it("has no function that mints to a chosen address (no mint-like function takes an address)", async function () {
      const { token, controller } = await loadFixture(deployStablecoinFixture);
      for (const c of [token, controller]) {
        const mintLike = c.interface.fragments.filter(
          (f): f is FunctionFragment => FunctionFragment.isFragment(f) && /^(mint|issue|increaseSupply)/i.test(f.name),
        );
        expect(mintLike.length).to.be.greaterThan(0);
        for (const fn of mintLike) {
          if (fn.stateMutability === "view") continue;
          expect(
            fn.inputs.map((i) => i.type),
            fn.format(),
          ).to.not.include("address");
        }
        expect(c.interface.getFunction("mint")!.format()).to.equal("mint(uint256)");
      }
    });

    it("mints to the new reserve after setReserve, never to anyone else", async function () {
      const { token, controller, admin, minter, reserve, other } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(admin).setReserve(other.address))
        .to.emit(token, "ReserveUpdated")
        .withArgs(reserve.address, other.address);
      expect(await token.reserve()).to.equal(other.address);
      const reserveBefore = await token.balanceOf(reserve.address);
      await controller.connect(minter).mint(5n);
      expect(await token.balanceOf(other.address)).to.equal(5n);
      expect(await token.balanceOf(reserve.address)).to.equal(reserveBefore);
      expect(await token.balanceOf(minter.address)).to.equal(0n);
      expect(await token.balanceOf(await controller.getAddress())).to.equal(0n);
    });

    it("setReserve rejects the zero address", async function () {
      const { token, admin } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(admin).setReserve(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidReserve")
        .withArgs(ethers.ZeroAddress);
    });

    it("the token reverts for a zero amount (whatever its controller does)", async function () {
      const { token, admin } = await loadFixture(deployStablecoinFixture);
      await token.connect(admin).setSupplyController(admin.address);
      await expect(token.connect(admin).mint(0n)).to.be.revertedWithCustomError(token, "SomStablecoinZeroAmount");
    });

    it("reverts when the reserve is frozen (a frozen reserve receives nothing); a frozen minter is the controller's concern", async function () {
      const { token, controller, compliance, minter, reserve } = await loadFixture(deployStablecoinFixture);
      await token.connect(compliance).freeze(reserve.address);
      await expect(controller.connect(minter).mint(1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(reserve.address);
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
      const { token, controller, minter, reserve } = await loadFixture(deployStablecoinFixture);
      const allowance = await controller.minterAllowance(minter.address);
      await token.connect(reserve).burn(1_000n, ethers.ZeroHash);
      expect(await controller.minterAllowance(minter.address)).to.equal(allowance);
    });

    it("a redemption contract holding BURNER_ROLE burns what it holds (the burn path of a redemption desk)", async function () {
      const { token, admin, reserve, other } = await loadFixture(deployStablecoinFixture);
      await token.connect(reserve).transfer(other.address, 50n);
      await expect(token.connect(other).burn(50n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(other.address, role("BURNER_ROLE"));
      await token.connect(admin).grantRole(role("BURNER_ROLE"), other.address);
      await token.connect(other).burn(50n, ethers.id("redemption-7"));
      expect(await token.balanceOf(other.address)).to.equal(0n);
    });

    it("is refused while paused", async function () {
      const { token, reserve, pauser } = await loadFixture(deployStablecoinFixture);
      await token.connect(pauser).pause();
      await expect(token.connect(reserve).burn(1n, ethers.ZeroHash)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinPaused",
      );
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
