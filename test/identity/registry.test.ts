import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { IdentityRegistry__factory } from "../../typechain-types";
import { COUNTRY_KG, DAY, YEAR } from "../assets/fixture";

const COUNTRY_KZ = 398;
// keccak256(abi.encode(uint256(keccak256("som.storage.IdentityRegistry")) - 1)) & ~bytes32(uint256(0xff))
const STORAGE_SLOT = "0xd2d42ace8386642a5d2bc37fff023753d8000eef0eee67f2c814eb2348769100";

async function registryFixture() {
  const [deployer, admin, kyc, upgrader, reserve, alice, bob, carol, outsider] = await ethers.getSigners();
  const proxy = await upgrades.deployProxy(
    new IdentityRegistry__factory(deployer),
    [admin.address, DAY, kyc.address, upgrader.address, reserve.address],
    { kind: "uups" },
  );
  const registry = IdentityRegistry__factory.connect(await proxy.getAddress(), kyc);
  const expiry = (await time.latest()) + YEAR;
  return { registry, deployer, admin, kyc, upgrader, reserve, alice, bob, carol, outsider, expiry };
}

describe("IdentityRegistry", function () {
  describe("initialization", function () {
    it("grants the roles, sets the reserve and cannot run twice", async function () {
      const { registry, admin, kyc, upgrader, reserve } = await loadFixture(registryFixture);
      expect(await registry.defaultAdmin()).to.equal(admin.address);
      expect(await registry.defaultAdminDelay()).to.equal(DAY);
      expect(await registry.hasRole(await registry.KYC_OFFICER_ROLE(), kyc.address)).to.equal(true);
      expect(await registry.hasRole(await registry.UPGRADER_ROLE(), upgrader.address)).to.equal(true);
      expect(await registry.reserve()).to.equal(reserve.address);
      await expect(
        registry.initialize(admin.address, 0, kyc.address, upgrader.address, reserve.address),
      ).to.be.revertedWithCustomError(registry, "InvalidInitialization");
    });

    it("rejects zero addresses", async function () {
      const [deployer, a] = await ethers.getSigners();
      const factory = new IdentityRegistry__factory(deployer);
      const zero = ethers.ZeroAddress;
      for (const args of [
        [a.address, DAY, zero, a.address, a.address],
        [a.address, DAY, a.address, zero, a.address],
        [a.address, DAY, a.address, a.address, zero],
      ] as const) {
        await expect(upgrades.deployProxy(factory, [...args], { kind: "uups" })).to.be.revertedWithCustomError(
          factory,
          "IdentityRegistryZeroAddress",
        );
      }
    });

    it("the implementation cannot be initialized", async function () {
      const [deployer, a] = await ethers.getSigners();
      const impl = await new IdentityRegistry__factory(deployer).deploy();
      await expect(impl.initialize(a.address, 0, a.address, a.address, a.address)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });
  });

  describe("register, update, remove", function () {
    it("registers a verified identity packed in one slot", async function () {
      const { registry, alice, expiry } = await loadFixture(registryFixture);
      await expect(registry.registerIdentity(alice.address, COUNTRY_KG, expiry))
        .to.emit(registry, "IdentityRegistered")
        .withArgs(alice.address, COUNTRY_KG, expiry);
      const id = await registry.identity(alice.address);
      expect(id.country).to.equal(COUNTRY_KG);
      expect(id.kycExpiry).to.equal(expiry);
      expect(await registry.isVerified(alice.address)).to.equal(true);
      // mapping slot = keccak256(abi.encode(account, STORAGE_SLOT)): country (16 bits) | expiry (64 bits) << 16
      const slot = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["address", "bytes32"], [alice.address, STORAGE_SLOT]),
      );
      const word = BigInt(await ethers.provider.getStorage(await registry.getAddress(), slot));
      expect(word).to.equal((BigInt(expiry) << 16n) | BigInt(COUNTRY_KG));
    });

    it("rejects zero, duplicate, bad country and non-future expiry", async function () {
      const { registry, alice, expiry } = await loadFixture(registryFixture);
      await expect(registry.registerIdentity(ethers.ZeroAddress, COUNTRY_KG, expiry)).to.be.revertedWithCustomError(
        registry,
        "IdentityRegistryZeroAddress",
      );
      await expect(registry.registerIdentity(alice.address, 0, expiry))
        .to.be.revertedWithCustomError(registry, "IdentityRegistryInvalidCountry")
        .withArgs(alice.address, 0);
      await expect(registry.registerIdentity(alice.address, 1000, expiry))
        .to.be.revertedWithCustomError(registry, "IdentityRegistryInvalidCountry")
        .withArgs(alice.address, 1000);
      const now = await time.latest();
      await expect(registry.registerIdentity(alice.address, COUNTRY_KG, now)).to.be.revertedWithCustomError(
        registry,
        "IdentityRegistryExpiryNotInFuture",
      );
      await registry.registerIdentity(alice.address, COUNTRY_KG, expiry);
      await expect(registry.registerIdentity(alice.address, COUNTRY_KG, expiry))
        .to.be.revertedWithCustomError(registry, "IdentityRegistryAlreadyRegistered")
        .withArgs(alice.address);
    });

    it("updates (renews) an identity and emits old and new values", async function () {
      const { registry, alice, expiry } = await loadFixture(registryFixture);
      await registry.registerIdentity(alice.address, COUNTRY_KG, expiry);
      await expect(registry.updateIdentity(alice.address, COUNTRY_KZ, expiry + YEAR))
        .to.emit(registry, "IdentityUpdated")
        .withArgs(alice.address, COUNTRY_KG, COUNTRY_KZ, expiry, expiry + YEAR);
      expect((await registry.identity(alice.address)).country).to.equal(COUNTRY_KZ);
      await expect(registry.updateIdentity(alice.address, 0, expiry)).to.be.revertedWithCustomError(
        registry,
        "IdentityRegistryInvalidCountry",
      );
    });

    it("renewing an expired KYC makes the account verified again", async function () {
      const { registry, alice } = await loadFixture(registryFixture);
      const soon = (await time.latest()) + 100;
      await registry.registerIdentity(alice.address, COUNTRY_KG, soon);
      await time.increaseTo(soon);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      await registry.updateIdentity(alice.address, COUNTRY_KG, soon + YEAR);
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });

    it("update and remove need a registered account", async function () {
      const { registry, alice, expiry } = await loadFixture(registryFixture);
      await expect(registry.updateIdentity(alice.address, COUNTRY_KG, expiry))
        .to.be.revertedWithCustomError(registry, "IdentityRegistryNotRegistered")
        .withArgs(alice.address);
      await expect(registry.removeIdentity(alice.address))
        .to.be.revertedWithCustomError(registry, "IdentityRegistryNotRegistered")
        .withArgs(alice.address);
    });

    it("removes an identity: it stops verifying at once", async function () {
      const { registry, alice, expiry } = await loadFixture(registryFixture);
      await registry.registerIdentity(alice.address, COUNTRY_KG, expiry);
      await expect(registry.removeIdentity(alice.address))
        .to.emit(registry, "IdentityRemoved")
        .withArgs(alice.address, COUNTRY_KG, expiry);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect((await registry.identity(alice.address)).kycExpiry).to.equal(0n);
    });
  });

  describe("batches", function () {
    it("register, update and remove many at once", async function () {
      const { registry, alice, bob, carol, expiry } = await loadFixture(registryFixture);
      const accounts = [alice.address, bob.address, carol.address];
      await expect(
        registry.registerIdentities(accounts, [COUNTRY_KG, COUNTRY_KG, COUNTRY_KZ], [expiry, expiry, expiry]),
      )
        .to.emit(registry, "IdentityRegistered")
        .withArgs(carol.address, COUNTRY_KZ, expiry);
      for (const a of accounts) expect(await registry.isVerified(a)).to.equal(true);
      await expect(
        registry.updateIdentities(accounts, [COUNTRY_KZ, COUNTRY_KZ, COUNTRY_KZ], [expiry, expiry, expiry + 1]),
      )
        .to.emit(registry, "IdentityUpdated")
        .withArgs(carol.address, COUNTRY_KZ, COUNTRY_KZ, expiry, expiry + 1);
      await expect(registry.removeIdentities(accounts))
        .to.emit(registry, "IdentityRemoved")
        .withArgs(bob.address, COUNTRY_KZ, expiry);
      for (const a of accounts) expect(await registry.isVerified(a)).to.equal(false);
    });

    it("are all or nothing", async function () {
      const { registry, alice, bob, expiry } = await loadFixture(registryFixture);
      await expect(
        registry.registerIdentities([alice.address, bob.address], [COUNTRY_KG, 0], [expiry, expiry]),
      ).to.be.revertedWithCustomError(registry, "IdentityRegistryInvalidCountry");
      expect(await registry.isVerified(alice.address)).to.equal(false);
      await registry.registerIdentity(alice.address, COUNTRY_KG, expiry);
      await expect(registry.removeIdentities([alice.address, bob.address])).to.be.revertedWithCustomError(
        registry,
        "IdentityRegistryNotRegistered",
      );
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });

    it("reject arrays of different lengths", async function () {
      const { registry, alice, bob, expiry } = await loadFixture(registryFixture);
      await expect(registry.registerIdentities([alice.address, bob.address], [COUNTRY_KG], [expiry, expiry]))
        .to.be.revertedWithCustomError(registry, "IdentityRegistryLengthMismatch")
        .withArgs(2, 1, 2);
      await expect(registry.updateIdentities([alice.address], [COUNTRY_KG], [expiry, expiry]))
        .to.be.revertedWithCustomError(registry, "IdentityRegistryLengthMismatch")
        .withArgs(1, 1, 2);
    });
  });

  describe("verification", function () {
    it("an expired KYC stops verifying without anyone revoking it (ERC-3643 #95 regression)", async function () {
      const { registry, alice } = await loadFixture(registryFixture);
      const expiry = (await time.latest()) + 1000;
      await registry.registerIdentity(alice.address, COUNTRY_KG, expiry);
      await time.increaseTo(expiry - 1);
      expect(await registry.isVerified(alice.address)).to.equal(true);
      await time.increaseTo(expiry); // block.timestamp == kycExpiry: expired
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect((await registry.identity(alice.address)).kycExpiry).to.equal(expiry); // nobody touched it
    });

    it("a self-issued claim cannot verify: only the KYC officer writes identities (ERC-3643 #101 regression)", async function () {
      const { registry, alice, admin, upgrader, reserve, expiry } = await loadFixture(registryFixture);
      const role = await registry.KYC_OFFICER_ROLE();
      for (const self of [alice, admin, upgrader, reserve]) {
        await expect(registry.connect(self).registerIdentity(self.address, COUNTRY_KG, expiry))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(self.address, role);
      }
      expect(await registry.isVerified(alice.address)).to.equal(false);
    });

    it("the reserve is always verified, unregistered and without expiry", async function () {
      const { registry, reserve, alice } = await loadFixture(registryFixture);
      expect(await registry.isVerified(reserve.address)).to.equal(true);
      await time.increase(10 * YEAR);
      expect(await registry.isVerified(reserve.address)).to.equal(true);
      expect(await registry.areVerified(reserve.address, alice.address)).to.deep.equal([true, false]);
      expect(await registry.areVerified(alice.address, reserve.address)).to.deep.equal([false, true]);
    });

    it("areVerified answers both accounts in one call", async function () {
      const { registry, alice, bob, carol, expiry } = await loadFixture(registryFixture);
      await registry.registerIdentities([alice.address, bob.address], [COUNTRY_KG, COUNTRY_KG], [expiry, expiry]);
      expect(await registry.areVerified(alice.address, bob.address)).to.deep.equal([true, true]);
      expect(await registry.areVerified(alice.address, carol.address)).to.deep.equal([true, false]);
      expect(await registry.areVerified(carol.address, bob.address)).to.deep.equal([false, true]);
      expect(await registry.areVerified(carol.address, carol.address)).to.deep.equal([false, false]);
    });

    it("verifiedPair adds the recipient's country; verification returns verified, country and the reserve", async function () {
      const { registry, alice, bob, carol, reserve, expiry } = await loadFixture(registryFixture);
      await registry.registerIdentities([alice.address, bob.address], [COUNTRY_KG, COUNTRY_KZ], [expiry, expiry]);
      expect(await registry.verifiedPair(alice.address, bob.address)).to.deep.equal([true, true, BigInt(COUNTRY_KZ)]);
      expect(await registry.verifiedPair(carol.address, alice.address)).to.deep.equal([
        false,
        true,
        BigInt(COUNTRY_KG),
      ]);
      expect(await registry.verifiedPair(alice.address, carol.address)).to.deep.equal([true, false, 0n]);
      expect(await registry.verifiedPair(reserve.address, alice.address)).to.deep.equal([
        true,
        true,
        BigInt(COUNTRY_KG),
      ]);
      expect(await registry.verifiedPair(alice.address, reserve.address)).to.deep.equal([true, true, 0n]);
      expect(await registry.verification(bob.address)).to.deep.equal([true, BigInt(COUNTRY_KZ), reserve.address]);
      expect(await registry.verification(carol.address)).to.deep.equal([false, 0n, reserve.address]);
      expect(await registry.verification(reserve.address)).to.deep.equal([true, 0n, reserve.address]);
      await time.increaseTo(expiry);
      expect(await registry.verification(bob.address)).to.deep.equal([false, BigInt(COUNTRY_KZ), reserve.address]);
    });

    it("the admin moves the reserve; the old one is no longer always verified", async function () {
      const { registry, admin, reserve, alice } = await loadFixture(registryFixture);
      await expect(registry.connect(admin).setReserve(alice.address))
        .to.emit(registry, "ReserveUpdated")
        .withArgs(reserve.address, alice.address);
      expect(await registry.reserve()).to.equal(alice.address);
      expect(await registry.isVerified(reserve.address)).to.equal(false);
      expect(await registry.isVerified(alice.address)).to.equal(true);
      await expect(registry.connect(admin).setReserve(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        registry,
        "IdentityRegistryZeroAddress",
      );
    });
  });

  describe("access control and upgrades", function () {
    it("every restricted function refuses other accounts", async function () {
      const { registry, outsider, alice, expiry } = await loadFixture(registryFixture);
      const r = registry.connect(outsider);
      const kycRole = await registry.KYC_OFFICER_ROLE();
      const adminRole = await registry.DEFAULT_ADMIN_ROLE();
      const cases: [string, () => Promise<unknown>, string][] = [
        ["registerIdentity", () => r.registerIdentity(alice.address, COUNTRY_KG, expiry), kycRole],
        ["updateIdentity", () => r.updateIdentity(alice.address, COUNTRY_KG, expiry), kycRole],
        ["removeIdentity", () => r.removeIdentity(alice.address), kycRole],
        ["registerIdentities", () => r.registerIdentities([alice.address], [COUNTRY_KG], [expiry]), kycRole],
        ["updateIdentities", () => r.updateIdentities([alice.address], [COUNTRY_KG], [expiry]), kycRole],
        ["removeIdentities", () => r.removeIdentities([alice.address]), kycRole],
        ["setReserve", () => r.setReserve(alice.address), adminRole],
      ];
      for (const [name, call, role] of cases) {
        await expect(call(), name)
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(outsider.address, role);
      }
    });

    it("only the upgrader upgrades, and identities survive the upgrade", async function () {
      const { registry, upgrader, kyc, alice, expiry } = await loadFixture(registryFixture);
      await registry.registerIdentity(alice.address, COUNTRY_KG, expiry);
      const proxy = await registry.getAddress();
      await expect(upgrades.upgradeProxy(proxy, new IdentityRegistry__factory(kyc))).to.be.revertedWithCustomError(
        registry,
        "AccessControlUnauthorizedAccount",
      );
      const before = await upgrades.erc1967.getImplementationAddress(proxy);
      await upgrades.upgradeProxy(proxy, new IdentityRegistry__factory(upgrader), { redeployImplementation: "always" });
      expect(await upgrades.erc1967.getImplementationAddress(proxy)).to.not.equal(before);
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });
  });
});
