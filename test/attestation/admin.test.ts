import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ADMIN_DELAY, ASSET, DECIMALS, MAX_AGE, SKEW, SOM_RESERVES, deployRegistry, registryFixture } from "./fixture";

describe("attestation: administration", function () {
  describe("initialize", function () {
    it("sets admin, upgrader, decimals, attestors, threshold and skew", async function () {
      const f = await loadFixture(registryFixture);
      expect(await f.registry.defaultAdmin()).to.equal(f.admin.address);
      expect(await f.registry.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      expect(await f.registry.hasRole(await f.registry.UPGRADER_ROLE(), f.admin.address)).to.equal(true);
      expect(await f.registry.valueDecimals()).to.equal(DECIMALS);
      expect([...(await f.registry.attestors())]).to.have.members(f.base.map((a) => a.address));
      expect(await f.registry.threshold()).to.equal(2);
      expect(await f.registry.maxFutureSkew()).to.equal(SKEW);
      expect(await f.registry.attestorSetVersion()).to.equal(0);
      expect(await f.registry.SOM_RESERVES()).to.equal(ethers.encodeBytes32String("SOM_RESERVES"));
      const domain = await f.registry.eip712Domain();
      expect(domain.name).to.equal("SomReserveAttestation");
      expect(domain.version).to.equal("1");
      expect(domain.verifyingContract).to.equal(f.registryAddress);
    });

    it("cannot run twice, nor on the implementation", async function () {
      const f = await loadFixture(registryFixture);
      await expect(f.registry.initialize(f.admin.address, 0, 2, [f.admin.address], 1, 0)).to.be.revertedWithCustomError(
        f.registry,
        "InvalidInitialization",
      );
      const impl = await ethers.getContractAt(
        "AttestationRegistry",
        await upgrades.erc1967.getImplementationAddress(f.registryAddress),
      );
      await expect(impl.initialize(f.admin.address, 0, 2, [f.admin.address], 1, 0)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });

    it("rejects a zero admin, a zero or duplicate attestor, a bad threshold and a large skew", async function () {
      const [admin, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("AttestationRegistry");
      const deploy = (args: unknown[]) => upgrades.deployProxy(factory, args, { kind: "uups" });
      await expect(deploy([ethers.ZeroAddress, 0, 2, [a.address, b.address], 2, 0])).to.be.revertedWithCustomError(
        factory,
        "AttestationZeroAddress",
      );
      await expect(deploy([admin.address, 0, 2, [a.address, ethers.ZeroAddress], 2, 0])).to.be.revertedWithCustomError(
        factory,
        "AttestationZeroAddress",
      );
      await expect(deploy([admin.address, 0, 2, [a.address, a.address], 2, 0]))
        .to.be.revertedWithCustomError(factory, "AttestationAttestorAlreadyAdded")
        .withArgs(a.address);
      await expect(deploy([admin.address, 0, 2, [a.address, b.address], 3, 0]))
        .to.be.revertedWithCustomError(factory, "AttestationInvalidThreshold")
        .withArgs(3, 2);
      await expect(deploy([admin.address, 0, 2, [a.address, b.address], 0, 0]))
        .to.be.revertedWithCustomError(factory, "AttestationThresholdBelowMinimum")
        .withArgs(0, 2);
      await expect(deploy([admin.address, 0, 2, [a.address, b.address], 2, 3601]))
        .to.be.revertedWithCustomError(factory, "AttestationInvalidFutureSkew")
        .withArgs(3601, 3600);
    });

    it("caps the attestor set", async function () {
      const [admin] = await ethers.getSigners();
      const many = Array.from({ length: 32 }, (_, i) => ethers.getAddress(ethers.toBeHex(i + 1, 20)));
      const registry = await deployRegistry(admin.address, many, 2);
      await expect(registry.addAttestor(ethers.getAddress(ethers.toBeHex(99, 20))))
        .to.be.revertedWithCustomError(registry, "AttestationTooManyAttestors")
        .withArgs(32);
    });
  });

  describe("attestors and threshold", function () {
    it("adds and removes attestors with events and a version bump", async function () {
      const f = await loadFixture(registryFixture);
      const extra = f.attestors[3].address;
      await expect(f.registry.connect(f.admin).addAttestor(extra))
        .to.emit(f.registry, "AttestorAdded")
        .withArgs(extra)
        .and.to.emit(f.registry, "AttestorSetVersionUpdated")
        .withArgs(0, 1);
      expect(await f.registry.isAttestor(extra)).to.equal(true);
      await expect(f.registry.connect(f.admin).removeAttestor(extra))
        .to.emit(f.registry, "AttestorRemoved")
        .withArgs(extra);
      expect(await f.registry.isAttestor(extra)).to.equal(false);
      expect(await f.registry.attestorSetVersion()).to.equal(2);
    });

    it("rejects adding a zero or existing attestor and removing a non-attestor", async function () {
      const f = await loadFixture(registryFixture);
      await expect(f.registry.connect(f.admin).addAttestor(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.registry,
        "AttestationZeroAddress",
      );
      await expect(f.registry.connect(f.admin).addAttestor(f.base[0].address))
        .to.be.revertedWithCustomError(f.registry, "AttestationAttestorAlreadyAdded")
        .withArgs(f.base[0].address);
      await expect(f.registry.connect(f.admin).removeAttestor(f.outsider.address))
        .to.be.revertedWithCustomError(f.registry, "AttestationNotAttestor")
        .withArgs(f.outsider.address);
    });

    it("refuses to remove an attestor below the threshold", async function () {
      const f = await loadFixture(registryFixture);
      await f.registry.connect(f.admin).setThreshold(3);
      await expect(f.registry.connect(f.admin).removeAttestor(f.base[0].address))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidThreshold")
        .withArgs(3, 2);
    });

    it("sets the threshold within 2..N with ThresholdUpdated(old, new)", async function () {
      const f = await loadFixture(registryFixture);
      await expect(f.registry.connect(f.admin).setThreshold(3)).to.emit(f.registry, "ThresholdUpdated").withArgs(2, 3);
      await expect(f.registry.connect(f.admin).setThreshold(4))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidThreshold")
        .withArgs(4, 3);
      await expect(f.registry.connect(f.admin).setThreshold(0))
        .to.be.revertedWithCustomError(f.registry, "AttestationThresholdBelowMinimum")
        .withArgs(0, 2);
    });

    it("refuses a quorum of one on every chain (Centrifuge's quorum is always 1)", async function () {
      const f = await loadFixture(registryFixture);
      await expect(f.registry.connect(f.admin).setThreshold(1))
        .to.be.revertedWithCustomError(f.registry, "AttestationThresholdBelowMinimum")
        .withArgs(1, 2);
      const [admin, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("AttestationRegistry");
      await expect(upgrades.deployProxy(factory, [admin.address, 0, 2, [a.address, b.address], 1, 0], { kind: "uups" }))
        .to.be.revertedWithCustomError(factory, "AttestationThresholdBelowMinimum")
        .withArgs(1, 2);
      expect(await f.registry.MIN_THRESHOLD()).to.equal(2n);
    });

    it("sets the future skew with MaxFutureSkewUpdated(old, new), at most one hour", async function () {
      const f = await loadFixture(registryFixture);
      await expect(f.registry.connect(f.admin).setMaxFutureSkew(60))
        .to.emit(f.registry, "MaxFutureSkewUpdated")
        .withArgs(SKEW, 60);
      await expect(f.registry.connect(f.admin).setMaxFutureSkew(3601)).to.be.revertedWithCustomError(
        f.registry,
        "AttestationInvalidFutureSkew",
      );
    });
  });

  describe("subjects", function () {
    it("configures a subject with SubjectConfigUpdated(old, new)", async function () {
      const f = await loadFixture(registryFixture);
      const listener = await (await ethers.deployContract("AttestationListenerMock", [f.registryAddress])).getAddress();
      await expect(f.registry.connect(f.admin).configureSubject(ASSET, 3600, 250, listener))
        .to.emit(f.registry, "SubjectConfigUpdated")
        .withArgs(ASSET, [0, 0, ethers.ZeroAddress], [3600, 250, listener]);
      expect(await f.registry.subjectConfig(ASSET)).to.deep.equal([3600n, 250n, listener]);
      expect(await f.registry.subjectConfig(SOM_RESERVES)).to.deep.equal([MAX_AGE, 0n, ethers.ZeroAddress]);
    });

    it("rejects the zero subject, a zero maximum age and a listener without code", async function () {
      const f = await loadFixture(registryFixture);
      await expect(
        f.registry.connect(f.admin).configureSubject(ethers.ZeroHash, 1, 0, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(f.registry, "AttestationInvalidSubject");
      await expect(f.registry.connect(f.admin).configureSubject(ASSET, 0, 0, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidMaxAge")
        .withArgs(ASSET);
      await expect(f.registry.connect(f.admin).configureSubject(ASSET, 1, 0, f.outsider.address))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidListener")
        .withArgs(f.outsider.address);
    });

    it("refuses a change bound above 10,000 bps and accepts exactly 10,000", async function () {
      const f = await loadFixture(registryFixture);
      for (const bps of [10_001, 65_535]) {
        await expect(f.registry.connect(f.admin).configureSubject(ASSET, 3600, bps, ethers.ZeroAddress))
          .to.be.revertedWithCustomError(f.registry, "AttestationInvalidMaxChangeBps")
          .withArgs(bps, 10_000);
      }
      await f.registry.connect(f.admin).configureSubject(ASSET, 3600, 10_000, ethers.ZeroAddress);
      expect(await f.registry.subjectConfig(ASSET)).to.deep.equal([3600n, 10_000n, ethers.ZeroAddress]);
    });
  });

  describe("access control", function () {
    it("lets only the admin call every admin function", async function () {
      const f = await loadFixture(registryFixture);
      const r = f.registry.connect(f.outsider);
      const role = ethers.ZeroHash;
      const calls = [
        () => r.addAttestor(f.outsider.address),
        () => r.removeAttestor(f.base[0].address),
        () => r.setThreshold(2),
        () => r.setMaxFutureSkew(1),
        () => r.configureSubject(ASSET, 1, 0, ethers.ZeroAddress),
        () => r.allowOutOfBoundsReport(ethers.ZeroHash),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
          .withArgs(f.outsider.address, role);
      }
    });

    it("transfers the admin only in two delayed steps", async function () {
      const f = await loadFixture(registryFixture);
      await f.registry.connect(f.admin).beginDefaultAdminTransfer(f.outsider.address);
      await expect(f.registry.connect(f.outsider).acceptDefaultAdminTransfer()).to.be.revertedWithCustomError(
        f.registry,
        "AccessControlEnforcedDefaultAdminDelay",
      );
    });
  });
});
