import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { MAX_AGE, SKEW, SOM_RESERVES, ASSET, makeReport, now, registryFixture, signWith } from "./fixture";
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
      expect([current.value, current.asOf, current.docHash, current.uri]).to.deep.equal([
        c.value,
        c.asOf,
        c.docHash,
        "ipfs://c",
      ]);
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

    it("serves every past report as its own round, with the asOf as timestamps", async function () {
      const f = await loadFixture(withAdapter);
      await expect(f.adapter.getRoundData(1)).to.be.revertedWithCustomError(f.adapter, "ReserveAggregatorNoReport");
      const a = await makeReport({ value: 500n, asOf: (await now()) - 10n });
      await submit(f, a);
      const b = await makeReport({ value: 600n, asOf: a.asOf + 5n });
      await submit(f, b);
      expect(await f.adapter.latestRoundData()).to.deep.equal([2n, 600n, b.asOf, b.asOf, 2n]);
      expect(await f.adapter.getRoundData(2)).to.deep.equal([2n, 600n, b.asOf, b.asOf, 2n]);
      expect(await f.adapter.getRoundData(1)).to.deep.equal([1n, 500n, a.asOf, a.asOf, 1n]);
      for (const missing of [0n, 3n, (1n << 64n) + 1n]) {
        await expect(f.adapter.getRoundData(missing))
          .to.be.revertedWithCustomError(f.adapter, "ReserveAggregatorRoundNotAvailable")
          .withArgs(missing, 2);
      }
    });

    it("never serves an updatedAt in the future (asOf within the skew, no listener)", async function () {
      const f = await loadFixture(withAdapter);
      const ahead = await makeReport({ value: 700n, asOf: (await now()) + SKEW - 10n });
      await submit(f, ahead);
      const [, , startedAt, updatedAt] = await f.adapter.latestRoundData();
      const blockTime = BigInt(await time.latest());
      expect(updatedAt).to.equal(blockTime);
      expect(startedAt).to.equal(blockTime);
      expect((await f.adapter.getRoundData(1))[3]).to.equal(blockTime);
      await time.increase(Number(SKEW));
      expect((await f.adapter.latestRoundData())[3]).to.equal(ahead.asOf);
    });

    it("refuses values above 2^192 - 1 at report time, so no view reverts for values >= 2^255", async function () {
      const f = await loadFixture(withAdapter);
      const max = (1n << 192n) - 1n;
      for (const huge of [ethers.MaxUint256, 1n << 255n, max + 1n]) {
        await expect(submit(f, await makeReport({ value: huge })))
          .to.be.revertedWithCustomError(f.registry, "AttestationValueTooLarge")
          .withArgs(huge, max);
      }
      await submit(f, await makeReport({ value: max }));
      expect((await f.adapter.latestRoundData())[1]).to.equal(max);
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
