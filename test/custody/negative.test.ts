import { expect } from "chai";
import fs from "node:fs";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Wallet, concat, id } from "ethers";
import { ExecutionError, executeProposal, safeContract } from "../../src/custody/execute";
import { PolicyError } from "../../src/custody/policy";
import { ProposalError, parseProposal, readProposal, writeProposal } from "../../src/custody/proposal";
import { reviewProposal, signProposal } from "../../src/custody/review";
import { SignatureError, sortBySigner } from "../../src/safe/signatures";
import { signSafeTx } from "../../src/safe/safeTx";
import { trustedView } from "../../src/custody/trusted";
import {
  CUSTODIANS,
  completedRecords,
  viewFor,
  executeFile,
  proposeToFile,
  reserveEnv,
  safeFixture,
  signFile,
  writeCustodianKeystores,
} from "./fixtures";
import type { ReserveEnv } from "./fixtures";

describe("safe: refusals", function () {
  before(writeCustodianKeystores);

  async function build(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe23, fx.infra);
  }
  const env = (): Promise<ReserveEnv> => loadFixture(build);
  const distribute = (e: ReserveEnv) => [
    { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } },
  ];

  /** Rewrites one JSON field of the file. */
  function tamper(file: string, edit: (j: Record<string, Record<string, unknown>>) => void): void {
    const j = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, unknown>>;
    edit(j);
    fs.writeFileSync(file, JSON.stringify(j));
  }

  describe("a tampered proposal file is refused by sign and by execute", function () {
    const edits: Record<string, (j: Record<string, Record<string, unknown>>) => void> = {
      "safeTx.to": (j) => (j.safeTx.to = CUSTODIANS[4].address),
      "safeTx.value": (j) => (j.safeTx.value = "1"),
      "safeTx.data": (j) => (j.safeTx.data = `${String(j.safeTx.data).slice(0, -2)}ff`),
      "safeTx.operation": (j) => (j.safeTx.operation = 1),
      "safeTx.safeTxGas": (j) => (j.safeTx.safeTxGas = "100000"),
      "safeTx.baseGas": (j) => (j.safeTx.baseGas = "1"),
      "safeTx.gasPrice": (j) => (j.safeTx.gasPrice = "1"),
      "safeTx.gasToken": (j) => (j.safeTx.gasToken = CUSTODIANS[4].address),
      "safeTx.refundReceiver": (j) => (j.safeTx.refundReceiver = CUSTODIANS[4].address),
      "safeTx.nonce + nonce": (j) => {
        j.safeTx.nonce = "7";
        (j as Record<string, unknown>).nonce = "7";
      },
      safeTxHash: (j) => ((j as Record<string, unknown>).safeTxHash = id("other")),
      chainId: (j) => ((j as Record<string, unknown>).chainId = 11155111),
      safe: (j) => ((j as Record<string, unknown>).safe = CUSTODIANS[4].address),
    };
    for (const [field, edit] of Object.entries(edits)) {
      it(`${field}`, async function () {
        const e = await env();
        const file = await proposeToFile(e, distribute(e));
        await signFile(file, 0);
        await signFile(file, 1);
        tamper(file, edit);
        await signFile(file, 2).then(
          () => expect.fail("signed a tampered file"),
          (err: Error) => expect(err.message).to.match(/does not match the SafeTx fields|no canonical Safe/),
        );
        await executeFile(file).then(
          () => expect.fail("executed a tampered file"),
          (err: Error) =>
            expect(err.message).to.match(/does not match|chain|already used|not a current owner|recovers to/),
        );
      });
    }

    it("nonce differing from safeTx.nonce", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      tamper(file, (j) => ((j as Record<string, unknown>).nonce = "9"));
      expect(() => readProposal(file)).to.throw(ProposalError, "field nonce (9) differs from safeTx.nonce");
    });

    it("an edited summary (the screen would lie)", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      tamper(file, (j) => ((j as Record<string, unknown>).summary = ["Send 1.00 KGSC to a friend"]));
      const review = reviewProposal(readProposal(file), await viewFor(e.safe.address), file);
      expect(review.notes.join("\n")).to.contain("differs from this decoding: it is ignored");
      expect(review.summary.join("\n")).to.not.contain("to a friend");
      expect(review.summary.join("\n")).to.contain("Send 1.00 KGSC (raw 100)");
    });

    it("malformed fields are named", function () {
      expect(() => parseProposal({ version: 1 }, "p.json")).to.throw(ProposalError, "p.json: field safeTx is missing");
      expect(() => parseProposal({ version: 2 }, "p.json")).to.throw(ProposalError, "field version is 2");
    });
  });

  describe("execute refuses bad signatures and nonces", function () {
    it("a key that is not an owner is refused by sign (it used to sign and exit 0)", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      await signFile(file, 0);
      await signFile(file, 4).then(
        () => expect.fail("a non-owner signed"),
        (err: Error) => expect(err.message).to.contain("is not an owner of the reserve Safe in your records"),
      );
    });

    it("a non-owner signature slipped into the file is reported as forged and not counted", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      const p = await signFile(file, 0);
      const stranger = new Wallet(CUSTODIANS[4].privateKey);
      const sig = await signSafeTx(stranger, p.chainId, p.safe, p.safeTx);
      writeProposal(file, {
        ...p,
        signatures: [...p.signatures, { signer: stranger.address, signature: sig, signedAt: "x" }],
      });
      const review = reviewProposal(readProposal(file), await viewFor(p.safe), file);
      expect(review.verified.map((v) => v.signer)).to.deep.equal([CUSTODIANS[0].address]);
      expect(review.forged.map((f) => f.claimed)).to.deep.equal([stranger.address]);
      await executeFile(file).then(
        () => expect.fail("executed"),
        (err: Error) => {
          expect(err).to.be.instanceOf(SignatureError);
          expect(err.message).to.contain("1 valid owner signature(s)");
        },
      );
    });

    it("a duplicated signer", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      const p = await signFile(file, 0);
      await signFile(file, 0).then(
        () => expect.fail("signed twice"),
        (err: Error) => expect(err.message).to.contain("already signed"),
      );
      writeProposal(file, { ...p, signatures: [p.signatures[0], p.signatures[0]] });
      const review = reviewProposal(readProposal(file), await viewFor(p.safe), file);
      expect(review.verified).to.have.length(1);
      expect(review.forged[0].why).to.equal("listed twice");
      await executeFile(file).then(
        () => expect.fail("executed"),
        (err: Error) => expect(err.message).to.contain("1 valid owner signature(s)"),
      );
    });

    it("below the threshold", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      await signFile(file, 1);
      await executeFile(file).then(
        () => expect.fail("executed"),
        (err: Error) => expect(err.message).to.contain("threshold is 2"),
      );
    });

    it("a wrong (future) nonce", async function () {
      const e = await env();
      const onChain = await safeContract(e.safe.address, hre.ethers.provider).nonce();
      const file = await proposeToFile(e, distribute(e), { nonce: onChain + 1n });
      await signFile(file, 0);
      await signFile(file, 1);
      await executeFile(file).then(
        () => expect.fail("executed"),
        (err: Error) => {
          expect(err).to.be.instanceOf(ExecutionError);
          expect(err.message).to.contain("ahead of the Safe nonce");
        },
      );
    });

    it("a replay after execution", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      await signFile(file, 0);
      await signFile(file, 2);
      await executeFile(file);
      await executeFile(file).then(
        () => expect.fail("replayed"),
        (err: Error) => expect(err.message).to.contain("already used"),
      );
      // even bypassing the tool, the Safe itself refuses (the nonce moved, GS026)
      const p = readProposal(file);
      const [executor] = await hre.ethers.getSigners();
      const safe = safeContract(p.safe, executor);
      const t = p.safeTx;
      const sigs = concat(sortBySigner(p.signatures).map((s) => s.signature));
      await expect(
        safe.execTransaction(
          t.to,
          t.value,
          t.data,
          t.operation,
          t.safeTxGas,
          t.baseGas,
          t.gasPrice,
          t.gasToken,
          t.refundReceiver,
          sigs,
        ),
      ).to.be.revertedWith("GS026");
    });

    it("unsorted signatures are rejected by the Safe (the tool sorts them)", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      await signFile(file, 0);
      const p = await signFile(file, 1);
      const [executor] = await hre.ethers.getSigners();
      const safe = safeContract(p.safe, executor);
      const t = p.safeTx;
      const desc = concat(
        sortBySigner(p.signatures)
          .reverse()
          .map((s) => s.signature),
      );
      await expect(
        safe.execTransaction(
          t.to,
          t.value,
          t.data,
          t.operation,
          t.safeTxGas,
          t.baseGas,
          t.gasPrice,
          t.gasToken,
          t.refundReceiver,
          desc,
        ),
      ).to.be.revertedWith("GS026");
      expect((await executeProposal(executor, p, await viewFor(p.safe))).success).to.equal(true);
    });

    it("a failing inner call is caught by the simulation, nothing is sent", async function () {
      const e = await env();
      const file = await proposeToFile(e, [
        { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "99999999.00" } },
      ]);
      await signFile(file, 0);
      await signFile(file, 1);
      const before = await hre.ethers.provider.getBlockNumber();
      await executeFile(file).then(
        () => expect.fail("executed"),
        (err: Error) => expect(err.message).to.contain("simulation failed").and.contain("GS013"),
      );
      expect(await hre.ethers.provider.getBlockNumber()).to.equal(before);
    });
  });

  describe("sign refuses risky transactions unless explicitly allowed", function () {
    it("delegatecall to an unknown target (the February 2025 attack shape)", async function () {
      const e = await env();
      const attacker = await hre.ethers.deployContract("RescuableTokenMock");
      const file = await proposeToFile(e, distribute(e));
      const p = readProposal(file);
      // a proposer builds a delegatecall to a contract outside the records, with an honest-looking file
      const { assembleProposal } = await import("../../src/custody/actions");
      const evil = assembleProposal({
        chainId: p.chainId,
        safe: p.safe,
        nonce: p.nonce,
        calls: [{ to: await attacker.getAddress(), value: 0n, data: p.safeTx.data, operation: 0 }],
        context: p.context,
        description: "routine transfer",
      });
      evil.safeTx.operation = 1;
      const { safeTxHash } = await import("../../src/safe/safeTx");
      const { summarizeSafeTx } = await import("../../src/custody/describe");
      const { decodeEnvFor } = await import("../../src/custody/review");
      evil.safeTxHash = safeTxHash(evil.chainId, evil.safe, evil.safeTx);
      evil.summary = summarizeSafeTx(decodeEnvFor(evil, await viewFor(evil.safe)), evil.safeTx);
      writeProposal(file, evil);
      await signFile(file, 0).then(
        () => expect.fail("signed a delegatecall"),
        (err: Error) => {
          expect(err).to.be.instanceOf(PolicyError);
          const codes = (err as PolicyError).findings.map((f) => f.code);
          expect(codes).to.include.members(["delegatecall", "unknown-target"]);
          expect(err.message).to.contain("DELEGATECALL").and.contain("--allow-risk delegatecall");
        },
      );
      await signFile(file, 0, ["delegatecall"]).then(
        () => expect.fail("one override is not enough"),
        (err: Error) => expect(err.message).to.contain("unknown-target"),
      );
      const signed = await signFile(file, 0, ["delegatecall", "unknown-target"]);
      expect(signed.signatures).to.have.length(1);
    });

    it("a call to the Safe itself (owner change), then executes with the override", async function () {
      const e = await env();
      const newOwner = Wallet.createRandom().address;
      const file = await proposeToFile(e, [
        { fn: "addOwnerWithThreshold", contract: "ReserveSafe", args: [newOwner, "2"] },
      ]);
      expect(readProposal(file).summary.join("\n")).to.contain("CHANGE SAFE OWNERS");
      await signFile(file, 0).then(
        () => expect.fail("signed a self-call"),
        (err: Error) => expect((err as PolicyError).findings.map((f) => f.code)).to.deep.equal(["self-call"]),
      );
      await signFile(file, 0, ["self-call"]);
      await signFile(file, 1, ["self-call"]);
      await executeFile(file).then(
        () => expect.fail("execute ran without the same override"),
        (err: Error) => expect(err).to.be.instanceOf(PolicyError),
      );
      await executeFile(file, ["self-call"]);
      expect(await safeContract(e.safe.address, hre.ethers.provider).isOwner(newOwner)).to.equal(true);
    });

    it("a native-coin value transfer and an unknown target", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      const p = readProposal(file);
      const { assembleProposal } = await import("../../src/custody/actions");
      const valued = assembleProposal({
        chainId: p.chainId,
        safe: p.safe,
        nonce: p.nonce,
        calls: [{ to: CUSTODIANS[4].address, value: 10n ** 18n, data: "0x", operation: 0 }],
        context: p.context,
        description: "pay",
      });
      writeProposal(file, valued);
      expect(valued.summary.join("\n")).to.contain("NATIVE COIN SENT").and.contain("UNKNOWN CONTRACT");
      await signFile(file, 0).then(
        () => expect.fail("signed"),
        (err: Error) =>
          expect((err as PolicyError).findings.map((f) => f.code)).to.deep.equal(["unknown-target", "native-value"]),
      );
      await signFile(file, 0, ["unknown-target", "native-value"]);
    });

    it("a batch member outside the records is flagged, the batch delegatecall itself is not", async function () {
      const e = await env();
      const file = await proposeToFile(e, [...distribute(e), { action: "pause", contract: "SomStablecoin" }]);
      const review = reviewProposal(readProposal(file), await viewFor(e.safe.address), file);
      expect(review.findings).to.deep.equal([]);
      expect(review.summary.join("\n"))
        .to.contain("canonical MultiSendCallOnly")
        .and.contain("[2/2]")
        .and.contain("PAUSE");
    });

    it("a record whose address differs from the custodian's local deployment records", async function () {
      const e = await env();
      const file = await proposeToFile(e, distribute(e));
      const mine = await completedRecords(e);
      const local = trustedView(
        mine.map((r) => (r.name === "SomStablecoin" ? { ...r, address: CUSTODIANS[3].address } : r)),
      );
      const review = reviewProposal(readProposal(file), local, file);
      expect(review.findings.map((f) => f.code)).to.include("unknown-target");
      const wallet = new Wallet(CUSTODIANS[0].privateKey);
      await signProposal(readProposal(file), wallet, trustedView(mine), {}, file); // matching records: fine
      expect(await signSafeTx(wallet, 31337, e.safe.address, readProposal(file).safeTx)).to.have.length(132);
    });
  });

  it("summarises in plain words with token units, symbols, role and record names", async function () {
    const e = await env();
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1234.5" } },
      { action: "grantRole", contract: "SomStablecoin", args: { role: "MINTER_ROLE", account: "StrayToken" } },
      { action: "burn", contract: "SomStablecoin", args: { amount: "2", redemptionRef: "REDEEM-9" } },
    ]);
    const text = readProposal(file).summary.join("\n");
    expect(text).to.contain("Send 1,234.50 KGSC (raw 123450) from the reserve Safe");
    expect(text).to.contain("Grant MINTER_ROLE");
    expect(text).to.contain("(StrayToken)");
    expect(text).to.contain('"REDEEM-9"');
    expect(text).to.contain("SomStablecoin (");
  });
});
