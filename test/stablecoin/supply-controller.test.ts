/**
 * SomSupplyController: the token's only minter. Minters with allowances and refilling rate limits,
 * managed by MINTER_ADMIN_ROLE; the token's own rules still apply behind it.
 */
import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  ADMIN_DELAY,
  CONTROLLER_ROLE_NAMES,
  INITIAL_MINT,
  MINTER_ALLOWANCE,
  deployStablecoinFixture,
  role,
} from "./fixture";
import {
  MAX_MINTER_ALLOWANCE,
  MAX_RATE_LIMIT_VALUE,
  configureMinter,
  deploySupplyController,
  minterMatches,
  removeMinter,
  setRateLimit,
  supplyControllerConstructorArgs,
  supplyControllerInitArgs,
} from "../../src/stablecoin/deploy";

// keccak256(abi.encode(uint256(keccak256("som.storage.SomSupplyController")) - 1)) & ~bytes32(uint256(0xff))
const STORAGE_SLOT = "0xef2d6623a82c434139c3d7180c6de18be930ac5b552be743509d48602e1c3600";
const MAX = ethers.MaxUint256;

describe("stablecoin: supply controller", function () {
  describe("minting", function () {
    it("spends the allowance and the bucket, and the bucket refills per second up to the capacity", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 10_000n,
        rateLimit: { capacity: 1_000n, refillPerSecond: 10n },
      });
      const st0 = await controller.minterState(other.address);
      expect([st0.active, st0.allowance, st0.capacity, st0.refillPerSecond, st0.available]).to.deep.equal([
        true,
        10_000n,
        1_000n,
        10n,
        1_000n,
      ]);
      await controller.connect(other).mint(600n); // one second later: the bucket was full, stays at the capacity
      expect((await controller.minterState(other.address)).available).to.equal(400n);
      expect(await controller.minterAllowance(other.address)).to.equal(9_400n);
      await time.increase(30);
      expect((await controller.minterState(other.address)).available).to.equal(700n);
      await time.increase(365 * 24 * 3600);
      expect((await controller.minterState(other.address)).available).to.equal(1_000n);
    });

    it("a mint above what the bucket holds reverts naming the current capacity and the seconds until enough refills", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 10_000n,
        rateLimit: { capacity: 1_000n, refillPerSecond: 10n },
      });
      await controller.connect(other).mint(1_000n); // empties the bucket
      const t1 = BigInt(await time.latest());
      await time.setNextBlockTimestamp(t1 + 1n);
      // 10 refilled, 16 missing: 2 more seconds
      await expect(controller.connect(other).mint(26n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerRateLimitExceeded")
        .withArgs(other.address, 26n, 10n, 1_000n, 2n);
      await time.setNextBlockTimestamp(t1 + 3n);
      await controller.connect(other).mint(26n);
    });

    it("a mint above the capacity can never succeed: seconds until is type(uint256).max", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 10_000n,
        rateLimit: { capacity: 1_000n, refillPerSecond: 10n },
      });
      await expect(controller.connect(other).mint(1_001n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerRateLimitExceeded")
        .withArgs(other.address, 1_001n, 1_000n, 1_000n, MAX);
    });

    it("without refill, an empty bucket never refills (seconds until: max)", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 100n,
        rateLimit: { capacity: 10n, refillPerSecond: 0n },
      });
      await controller.connect(other).mint(10n);
      await time.increase(1000);
      await expect(controller.connect(other).mint(1n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerRateLimitExceeded")
        .withArgs(other.address, 1n, 0n, 10n, MAX);
    });

    it("a mint above the allowance reverts with its own error; the allowance never refills", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 15n,
        rateLimit: { capacity: 10n, refillPerSecond: 10n },
      });
      await controller.connect(other).mint(10n);
      await time.increase(10);
      await expect(controller.connect(other).mint(6n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerAllowanceExceeded")
        .withArgs(other.address, 6n, 5n);
      await controller.connect(other).mint(5n);
      expect(await controller.minterAllowance(other.address)).to.equal(0n);
    });

    it("only minters mint; zero amounts are refused", async function () {
      const { controller, minter, admin, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      for (const caller of [admin, minterAdmin, other]) {
        await expect(controller.connect(caller).mint(1n))
          .to.be.revertedWithCustomError(controller, "SomSupplyControllerNotMinter")
          .withArgs(caller.address);
      }
      await expect(controller.connect(minter).mint(0n)).to.be.revertedWithCustomError(
        controller,
        "SomSupplyControllerZeroAmount",
      );
    });

    it("the token's rules still apply: reserves, freshness, pause", async function () {
      const { token, controller, minterAdmin, admin, pauser, feed, other } = await loadFixture(deployStablecoinFixture);
      // a new minter: its bucket starts full
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: MAX_MINTER_ALLOWANCE,
        rateLimit: { capacity: MAX_RATE_LIMIT_VALUE, refillPerSecond: 0n },
      });
      const [reserves] = await token.reserveSnapshot();
      const supply = await token.totalSupply();
      await expect(controller.connect(other).mint(reserves - supply + 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsReserves")
        .withArgs(supply, reserves - supply + 1n, reserves);
      await token.connect(pauser).pause();
      await expect(controller.connect(other).mint(1n)).to.be.revertedWithCustomError(token, "SomStablecoinPaused");
      await token.connect(admin).unpause();
      await time.increase(3 * 24 * 3600);
      await expect(controller.connect(other).mint(1n)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinReserveAttestationStale",
      );
      expect(await feed.getAddress()).to.equal(await token.reserveFeed());
      // a failed mint spends nothing
      expect(await controller.minterAllowance(other.address)).to.equal(MAX_MINTER_ALLOWANCE);
    });
  });

  describe("minter administration", function () {
    it("configureMinter makes a minter with a full bucket and emits its settings; again replaces them", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await expect(controller.connect(minterAdmin).configureMinter(other.address, 40n, 30n, 1n))
        .to.emit(controller, "MinterConfigured")
        .withArgs(other.address, 40n, 30n, 1n);
      expect(await controller.isMinter(other.address)).to.equal(true);
      expect(
        await minterMatches(controller, {
          address: other.address,
          allowance: 40n,
          rateLimit: { capacity: 30n, refillPerSecond: 1n },
        }),
      ).to.equal(true);
      expect((await controller.minterState(other.address)).available).to.equal(30n);
      await controller.connect(minterAdmin).configureMinter(other.address, 10n, 5n, 0n);
      expect(await controller.minterAllowance(other.address)).to.equal(10n);
      expect(
        await minterMatches(controller, {
          address: other.address,
          allowance: 40n,
          rateLimit: { capacity: 30n, refillPerSecond: 1n },
        }),
      ).to.equal(false);
    });

    it("regression: configureMinter on an existing minter keeps its bucket level (refill accrued to now), capped at the new capacity: lowering a compromised minter's limits never hands it a full bucket", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 10_000n,
        rateLimit: { capacity: 1_000n, refillPerSecond: 10n },
      });
      await controller.connect(other).mint(1_000n); // empties the bucket
      const t1 = BigInt(await time.latest());
      // incident response five seconds later: a lower allowance and rate limit
      await time.setNextBlockTimestamp(t1 + 5n);
      await expect(controller.connect(minterAdmin).configureMinter(other.address, 600n, 500n, 1n))
        .to.emit(controller, "MinterConfigured")
        .withArgs(other.address, 600n, 500n, 1n);
      // 5 s x 10 accrued under the old refill, not the new capacity of 500
      const st = await controller.minterState(other.address);
      expect([st.allowance, st.capacity, st.refillPerSecond, st.available]).to.deep.equal([600n, 500n, 1n, 50n]);
      await time.setNextBlockTimestamp(t1 + 6n);
      await expect(controller.connect(other).mint(52n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerRateLimitExceeded")
        .withArgs(other.address, 52n, 51n, 500n, 1n);
      await time.setNextBlockTimestamp(t1 + 7n);
      await controller.connect(other).mint(52n);
      expect((await controller.minterState(other.address)).available).to.equal(0n);
    });

    it("configureMinter on an existing minter: a fuller bucket is cut to the new capacity, a higher capacity does not fill it; a removed then re-added minter starts full", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      const c = controller.connect(minterAdmin);
      await c.configureMinter(other.address, 10_000n, 1_000n, 0n);
      await controller.connect(other).mint(300n); // 700 left, no refill
      await c.configureMinter(other.address, 10_000n, 400n, 0n);
      expect((await controller.minterState(other.address)).available).to.equal(400n);
      await c.configureMinter(other.address, 10_000n, 5_000n, 0n);
      expect((await controller.minterState(other.address)).available).to.equal(400n);
      await c.removeMinter(other.address);
      await c.configureMinter(other.address, 10_000n, 5_000n, 0n);
      expect((await controller.minterState(other.address)).available).to.equal(5_000n);
    });

    it("configureMinter rejects the zero address, an allowance >= 2**128, a zero capacity and values >= 2**88", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      const c = controller.connect(minterAdmin);
      await expect(c.configureMinter(ethers.ZeroAddress, 1n, 1n, 0n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerInvalidMinter")
        .withArgs(ethers.ZeroAddress);
      await expect(c.configureMinter(other.address, MAX_MINTER_ALLOWANCE + 1n, 1n, 0n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerInvalidSetting")
        .withArgs(MAX_MINTER_ALLOWANCE + 1n);
      await expect(c.configureMinter(other.address, 1n, 0n, 0n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerInvalidSetting")
        .withArgs(0n);
      await expect(c.configureMinter(other.address, 1n, MAX_RATE_LIMIT_VALUE + 1n, 0n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerInvalidSetting")
        .withArgs(MAX_RATE_LIMIT_VALUE + 1n);
      await expect(c.configureMinter(other.address, 1n, 1n, MAX_RATE_LIMIT_VALUE + 1n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerInvalidSetting")
        .withArgs(MAX_RATE_LIMIT_VALUE + 1n);
      await c.configureMinter(other.address, MAX_MINTER_ALLOWANCE, MAX_RATE_LIMIT_VALUE, MAX_RATE_LIMIT_VALUE);
    });

    it("setRateLimit keeps what the bucket holds, up to the new capacity; only for a minter", async function () {
      const { controller, minterAdmin, other, carol } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 10_000n,
        rateLimit: { capacity: 1_000n, refillPerSecond: 10n },
      });
      await controller.connect(other).mint(600n);
      await expect(controller.connect(minterAdmin).setRateLimit(other.address, 2_000n, 0n))
        .to.emit(controller, "MinterRateLimitUpdated")
        .withArgs(other.address, 2_000n, 0n);
      const st = await controller.minterState(other.address);
      // 400 left plus one second of the old refill
      expect([st.capacity, st.refillPerSecond, st.available]).to.deep.equal([2_000n, 0n, 410n]);
      await setRateLimit(controller.connect(minterAdmin), other.address, { capacity: 7n, refillPerSecond: 1n });
      expect((await controller.minterState(other.address)).available).to.equal(7n);
      await expect(controller.connect(minterAdmin).setRateLimit(carol.address, 1n, 1n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerNotMinter")
        .withArgs(carol.address);
      await expect(controller.connect(minterAdmin).setRateLimit(other.address, 0n, 1n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerInvalidSetting")
        .withArgs(0n);
    });

    it("setRateLimit counts the refill accrued so far once: the bucket restarts from now, not from the last mint", async function () {
      // (mutation testing: SomSupplyController:delete-write:L129:0f45e7f1)
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await configureMinter(controller.connect(minterAdmin), {
        address: other.address,
        allowance: 10_000n,
        rateLimit: { capacity: 1_000n, refillPerSecond: 10n },
      });
      await controller.connect(other).mint(600n);
      await time.increase(20);
      await setRateLimit(controller.connect(minterAdmin), other.address, { capacity: 1_000n, refillPerSecond: 10n });
      // 400 left plus 21 seconds of refill, read in the same block
      expect((await controller.minterState(other.address)).available).to.equal(610n);
      await time.increase(10);
      expect((await controller.minterState(other.address)).available).to.equal(710n);
    });

    it("removeMinter clears the minter and emits the allowance it had left", async function () {
      const { controller, minterAdmin, minter } = await loadFixture(deployStablecoinFixture);
      await expect(controller.connect(minterAdmin).removeMinter(minter.address))
        .to.emit(controller, "MinterRemoved")
        .withArgs(minter.address, MINTER_ALLOWANCE - INITIAL_MINT);
      expect(await controller.isMinter(minter.address)).to.equal(false);
      const st = await controller.minterState(minter.address);
      expect([st.active, st.allowance, st.capacity, st.refillPerSecond, st.available]).to.deep.equal([
        false,
        0n,
        0n,
        0n,
        0n,
      ]);
      await expect(controller.connect(minter).mint(1n))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerNotMinter")
        .withArgs(minter.address);
    });

    it("removeMinter of an address that is not a minter reverts (found by Circle's MintController tests)", async function () {
      const { controller, minterAdmin, minter, other } = await loadFixture(deployStablecoinFixture);
      await expect(controller.connect(minterAdmin).removeMinter(other.address))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerNotMinter")
        .withArgs(other.address);
      await removeMinter(controller.connect(minterAdmin), minter.address);
      await expect(controller.connect(minterAdmin).removeMinter(minter.address))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerNotMinter")
        .withArgs(minter.address);
    });

    it("every minter-admin function and upgrade is denied without its role", async function () {
      const { controller, minter, other, admin } = await loadFixture(deployStablecoinFixture);
      for (const caller of [minter, other, admin]) {
        const c = controller.connect(caller);
        for (const call of [
          () => c.configureMinter(other.address, 1n, 1n, 0n),
          () => c.setRateLimit(minter.address, 1n, 0n),
          () => c.removeMinter(minter.address),
        ]) {
          await expect(call())
            .to.be.revertedWithCustomError(controller, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, role("MINTER_ADMIN_ROLE"));
        }
        await expect(c.upgradeToAndCall(other.address, "0x"))
          .to.be.revertedWithCustomError(controller, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, role("UPGRADER_ROLE"));
      }
    });

    it("roles: constants are keccak256 of their names, administered by the delayed default admin", async function () {
      const { controller, admin } = await loadFixture(deployStablecoinFixture);
      for (const name of CONTROLLER_ROLE_NAMES) {
        expect(await controller[name]()).to.equal(ethers.id(name));
        expect(await controller.getRoleAdmin(role(name))).to.equal(ethers.ZeroHash);
      }
      expect(await controller.defaultAdmin()).to.equal(admin.address);
      expect(await controller.defaultAdminDelay()).to.equal(ADMIN_DELAY);
    });
  });

  describe("deployment, upgrades and storage", function () {
    it("the token is fixed in the implementation; initialize takes the admin then the delay, once", async function () {
      const { token, controller, admin } = await loadFixture(deployStablecoinFixture);
      expect(await controller.token()).to.equal(await token.getAddress());
      expect(controller.interface.getFunction("initialize")!.inputs.map((i) => i.name)).to.deep.equal([
        "admin",
        "adminTransferDelay",
      ]);
      await expect(controller.initialize(...supplyControllerInitArgs(admin.address, 0))).to.be.revertedWithCustomError(
        controller,
        "InvalidInitialization",
      );
      const impl = await ethers.getContractAt(
        "SomSupplyController",
        await upgrades.erc1967.getImplementationAddress(await controller.getAddress()),
      );
      await expect(impl.initialize(admin.address, 0)).to.be.revertedWithCustomError(
        controller,
        "InvalidInitialization",
      );
      await expect(ethers.deployContract("SomSupplyController", supplyControllerConstructorArgs(ethers.ZeroAddress)))
        .to.be.revertedWithCustomError(controller, "SomSupplyControllerInvalidToken")
        .withArgs(ethers.ZeroAddress);
      const other = await deploySupplyController(hre, admin, await token.getAddress(), admin.address, 0);
      expect(await other.token()).to.equal(await token.getAddress());
    });

    it("the upgrader upgrades (same token, state kept); the slot constant is the ERC-7201 formula", async function () {
      const { token, controller, admin, minter } = await loadFixture(deployStablecoinFixture);
      const inner = BigInt(ethers.id("som.storage.SomSupplyController")) - 1n;
      const outer = BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner])));
      expect(ethers.toBeHex(outer & ~0xffn, 32)).to.equal(STORAGE_SLOT);
      await controller.connect(admin).grantRole(role("UPGRADER_ROLE"), admin.address);
      const before = await controller.minterState(minter.address);
      const upgraded = await upgrades.upgradeProxy(
        controller,
        await ethers.getContractFactory("SomSupplyController", admin),
        {
          kind: "uups",
          constructorArgs: supplyControllerConstructorArgs(await token.getAddress()),
        },
      );
      const after = await ethers.getContractAt("SomSupplyController", await upgraded.getAddress());
      const st = await after.minterState(minter.address);
      expect([st.active, st.allowance, st.capacity, st.refillPerSecond]).to.deep.equal([
        before.active,
        before.allowance,
        before.capacity,
        before.refillPerSecond,
      ]);
      await after.connect(minter).mint(1n);
    });

    it("layout: a minter's first slot packs allowance (128), bucket (88), update time (40); the second capacity (88), refill (88), active", async function () {
      const { controller, minterAdmin, other } = await loadFixture(deployStablecoinFixture);
      await controller.connect(minterAdmin).configureMinter(other.address, 1234n, 56n, 7n);
      const t = BigInt(await time.latest());
      const base = BigInt(
        ethers.keccak256(
          ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [other.address, STORAGE_SLOT]),
        ),
      );
      const at = async (slot: bigint) => BigInt(await ethers.provider.getStorage(await controller.getAddress(), slot));
      expect(await at(base)).to.equal(1234n | (56n << 128n) | (t << 216n));
      expect(await at(base + 1n)).to.equal(56n | (7n << 88n) | (1n << 176n));
    });
  });
});
