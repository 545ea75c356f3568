/**
 * Issue 12's attacks, by someone who can edit a proposal file in transit: what the custodian sees comes only
 * from the signed fields and the custodian's own records. Each of these signed (and executed) on the old code.
 */
import { expect } from "chai";
import fs from "node:fs";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Wallet, ZeroAddress } from "ethers";
import { assembleProposal } from "../../src/custody/actions";
import { PolicyError } from "../../src/custody/policy";
import { readProposal, writeProposal } from "../../src/custody/proposal";
import type { Proposal } from "../../src/custody/proposal";
import { describeReview, reviewProposal } from "../../src/custody/review";
import { safeTxHash } from "../../src/safe/safeTx";
import type { SafeTx } from "../../src/safe/safeTx";
import { RecordsError, trustedView } from "../../src/custody/trusted";
import {
  CUSTODIANS,
  completedRecords,
  executeFile,
  proposeToFile,
  reserveEnv,
  safeFixture,
  signFile,
  viewFor,
  writeCustodianKeystores,
} from "./fixtures";
import type { ReserveEnv } from "./fixtures";

describe("safe: trust model (the screen comes from the signed fields and the custodian's records)", function () {
  before(writeCustodianKeystores);

  async function build(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe23, fx.infra);
  }
  const env = (): Promise<ReserveEnv> => loadFixture(build);

  function edit(file: string, f: (j: Record<string, unknown> & { context: Record<string, unknown> }) => void): void {
    const j = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> & {
      context: Record<string, unknown>;
    };
    f(j);
    fs.writeFileSync(file, JSON.stringify(j));
  }

  /** A file whose SafeTx was replaced (hash and summary recomputed, as a capable attacker would). */
  function rewrite(file: string, p: Proposal, tx: Partial<SafeTx>, extra: Partial<Proposal> = {}): void {
    const safeTx = { ...p.safeTx, ...tx };
    const next = { ...p, ...extra, safeTx };
    writeProposal(file, { ...next, safeTxHash: safeTxHash(next.chainId, next.safe, safeTx) });
  }

  it("context.decimals = 5: the amount is still rendered with the records' 2 decimals", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "250500.00" } },
    ]);
    edit(file, (j) => {
      for (const r of j.context.records as { name: string; token?: { decimals: number; symbol: string } }[]) {
        if (r.name === "SomStablecoin") r.token = { decimals: 5, symbol: "KGSC" };
      }
    });
    const review = reviewProposal(readProposal(file), await viewFor(e.safe.address), file);
    const text = review.summary.join("\n");
    expect(text).to.contain("250,500.00 KGSC");
    expect(text).to.not.contain("250.50000");
  });

  it("a renamed symbol, an attacker labelled 'Safe owner #4', renamed ABI parameters, other owners/threshold: none shown", async function () {
    const e = await env();
    const attacker = Wallet.createRandom().address;
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: attacker, value: "1.00" } },
    ]);
    edit(file, (j) => {
      for (const r of j.context.records as {
        name: string;
        token?: { decimals: number; symbol: string };
        abi: { name?: string; inputs?: { name: string }[] }[];
      }[]) {
        if (r.name === "SomStablecoin") {
          r.token = { decimals: 2, symbol: "USDX" };
          for (const f of r.abi) if (f.name === "transfer") f.inputs?.forEach((i) => (i.name = `x${i.name}`));
        }
      }
      j.context.owners = [...(j.context.owners as string[]), attacker];
      j.context.threshold = 1;
    });
    const review = reviewProposal(readProposal(file), await viewFor(e.safe.address), file);
    const text = review.summary.join("\n");
    expect(text).to.contain("1.00 KGSC").and.contain("Owners 3, threshold 2");
    expect(text).to.not.contain("USDX");
    expect(text).to.not.contain("owner #4");
    expect(text).to.not.contain("xvalue");
  });

  it("safe re-pointed at a second Safe with the same owners: risk code wrong-safe; sign and execute refuse", async function () {
    const fx = await loadFixture(safeFixture);
    const e = await env();
    const { createReserveSafe, saltNonceFor } = await import("../../src/safe/deploy");
    const [deployer] = await hre.ethers.getSigners();
    const twin = await createReserveSafe(deployer, fx.infra, {
      owners: e.safe.owners.map((i) => CUSTODIANS[i].address),
      threshold: 2,
      saltNonce: saltNonceFor("twin"),
    });
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    rewrite(file, p, { nonce: 0n }, { safe: twin.address, nonce: 0n });
    const view = await viewFor(e.safe.address);
    const review = reviewProposal(readProposal(file), view, file);
    expect(review.findings.map((f) => f.code)).to.include("wrong-safe");
    expect(review.summary[0]).to.contain("NOT THE RESERVE SAFE");
    await signFile(file, 0, [], view).then(
      () => expect.fail("signed for another Safe"),
      (err: Error) => expect(err.message).to.contain("[wrong-safe]"),
    );
  });

  it("a file for another chain id than the records': risk code wrong-chain", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    rewrite(file, p, {}, { chainId: 1337 });
    const view = await viewFor(e.safe.address);
    const review = reviewProposal(readProposal(file), view, file);
    expect(review.findings.map((f) => f.code)).to.include("wrong-chain");
    await signFile(file, 0, [], view).then(
      () => expect.fail("signed for another chain"),
      (err: Error) => expect(err).to.be.instanceOf(PolicyError),
    );
  });

  it("records are required: no reserve Safe record, or one without owners, is refused", async function () {
    const e = await env();
    const mine = await completedRecords(e);
    expect(() => trustedView(mine.filter((r) => r.name !== "ReserveSafe"))).to.throw(
      RecordsError,
      'no "ReserveSafe" record',
    );
    expect(() => trustedView(mine.map((r) => (r.name === "ReserveSafe" ? { ...r, safe: undefined } : r)))).to.throw(
      RecordsError,
      "carries no owners",
    );
  });

  it("a re-pointed record in the file: the target is judged by the custodian's records (unknown-target)", async function () {
    const e = await env();
    const evil = await hre.ethers.deployContract("RescuableTokenMock");
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    const ctx = {
      ...p.context,
      records: p.context.records.map((r) => (r.name === "SomStablecoin" ? { ...r, address: String(evil.target) } : r)),
    };
    rewrite(file, p, { to: String(evil.target) }, { context: ctx });
    const review = reviewProposal(readProposal(file), await viewFor(e.safe.address), file);
    expect(review.findings.map((f) => f.code)).to.include("unknown-target");
    expect(review.summary.join("\n")).to.contain("UNKNOWN CONTRACT");
  });

  it("a forged 'already signed by owner #1' entry is reported as forged; owner #1 can still sign", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    const fake = `0x${"11".repeat(32)}${"22".repeat(32)}1b`;
    writeProposal(file, { ...p, signatures: [{ signer: CUSTODIANS[0].address, signature: fake, signedAt: "x" }] });
    const review = reviewProposal(readProposal(file), await viewFor(e.safe.address), file);
    expect(review.verified).to.deep.equal([]);
    expect(review.forged.map((f) => f.claimed)).to.deep.equal([CUSTODIANS[0].address]);
    expect(describeReview(review).join("\n"))
      .to.contain("FORGED signature claimed by")
      .and.contain("Verified signatures: 0 of threshold 2");
    const signed = await signFile(file, 0);
    expect(signed.signatures.map((s) => s.signer)).to.deep.equal([CUSTODIANS[0].address]);
  });

  it("execute re-derives the summary and re-runs the policy: a delegatecall to an unknown address is refused", async function () {
    const e = await env();
    const attacker = await hre.ethers.deployContract("RescuableTokenMock");
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    rewrite(
      file,
      p,
      { to: String(attacker.target), operation: 1, data: "0x" },
      { description: "999.00 KGSC routine", summary: ["Send 999.00 KGSC"] },
    );
    // two owners sign it (each explicitly accepting the risks), the executor did not
    await signFile(file, 0, ["delegatecall", "unknown-target"]);
    await signFile(file, 1, ["delegatecall", "unknown-target"]);
    await executeFile(file).then(
      () => expect.fail("executed a delegatecall without the executor's override"),
      (err: Error) => {
        expect(err).to.be.instanceOf(PolicyError);
        expect((err as PolicyError).findings.map((f) => f.code)).to.include.members(["delegatecall", "unknown-target"]);
      },
    );
  });

  it("execute prints the verified summary, never the file's description", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    edit(file, (j) => {
      j.description = "999.00 KGSC";
      j.summary = ["Send 999.00 KGSC"];
    });
    await signFile(file, 0);
    await signFile(file, 1);
    const result = await executeFile(file);
    expect(result.summary.join("\n")).to.contain("Send 1.00 KGSC").and.not.contain("999");
  });

  it("safeTxGas, baseGas, gasPrice, gasToken, refundReceiver nonzero: risk codes", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    const view = await viewFor(e.safe.address);
    const cases: [Partial<SafeTx>, string][] = [
      [{ safeTxGas: 100000n }, "safe-tx-gas"],
      [{ baseGas: 1n }, "refund"],
      [{ gasPrice: 1n }, "refund"],
      [{ gasToken: CUSTODIANS[4].address }, "refund"],
      [{ refundReceiver: CUSTODIANS[4].address }, "refund"],
    ];
    for (const [tx, code] of cases) {
      rewrite(file, p, tx);
      expect(
        reviewProposal(readProposal(file), view, file).findings.map((f) => f.code),
        JSON.stringify(tx, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
      ).to.include(code);
    }
    rewrite(file, p, { safeTxGas: 100000n });
    await signFile(file, 0, [], view).then(
      () => expect.fail("signed safeTxGas"),
      (err: Error) => expect(err.message).to.contain("[safe-tx-gas]"),
    );
    expect(ZeroAddress).to.equal(p.safeTx.gasToken);
  });

  it("32 trailing calldata bytes or an unknown selector: refused, no override", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    const view = await viewFor(e.safe.address);
    rewrite(file, p, { data: `${p.safeTx.data}${"ab".repeat(32)}` });
    expect(() => reviewProposal(readProposal(file), view, file)).to.throw(/32 byte\(s\) after the encoded arguments/);
    rewrite(file, p, { data: `0xdeadbeef${p.safeTx.data.slice(10)}` });
    expect(() => reviewProposal(readProposal(file), view, file)).to.throw(/does not decode exactly/);
  });

  it("an upgrade shows the new implementation's recorded contract name, code hash and storage-layout verdict", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "upgrade", contract: "SomStablecoin", args: [e.stablecoinV2, "0x"] },
    ]);
    const mine = (await completedRecords(e)).filter((r) => !r.preparedImplementation);
    const unrecorded = reviewProposal(readProposal(file), trustedView(mine), file);
    expect(unrecorded.findings.map((f) => f.code)).to.include("unverified-implementation");
    expect(unrecorded.summary.join("\n")).to.contain("NOT IN YOUR RECORDS");
    const code = await hre.ethers.provider.getCode(e.stablecoinV2);
    const { keccak256 } = await import("ethers");
    const implRecord = {
      ...mine[0],
      name: "Implementation:SomStablecoinV2Mock",
      contract: "SomStablecoinV2Mock",
      address: e.stablecoinV2,
      token: undefined,
      preparedImplementation: {
        contractName: "SomStablecoinV2Mock",
        runtimeCodeHash: keccak256(code),
        storageLayout: "compatible (validated by @openzeppelin/hardhat-upgrades)",
      },
    };
    const recorded = reviewProposal(readProposal(file), trustedView([...mine, implRecord]), file);
    expect(recorded.findings.map((f) => f.code)).to.not.include("unverified-implementation");
    const text = recorded.summary.join("\n");
    expect(text)
      .to.contain("contract SomStablecoinV2Mock")
      .and.contain(`runtime code hash ${keccak256(code)}`)
      .and.contain("storage layout: compatible");
  });

  it("a batch is decoded from the records too (assembleProposal with a forged context is ignored)", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
    ]);
    const p = readProposal(file);
    const forged = assembleProposal({
      chainId: p.chainId,
      safe: p.safe,
      nonce: p.nonce,
      calls: [{ to: p.safeTx.to, value: 0n, data: p.safeTx.data, operation: 0 }],
      context: { ...p.context, records: [] },
      description: "x",
    });
    writeProposal(file, forged);
    expect(reviewProposal(readProposal(file), await viewFor(e.safe.address), file).summary.join("\n")).to.contain(
      "Send 1.00 KGSC",
    );
  });
});
