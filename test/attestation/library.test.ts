import { expect } from "chai";
import { ethers, artifacts } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Interface, Wallet } from "ethers";
import { ASSET, DOC, MAX_AGE, SOM_RESERVES, forRegistry, makeReport, registryFixture } from "./fixture";
import {
  ATTESTATION_REGISTRY_ABI,
  AttestationInputError,
  checkWithRegistry,
  describeRevert,
  formatAge,
  formatStatus,
  formatStatusLine,
  formatValue,
  orderSignatures,
  parseReportJson,
  parseSignatureJson,
  parseSubject,
  readStatus,
  reportDigest,
  signReport,
  subjectLabel,
  submitSignedReport,
  toReportFile,
} from "../../src/attestation";
import type { SubjectStatus } from "../../src/attestation";
import { UsageError, isUserError, listOption, parseCliArgs, requireOption } from "../../src/chain";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const validJson = () => ({
  chainId: 31337,
  registry: REGISTRY,
  subject: "SOM_RESERVES",
  value: "123456789",
  asOf: 1_790_000_000,
  docHash: DOC,
  uri: "ipfs://x",
});

function expectInputError(fn: () => unknown, ...fragments: string[]): void {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(AttestationInputError);
    for (const f of fragments) expect((err as Error).message).to.contain(f);
    return;
  }
  expect.fail("no error thrown");
}

