import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import { SOM_RESERVES, digestOf, makeReport, registryFixture } from "./fixture";

describe("attestation: on-chain approvals", function () {
  it("makes the report current when the M-th attestor approves", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const digest = digestOf(f, report);
    await expect(f.registry.connect(f.base[0]).approveReport(report))
      .to.emit(f.registry, "ReportApproved")
      .withArgs(digest, SOM_RESERVES, f.base[0].address, 1, 2)
      .and.not.emit(f.registry, "ReportAccepted");
    expect(await f.registry.approvalCount(digest)).to.equal(1);
    expect(await f.registry.hasApproved(digest, f.base[0].address)).to.equal(true);
    await expect(f.registry.connect(f.base[2]).approveReport(report))
      .to.emit(f.registry, "ReportAccepted")
      .withArgs(SOM_RESERVES, 1, 0, report.value, report.asOf, report.docHash, digest, "");
    // a late approval of the now-current report is a stale report
    await expect(f.registry.connect(f.base[1]).approveReport(report))
      .to.be.revertedWithCustomError(f.registry, "AttestationReportNotNewer")
      .withArgs(report.asOf, report.asOf);
  });

  it("rejects a second approval by the same attestor and approvals by non-attestors", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    await f.registry.connect(f.base[0]).approveReport(report);
    await expect(f.registry.connect(f.base[0]).approveReport(report))
      .to.be.revertedWithCustomError(f.registry, "AttestationAlreadyApproved")
      .withArgs(digestOf(f, report), f.base[0].address);
    await expect(f.registry.connect(f.outsider).approveReport(report))
      .to.be.revertedWithCustomError(f.registry, "AttestationNotAttestor")
      .withArgs(f.outsider.address);
  });

  it("applies the timing rules to each approval", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport({ subject: ethers.encodeBytes32String("UNKNOWN") });
    await expect(f.registry.connect(f.base[0]).approveReport(report)).to.be.revertedWithCustomError(
      f.registry,
      "AttestationSubjectNotConfigured",
    );
  });

  it("no longer counts a removed attestor's approval (the set version bumps)", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const digest = digestOf(f, report);
    await f.registry.connect(f.base[0]).approveReport(report);
    await expect(f.registry.connect(f.admin).removeAttestor(f.base[0].address))
      .to.emit(f.registry, "AttestorSetVersionUpdated")
      .withArgs(0, 1);
    expect(await f.registry.approvalCount(digest)).to.equal(0);
    expect(await f.registry.hasApproved(digest, f.base[0].address)).to.equal(false);
    await expect(f.registry.connect(f.base[1]).approveReport(report)).to.not.emit(f.registry, "ReportAccepted");
    // re-adding the removed attestor does not revive its earlier approval
    await f.registry.connect(f.admin).addAttestor(f.base[0].address);
    await expect(f.registry.connect(f.base[1]).approveReport(report)).to.not.emit(f.registry, "ReportAccepted");
    await expect(f.registry.connect(f.base[2]).approveReport(report)).to.emit(f.registry, "ReportAccepted");
  });

  it("starts the tally afresh when the threshold changes", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    await f.registry.connect(f.base[0]).approveReport(report);
    await f.registry.connect(f.admin).setThreshold(3);
    await f.registry.connect(f.admin).setThreshold(2);
    expect(await f.registry.approvalCount(digestOf(f, report))).to.equal(0);
    await f.registry.connect(f.base[0]).approveReport(report);
    await expect(f.registry.connect(f.base[1]).approveReport(report)).to.emit(f.registry, "ReportAccepted");
  });

  it("lets an ERC-1271 attestor approve as itself", async function () {
    const f = await loadFixture(registryFixture);
    const owner = f.attestors[3];
    const wallet = await ethers.deployContract("ERC1271WalletMock", [owner.address]);
    await f.registry.connect(f.admin).addAttestor(await wallet.getAddress());
    const report = await makeReport();
    await f.registry.connect(f.base[0]).approveReport(report);
    const call = f.registry.interface.encodeFunctionData("approveReport", [report]);
    await expect(wallet.connect(owner).execute(f.registryAddress, call)).to.emit(f.registry, "ReportAccepted");
  });
});
