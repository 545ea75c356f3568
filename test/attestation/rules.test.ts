import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  ASSET,
  MAX_AGE,
  SKEW,
  SOM_RESERVES,
  deployRegistry,
  digestOf,
  makeReport,
  now,
  registryFixture,
  signWith,
} from "./fixture";
import type { RegistryFixture } from "./fixture";
import type { Report } from "../../src/attestation/report";

async function submit(f: RegistryFixture, report: Report) {
  const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
  return f.registry.submitReport(report, signers, signatures);
}

/** Fixture with one accepted SOM_RESERVES report. */
async function withReport() {
  const f = await registryFixture();
  const first = await makeReport();
  await submit(f, first);
  return { ...f, first };
}

describe("attestation: report rules", function () {
  describe("timing", function () {
    it("rejects a report from the future beyond the skew, accepts one within it", async function () {
      const f = await loadFixture(registryFixture);
      const t = (await now()) + 10n;
      const tooFar = await makeReport({ asOf: t + SKEW + 1n });
      const { signers, signatures } = await signWith(f, tooFar, f.base.slice(0, 2));
      await time.setNextBlockTimestamp(t);
      await expect(f.registry.submitReport(tooFar, signers, signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationReportFromFuture")
        .withArgs(tooFar.asOf, t, SKEW);
      const withinSkew = await makeReport({ asOf: t + 1n + SKEW });
      await time.setNextBlockTimestamp(t + 1n);
      await expect(submit(f, withinSkew)).to.emit(f.registry, "ReportAccepted");
    });

    it("rejects a report not newer than the current one, and the replay of an old report", async function () {
      const f = await loadFixture(withReport);
      const same = { ...f.first, value: f.first.value + 1n };
      await expect(submit(f, same))
        .to.be.revertedWithCustomError(f.registry, "AttestationReportNotNewer")
        .withArgs(same.asOf, f.first.asOf);
      // replay: the exact same signed report again
      const { signers, signatures } = await signWith(f, f.first, f.base.slice(0, 2));
      await expect(f.registry.submitReport(f.first, signers, signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationReportNotNewer")
        .withArgs(f.first.asOf, f.first.asOf);
      // replay of an older report after a newer one
      const newer = await makeReport({ asOf: f.first.asOf + 10n });
      await submit(f, newer);
      await expect(f.registry.submitReport(f.first, signers, signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationReportNotNewer")
        .withArgs(f.first.asOf, newer.asOf);
    });

    it("rejects a report already older than the subject's maximum age", async function () {
      const f = await loadFixture(registryFixture);
      const t = (await now()) + 10n;
      const old = await makeReport({ asOf: t - MAX_AGE - 1n });
      const signedOld = await signWith(f, old, f.base.slice(0, 2));
      await time.setNextBlockTimestamp(t);
      await expect(f.registry.submitReport(old, signedOld.signers, signedOld.signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationReportTooOld")
        .withArgs(old.asOf, MAX_AGE, t);
      const edge = await makeReport({ asOf: t + 1n - MAX_AGE }); // exactly maxAge old when mined
      const signedEdge = await signWith(f, edge, f.base.slice(0, 2));
      await time.setNextBlockTimestamp(t + 1n);
      await expect(f.registry.submitReport(edge, signedEdge.signers, signedEdge.signatures)).to.emit(
        f.registry,
        "ReportAccepted",
      );
    });

    it("rejects reports for a subject the admin has not configured", async function () {
      const f = await loadFixture(registryFixture);
      const report = await makeReport({ subject: ASSET });
      await expect(submit(f, report))
        .to.be.revertedWithCustomError(f.registry, "AttestationSubjectNotConfigured")
        .withArgs(ASSET);
    });
  });

  describe("freshness", function () {
    it("is fresh until maxAge after asOf, stale after, and never fresh without a report", async function () {
      const f = await loadFixture(withReport);
      expect(await f.registry.isFresh(ASSET)).to.equal(false);
      expect(await f.registry.isFresh(SOM_RESERVES)).to.equal(true);
      await time.increaseTo(f.first.asOf + MAX_AGE);
      expect(await f.registry.isFresh(SOM_RESERVES)).to.equal(true);
      await time.increaseTo(f.first.asOf + MAX_AGE + 1n);
      expect(await f.registry.isFresh(SOM_RESERVES)).to.equal(false);
    });
  });

  describe("domain separation", function () {
    it("rejects a report signed for another chain", async function () {
      const f = await loadFixture(registryFixture);
      const report = await makeReport();
      const other = await signWith(
        { chainId: f.chainId + 1n, registryAddress: f.registryAddress },
        report,
        f.base.slice(0, 2),
      );
      await expect(f.registry.submitReport(report, other.signers, other.signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidSignature")
        .withArgs(other.signers[0]);
    });

    it("rejects a report signed for another registry with the same attestors", async function () {
      const f = await loadFixture(registryFixture);
      const second = await deployRegistry(
        f.admin.address,
        f.base.map((a) => a.address),
        2,
      );
      const report = await makeReport();
      const forSecond = await signWith(
        { chainId: f.chainId, registryAddress: await second.getAddress() },
        report,
        f.base.slice(0, 2),
      );
      await expect(f.registry.submitReport(report, forSecond.signers, forSecond.signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidSignature")
        .withArgs(forSecond.signers[0]);
    });

    it("computes the same digest as the TypeScript library and binds the URI", async function () {
      const f = await loadFixture(registryFixture);
      const report = await makeReport({ uri: "https://bank.kg/statement.pdf" });
      expect(await f.registry.reportDigest(report)).to.equal(digestOf(f, report));
      const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
      const otherUri = { ...report, uri: "https://evil.example/statement.pdf" };
      await expect(f.registry.submitReport(otherUri, signers, signatures)).to.be.revertedWithCustomError(
        f.registry,
        "AttestationInvalidSignature",
      );
    });
  });

  describe("change bound", function () {
    async function bounded() {
      const f = await withReport();
      await f.registry.connect(f.admin).configureSubject(SOM_RESERVES, MAX_AGE, 500, ethers.ZeroAddress); // 5% per day
      // The bound applies in full one BOUND_WINDOW (a day) after the previous acceptance.
      await time.increase(86_400);
      return f;
    }

    it("accepts moves up to the bound both ways", async function () {
      const f = await loadFixture(bounded);
      const up = await makeReport({ value: (f.first.value * 105n) / 100n });
      await expect(submit(f, up)).to.emit(f.registry, "ReportAccepted");
      await time.increase(86_400);
      const down = await makeReport({ value: (up.value * 95n) / 100n });
      await expect(submit(f, down)).to.emit(f.registry, "ReportAccepted");
    });

    it("rejects a move beyond the bound", async function () {
      const f = await loadFixture(bounded);
      const up = await makeReport({ value: (f.first.value * 105n) / 100n + 1n });
      await expect(submit(f, up))
        .to.be.revertedWithCustomError(f.registry, "AttestationValueChangeOutOfBounds")
        .withArgs(f.first.value, up.value, 500);
      const down = await makeReport({ value: (f.first.value * 95n) / 100n - 1n });
      await expect(submit(f, down))
        .to.be.revertedWithCustomError(f.registry, "AttestationValueChangeOutOfBounds")
        .withArgs(f.first.value, down.value, 500);
    });

    it("does not bound a subject's first report", async function () {
      const f = await loadFixture(registryFixture);
      await f.registry.connect(f.admin).configureSubject(ASSET, MAX_AGE, 1, ethers.ZeroAddress);
      await expect(submit(f, await makeReport({ subject: ASSET, value: 123n }))).to.emit(f.registry, "ReportAccepted");
    });

    it("lets the admin allow one specific out-of-bounds report, consumed on use", async function () {
      const f = await loadFixture(bounded);
      const jump = await makeReport({ value: f.first.value * 2n });
      const digest = digestOf(f, jump);
      await expect(f.registry.connect(f.outsider).allowOutOfBoundsReport(digest)).to.be.revertedWithCustomError(
        f.registry,
        "AccessControlUnauthorizedAccount",
      );
      await expect(f.registry.connect(f.admin).allowOutOfBoundsReport(digest))
        .to.emit(f.registry, "OutOfBoundsReportAllowed")
        .withArgs(digest);
      expect(await f.registry.isOutOfBoundsReportAllowed(digest)).to.equal(true);
      await expect(submit(f, jump))
        .to.emit(f.registry, "OutOfBoundsReportAccepted")
        .withArgs(SOM_RESERVES, digest, f.first.value, jump.value);
      expect(await f.registry.isOutOfBoundsReportAllowed(digest)).to.equal(false);
      // the allowance was for that report only: another jump is bounded again
      const again = await makeReport({ asOf: jump.asOf + 1n, value: jump.value * 2n });
      await expect(submit(f, again)).to.be.revertedWithCustomError(f.registry, "AttestationValueChangeOutOfBounds");
    });

    it("does not consume an allowance for a report that stays within the bound", async function () {
      const f = await loadFixture(bounded);
      const small = await makeReport({ value: f.first.value + 1n });
      const digest = digestOf(f, small);
      await f.registry.connect(f.admin).allowOutOfBoundsReport(digest);
      await expect(submit(f, small)).to.not.emit(f.registry, "OutOfBoundsReportAccepted");
      expect(await f.registry.isOutOfBoundsReportAllowed(digest)).to.equal(true);
    });

    it("treats any move away from zero as out of bounds", async function () {
      const f = await loadFixture(registryFixture);
      await f.registry.connect(f.admin).configureSubject(ASSET, MAX_AGE, 10_000, ethers.ZeroAddress);
      const zero = await makeReport({ subject: ASSET, value: 0n });
      await submit(f, zero);
      const up = await makeReport({ subject: ASSET, value: 1n, asOf: zero.asOf + 1n });
      await expect(submit(f, up))
        .to.be.revertedWithCustomError(f.registry, "AttestationValueChangeOutOfBounds")
        .withArgs(0, 1, 10_000);
    });
  });
});