describe("attestation: TypeScript library", function () {
  describe("report files", function () {
    it("parses a valid report and round-trips it", function () {
      const r = parseReportJson(validJson(), "r.json");
      expect(r.chainId).to.equal(31337n);
      expect(r.report.subject).to.equal(SOM_RESERVES);
      expect(r.report.value).to.equal(123456789n);
      expect(parseReportJson(toReportFile(r))).to.deep.equal(r);
      expect(parseReportJson({ ...validJson(), uri: undefined }).report.uri).to.equal("");
    });

    it("reproduces the worked example of docs/attestation.md", function () {
      const r = parseReportJson({
        chainId: "11155111",
        registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        subject: "SOM_RESERVES",
        value: "1234567890123",
        asOf: "1790000000",
        docHash: "0xf2053673c54933d50d5e8773bf7511485b2222071cc75bcbb7bf45df018cc931",
        uri: "ipfs://statement",
      });
      expect(reportDigest(r)).to.equal("0xbc65cae9fe3e0c5e87dd65149298465b76ed226b52dfa60364c1711cafdb896d");
    });

    it("accepts a subject by name or as bytes32 and labels it back", function () {
      expect(parseSubject("SOM_RESERVES")).to.equal(parseSubject(SOM_RESERVES));
      expect(subjectLabel(SOM_RESERVES)).to.equal("SOM_RESERVES");
      expect(subjectLabel(DOC)).to.equal(DOC);
    });

    it("names the field and the file of every mistake", function () {
      expectInputError(() => parseReportJson([], "r.json"), "r.json", "JSON object");
      expectInputError(
        () => parseReportJson({ ...validJson(), value: undefined }, "r.json"),
        "r.json",
        'missing field "value"',
      );
      expectInputError(() => parseReportJson({ ...validJson(), value: "1.5" }, "r.json"), '"value"', "integer");
      expectInputError(() => parseReportJson({ ...validJson(), value: 1.5 }, "r.json"), '"value"');
      expectInputError(() => parseReportJson({ ...validJson(), asOf: "18446744073709551616" }), '"asOf"', "too large");
      expectInputError(() => parseReportJson({ ...validJson(), chainId: 0 }), '"chainId"', "nonzero");
      expectInputError(() => parseReportJson({ ...validJson(), docHash: "0x12" }), '"docHash"', "32-byte");
      expectInputError(
        () => parseReportJson({ ...validJson(), registry: REGISTRY.toLowerCase().replace("f", "F") }),
        '"registry"',
        "checksum",
      );
      expectInputError(() => parseReportJson({ ...validJson(), registry: 5 }), '"registry"');
      expectInputError(() => parseReportJson({ ...validJson(), subject: 7 }), '"subject"', "string");
      expectInputError(() => parseReportJson({ ...validJson(), subject: "A".repeat(32) }), "longer than 31 bytes");
      expectInputError(() => parseReportJson({ ...validJson(), subject: "" }), "empty subject");
      expectInputError(() => parseReportJson({ ...validJson(), subject: "0x1234" }), "32 bytes");
      expectInputError(() => parseReportJson({ ...validJson(), subject: ethers.ZeroHash }), "zero subject");
      expectInputError(() => parseReportJson({ ...validJson(), uri: 3 }), '"uri"');
      expectInputError(() => parseReportJson({ ...validJson(), extra: 1 }), 'unknown field "extra"');
    });

    it("validates signature files", function () {
      const ok = { signer: REGISTRY, signature: "0x" + "11".repeat(65), digest: DOC };
      expect(parseSignatureJson(ok).signer).to.equal(REGISTRY);
      expectInputError(() => parseSignatureJson(null, "s.json"), "s.json");
      expectInputError(() => parseSignatureJson({ ...ok, signer: "nope" }), '"signer"');
      expectInputError(() => parseSignatureJson({ ...ok, signature: "zz" }), '"signature"');
      expectInputError(() => parseSignatureJson({ ...ok, digest: "0x00" }), '"digest"');
    });
  });

  describe("ABI", function () {
    it("declares only fragments that match the compiled AttestationRegistry", async function () {
      const compiled = new Interface((await artifacts.readArtifact("AttestationRegistry")).abi);
      const ours = new Interface(ATTESTATION_REGISTRY_ABI);
      ours.forEachFunction((fn) => {
        const match = compiled.getFunction(fn.selector);
        expect(match, fn.format()).to.not.equal(null);
        expect(match?.format("full")).to.equal(fn.format("full"));
      });
      ours.forEachError((e) => {
        const match = compiled.getError(e.selector);
        expect(match, e.format()).to.not.equal(null);
        expect(match?.format("full")).to.equal(e.format("full"));
      });
    });
  });

  describe("submit", function () {
    it("orders signatures, checks them with the chain and submits", async function () {
      const f = await loadFixture(registryFixture);
      const r = forRegistry(f, await makeReport());
      const sigs = await Promise.all([f.base[1], f.base[0]].map((a) => signReport(r, a)));
      const receipt = await submitSignedReport(r, sigs, f.relayer);
      expect(receipt.status).to.equal(1);
      expect((await f.registry.latestReport(SOM_RESERVES))[0]).to.equal(r.report.value);
    });

    it("accepts an ERC-1271 attestor's signature checked by the contract", async function () {
      const f = await loadFixture(registryFixture);
      const owner = f.attestors[3];
      const wallet = await ethers.deployContract("ERC1271WalletMock", [owner.address]);
      await f.registry.connect(f.admin).addAttestor(await wallet.getAddress());
      const r = forRegistry(f, await makeReport());
      const sigs = [await signReport(r, owner, await wallet.getAddress()), await signReport(r, f.base[0])];
      expect(orderSignatures(r, sigs).needsContractCheck).to.have.length(1);
      await submitSignedReport(r, sigs, f.relayer);
      expect((await f.registry.latestRound(SOM_RESERVES)).roundId).to.equal(1);
      await wallet.setAccepting(false);
      const next = forRegistry(f, await makeReport({ asOf: r.report.asOf + 1n }));
      const rejected = [await signReport(next, owner, await wallet.getAddress()), await signReport(next, f.base[0])];
      await submitSignedReport(next, rejected, f.relayer).then(
        () => expect.fail("submitted"),
        (e: Error) => expect(e.message).to.contain("rejects its signature"),
      );
    });

    it("tells what is wrong before sending anything", async function () {
      const f = await loadFixture(registryFixture);
      const r = forRegistry(f, await makeReport());
      const a = await signReport(r, f.base[0]);
      const other = await signReport(forRegistry(f, { ...r.report, value: 1n }), f.base[1]);
      expectInputError(() => orderSignatures(r, [a, other]), "different report");
      expectInputError(() => orderSignatures(r, [a, a]), "two signatures");
      const fake = { ...(await signReport(r, f.base[1])), signer: f.outsider.address };
      const ordered = orderSignatures(r, [a, fake]);
      await checkWithRegistry(r, ordered, ethers.provider).then(
        () => expect.fail("passed"),
        (e: Error) => expect(e.message).to.contain("does not recover"),
      );
      const nonAttestor = await signReport(r, f.outsider);
      await submitSignedReport(r, [a, nonAttestor], f.relayer).then(
        () => expect.fail("submitted"),
        (e: Error) => expect(e.message).to.contain("is not an attestor"),
      );
      await submitSignedReport(r, [a], f.relayer).then(
        () => expect.fail("submitted"),
        (e: Error) => expect(e.message).to.contain("needs 2"),
      );
      // a replay is refused before sending, with the decoded registry error
      await submitSignedReport(r, [a, await signReport(r, f.base[1])], f.relayer);
      await submitSignedReport(r, [a, await signReport(r, f.base[1])], f.relayer).then(
        () => expect.fail("submitted"),
        (e: Error) => {
          expect(e).to.be.instanceOf(AttestationInputError);
          expect(e.message).to.contain(`AttestationReportNotNewer(${r.report.asOf}, ${r.report.asOf})`);
        },
      );
      expect(describeRevert(new Error("plain"))).to.equal("plain");
      expect(describeRevert("text")).to.equal("text");
      const wrongChain = { ...r, chainId: 1n };
      await checkWithRegistry(wrongChain, orderSignatures(wrongChain, []), ethers.provider).then(
        () => expect.fail("passed"),
        (e: Error) => expect(e.message).to.contain("chain 1"),
      );
      await submitSignedReport(r, [a], Wallet.createRandom()).then(
        () => expect.fail("submitted"),
        (e: Error) => expect(e.message).to.contain("no provider"),
      );
      expect(reportDigest(r)).to.equal(a.digest);
    });
  });

  describe("status", function () {
    const status = (over: Partial<SubjectStatus> = {}): SubjectStatus => ({
      subject: SOM_RESERVES,
      roundId: 3n,
      value: 123_456_789n,
      asOf: 1_790_000_000n,
      docHash: DOC,
      uri: "",
      maxAge: 86_400n,
      fresh: true,
      ...over,
    });

    it("formats ages, values and lines", function () {
      expect(formatAge(42n)).to.equal("42s");
      expect(formatAge(0n)).to.equal("0s");
      expect(formatAge(3_725n)).to.equal("1h 2m");
      expect(formatAge(3n * 86_400n + 4n * 3_600n + 5n)).to.equal("3d 4h");
      expect(formatAge(-30n)).to.equal("30s in the future");
      expect(formatValue(123_456_789n, 2)).to.equal("1,234,567.89");
      expect(formatValue(5n, 2)).to.equal("0.05");
      expect(formatValue(1_000n, 0)).to.equal("1,000");
      expect(formatStatusLine(status(), 2, 1_790_000_090n)).to.equal(
        `SOM_RESERVES: 1,234,567.89 som as of 2026-09-21T14:13:20.000Z (age 1m 30s, fresh, max 1d) round 3 doc ${DOC}`,
      );
      expect(formatStatusLine(status({ fresh: false, uri: "ipfs://a" }), 2, 1_790_000_090n))
        .to.contain("STALE")
        .and.contain(" uri ipfs://a");
      expect(formatStatusLine(status({ maxAge: 0n }), 2, 1_790_000_090n)).to.contain("not configured");
      expect(formatStatusLine(status({ roundId: 0n, subject: ASSET }), 2, 0n)).to.equal(
        "ASSET-BISHKEK-001: no report yet",
      );
      expect(formatStatus([status(), status({ roundId: 0n })], 2, 1_790_000_090n).split("\n")).to.have.length(2);
    });

    it("reads current reports from the registry", async function () {
      const f = await loadFixture(registryFixture);
      const r = forRegistry(f, await makeReport({ value: 999n }));
      await submitSignedReport(r, await Promise.all(f.base.slice(0, 2).map((a) => signReport(r, a))), f.relayer);
      const { decimals, statuses } = await readStatus(f.registryAddress, [SOM_RESERVES, ASSET], ethers.provider);
      expect(decimals).to.equal(2);
      expect(statuses[0]).to.include({ roundId: 1n, value: 999n, maxAge: MAX_AGE, fresh: true });
      expect(statuses[1]).to.include({ roundId: 0n, fresh: false });
      await readStatus("0x1234", [], ethers.provider).then(
        () => expect.fail("read"),
        (e: Error) => expect(e).to.be.instanceOf(AttestationInputError),
      );
    });
  });

  describe("CLI helpers (the common runner's, used by the attestor commands)", function () {
    it("parses options strictly and names what is missing", function () {
      const spec = { a: { type: "string" as const }, many: { type: "string" as const, multiple: true } };
      const o = parseCliArgs(["--a", "x", "--many", "1", "--many", "2"], spec, "usage-line");
      expect(requireOption(o, "a", "u")).to.equal("x");
      expect(listOption(o, "many")).to.deep.equal(["1", "2"]);
      expect(listOption({ one: "v" }, "one")).to.deep.equal(["v"]);
      expect(listOption({}, "none")).to.deep.equal([]);
      expect(() => parseCliArgs(["--bogus"], spec, "usage-line")).to.throw(UsageError, /usage-line/);
      expect(() => requireOption({}, "rpc", "u", "ATTEST_TEST_RPC")).to.throw(UsageError, /--rpc.*ATTEST_TEST_RPC/);
      process.env.ATTEST_TEST_RPC = "http://x";
      expect(requireOption({}, "rpc", "u", "ATTEST_TEST_RPC")).to.equal("http://x");
      delete process.env.ATTEST_TEST_RPC;
      expect(isUserError(new AttestationInputError("x"))).to.equal(true);
      expect(isUserError(new Error("bug"))).to.equal(false);
    });
  });
});
