import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { MAX_AGE, SOM_RESERVES, ASSET, makeReport, registryFixture, signWith } from "./fixture";
import type { RegistryFixture } from "./fixture";
import type { Report } from "../../src/attestation/report";

async function submit(f: RegistryFixture, report: Report) {
  const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
  return f.registry.submitReport(report, signers, signatures);
}

describe("attestation: listener and reads", function () {
  describe("listener", function () {
    async function withListener() {
      const f = await registryFixture();
      const listener = await ethers.deployContract("AttestationListenerMock", [f.registryAddress]);
      await f.registry.connect(f.admin).configureSubject(SOM_RESERVES, MAX_AGE, 0, await listener.getAddress());
      return { ...f, listener };
    }

    it("is told in the same transaction that makes the report current", async function () {
      const f = await loadFixture(withListener);
      const report = await makeReport({ value: 777n });
      await submit(f, report);
      expect(await f.listener.cachedValue()).to.equal(777n);
      // and through on-chain approvals too
      const next = await makeReport({ value: 778n, asOf: report.asOf + 1n });
      await f.registry.connect(f.base[0]).approveReport(next);
      expect(await f.listener.cachedValue()).to.equal(777n);
      await f.registry.connect(f.base[1]).approveReport(next);
      expect(await f.listener.cachedValue()).to.equal(778n);
    });

    it("makes the submission revert when it reverts", async function () {
      const f = await loadFixture(registryFixture);
      const bad = await ethers.deployContract("RevertingAttestationListenerMock");
      await f.registry.connect(f.admin).configureSubject(SOM_RESERVES, MAX_AGE, 0, await bad.getAddress());
      await expect(submit(f, await makeReport()))
        .to.be.revertedWithCustomError(bad, "ListenerRejected")
        .withArgs(SOM_RESERVES);
      expect((await f.registry.latestRound(SOM_RESERVES)).roundId).to.equal(0);
    });
  });

  describe("reads", function () {
    it("returns zeros for a subject without a report", async function () {
      const f = await loadFixture(registryFixture);
      expect(await f.registry.latestReport(ASSET)).to.deep.equal([0n, 0n, ethers.ZeroHash]);
      expect(await f.registry.latestRound(ASSET)).to.deep.equal([0n, 0n, 0n]);
      const current = await f.registry.currentReport(ASSET);
      expect(current.subject).to.equal(ASSET);
      expect(current.uri).to.equal("");
    });

    it("keeps, replaces and clears the URI with each report", async function () {
      const f = await loadFixture(registryFixture);
      const a = await makeReport({ uri: "ipfs://a" });
      await submit(f, a);
      const b = await makeReport({ asOf: a.asOf + 1n, uri: "" });
      await submit(f, b);
      expect((await f.registry.currentReport(SOM_RESERVES)).uri).to.equal("");
      const c = await makeReport({ asOf: a.asOf + 2n, uri: "ipfs://c" });
      await submit(f, c);
      const current = await f.registry.currentReport(SOM_RESERVES);
      expect([current.value, current.asOf, current.docHash, current.uri]).to.deep.equal([c.value, c.asOf, c.docHash, "ipfs://c"]);
      expect((await f.registry.latestRound(SOM_RESERVES)).roundId).to.equal(3);
    });
  });

  describe("ReserveAggregatorAdapter", function () {
    async function withAdapter() {
      const f = await registryFixture();
      const adapter = await ethers.deployContract("ReserveAggregatorAdapter", [
        f.registryAddress,
        SOM_RESERVES,
        "SOM reserves (attested)",
      ]);
      return { ...f, adapter };
    }

    it("describes the feed", async function () {
      const f = await loadFixture(withAdapter);
      expect(await f.adapter.decimals()).to.equal(2);
      expect(await f.adapter.description()).to.equal("SOM reserves (attested)");
      expect(await f.adapter.version()).to.equal(1);
      expect(await f.adapter.registry()).to.equal(f.registryAddress);
      expect(await f.adapter.subject()).to.equal(SOM_RESERVES);
    });

    it("reverts before the first report", async function () {
      const f = await loadFixture(withAdapter);
      await expect(f.adapter.latestRoundData())
        .to.be.revertedWithCustomError(f.adapter, "ReserveAggregatorNoReport")
        .withArgs(SOM_RESERVES);
    });

    it("serves the latest report as the latest round, with the asOf as timestamps", async function () {
      const f = await loadFixture(withAdapter);
      const a = await makeReport({ value: 500n });
      await submit(f, a);
      const b = await makeReport({ value: 600n, asOf: a.asOf + 5n });
      await submit(f, b);
      expect(await f.adapter.latestRoundData()).to.deep.equal([2n, 600n, b.asOf, b.asOf, 2n]);
      expect(await f.adapter.getRoundData(2)).to.deep.equal([2n, 600n, b.asOf, b.asOf, 2n]);
      await expect(f.adapter.getRoundData(1))
        .to.be.revertedWithCustomError(f.adapter, "ReserveAggregatorRoundNotAvailable")
        .withArgs(1, 2);
    });

    it("reverts on a value that does not fit int256", async function () {
      const f = await loadFixture(withAdapter);
      await submit(f, await makeReport({ value: ethers.MaxUint256 }));
      await expect(f.adapter.latestRoundData()).to.be.revertedWithCustomError(f.adapter, "SafeCastOverflowedUintToInt");
    });

    it("rejects a zero registry", async function () {
      const factory = await ethers.getContractFactory("ReserveAggregatorAdapter");
      await expect(factory.deploy(ethers.ZeroAddress, SOM_RESERVES, "x")).to.be.revertedWithCustomError(
        factory,
        "ReserveAggregatorZeroRegistry",
      );
    });
  });
});
