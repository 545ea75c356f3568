import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { SOM_RESERVES, digestOf, makeReport, registryFixture, signWith } from "./fixture";
import { signReport } from "../../src/attestation/sign";
import { reportDomain, REPORT_TYPES, reportValue } from "../../src/attestation/report";

describe("attestation: quorum of signatures", function () {
  describe("when exactly M attestors signed", function () {
    it("makes the report current and emits ReportAccepted", async function () {
      const f = await loadFixture(registryFixture);
      const report = await makeReport({ uri: "ipfs://statement" });
      const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
      await expect(f.registry.connect(f.relayer).submitReport(report, signers, signatures))
        .to.emit(f.registry, "ReportAccepted")
        .withArgs(SOM_RESERVES, 1, 0, report.value, report.asOf, report.docHash, digestOf(f, report), report.uri);
      expect(await f.registry.latestReport(SOM_RESERVES)).to.deep.equal([report.value, report.asOf, report.docHash]);
      const current = await f.registry.currentReport(SOM_RESERVES);
      expect(current.uri).to.equal("ipfs://statement");
    });

    it("accepts more than M signatures", async function () {
      const f = await loadFixture(registryFixture);
      const report = await makeReport();
      const { signers, signatures } = await signWith(f, report, f.base);
      await expect(f.registry.submitReport(report, signers, signatures)).to.emit(f.registry, "ReportAccepted");
    });
  });

  describe("when fewer than M signed", function () {
    it("reverts with AttestationQuorumNotReached for M-1", async function () {
      const f = await loadFixture(registryFixture);
      const report = await makeReport();
      const { signers, signatures } = await signWith(f, report, f.base.slice(0, 1));
      await expect(f.registry.submitReport(report, signers, signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationQuorumNotReached")
        .withArgs(1, 2);
    });
  });

  it("rejects mismatched signer and signature arrays", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
    await expect(f.registry.submitReport(report, signers, signatures.slice(0, 1)))
      .to.be.revertedWithCustomError(f.registry, "AttestationSignatureCountMismatch")
      .withArgs(2, 1);
  });

  it("rejects a duplicate signer", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const { signers, signatures } = await signWith(f, report, f.base.slice(0, 1));
    await expect(f.registry.submitReport(report, [signers[0], signers[0]], [signatures[0], signatures[0]]))
      .to.be.revertedWithCustomError(f.registry, "AttestationDuplicateSigner")
      .withArgs(signers[0]);
  });

  it("rejects unsorted signers", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
    await expect(f.registry.submitReport(report, [...signers].reverse(), [...signatures].reverse()))
      .to.be.revertedWithCustomError(f.registry, "AttestationSignersNotSorted")
      .withArgs(signers[1], signers[0]);
  });

  it("rejects a signer who is not an attestor", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const outsider = f.attestors[4]; // the highest address, not in the set
    const { signers, signatures } = await signWith(f, report, [f.base[0], outsider]);
    await expect(f.registry.submitReport(report, signers, signatures))
      .to.be.revertedWithCustomError(f.registry, "AttestationNotAttestor")
      .withArgs(outsider.address);
  });

  it("rejects a signature that does not match its signer or the report", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
    const other = await signWith(f, { ...report, value: report.value + 1n }, f.base.slice(0, 2));
    await expect(f.registry.submitReport(report, signers, [signatures[0], other.signatures[1]]))
      .to.be.revertedWithCustomError(f.registry, "AttestationInvalidSignature")
      .withArgs(signers[1]);
    // a signature that is not even 65 bytes
    await expect(f.registry.submitReport(report, signers, [signatures[0], "0x1234"]))
      .to.be.revertedWithCustomError(f.registry, "AttestationInvalidSignature")
      .withArgs(signers[1]);
  });

  it("no longer counts the signature of a removed attestor", async function () {
    const f = await loadFixture(registryFixture);
    const report = await makeReport();
    const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
    await f.registry.connect(f.admin).removeAttestor(f.base[1].address);
    await expect(f.registry.submitReport(report, signers, signatures))
      .to.be.revertedWithCustomError(f.registry, "AttestationNotAttestor")
      .withArgs(f.base[1].address);
    // the remaining two still reach the quorum
    const rest = await signWith(f, report, [f.base[0], f.base[2]]);
    await expect(f.registry.submitReport(report, rest.signers, rest.signatures)).to.emit(f.registry, "ReportAccepted");
  });

  describe("when the threshold changes", function () {
    it("needs three signatures after raising it to 3, and two after lowering it to 2", async function () {
      const f = await loadFixture(registryFixture);
      await f.registry.connect(f.admin).setThreshold(3);
      const report = await makeReport();
      const two = await signWith(f, report, f.base.slice(0, 2));
      await expect(f.registry.submitReport(report, two.signers, two.signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationQuorumNotReached")
        .withArgs(2, 3);
      const three = await signWith(f, report, f.base);
      await expect(f.registry.submitReport(report, three.signers, three.signatures)).to.emit(
        f.registry,
        "ReportAccepted",
      );

      await f.registry.connect(f.admin).setThreshold(2);
      const next = await makeReport({ asOf: report.asOf + 1n });
      const one = await signWith(f, next, f.base.slice(2));
      await expect(f.registry.submitReport(next, one.signers, one.signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationQuorumNotReached")
        .withArgs(1, 2);
      const twoMore = await signWith(f, next, f.base.slice(1));
      await expect(f.registry.submitReport(next, twoMore.signers, twoMore.signatures)).to.emit(
        f.registry,
        "ReportAccepted",
      );
    });
  });

  describe("with an ERC-1271 attestor (a custodian's contract wallet)", function () {
    async function withWallet() {
      const f = await registryFixture();
      const owner = f.attestors[3];
      const wallet = await ethers.deployContract("ERC1271WalletMock", [owner.address]);
      await f.registry.connect(f.admin).addAttestor(await wallet.getAddress());
      return { ...f, wallet, owner };
    }

    async function walletSigned(
      f: Awaited<ReturnType<typeof withWallet>>,
      report: Awaited<ReturnType<typeof makeReport>>,
    ) {
      const walletAddress = await f.wallet.getAddress();
      const walletSig = await f.owner.signTypedData(
        reportDomain(f.chainId, f.registryAddress),
        REPORT_TYPES,
        reportValue(report),
      );
      const eoa = await signReport({ chainId: f.chainId, registry: f.registryAddress, report }, f.base[0]);
      const pairs = [
        { signer: walletAddress, signature: walletSig },
        { signer: eoa.signer, signature: eoa.signature },
      ].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
      return { signers: pairs.map((p) => p.signer), signatures: pairs.map((p) => p.signature) };
    }

    it("counts a signature its isValidSignature accepts", async function () {
      const f = await loadFixture(withWallet);
      const report = await makeReport();
      const { signers, signatures } = await walletSigned(f, report);
      await expect(f.registry.submitReport(report, signers, signatures)).to.emit(f.registry, "ReportAccepted");
    });

    it("rejects when the wallet rejects the signature", async function () {
      const f = await loadFixture(withWallet);
      await f.wallet.setAccepting(false);
      const report = await makeReport();
      const { signers, signatures } = await walletSigned(f, report);
      await expect(f.registry.submitReport(report, signers, signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidSignature")
        .withArgs(await f.wallet.getAddress());
    });
  });
});
