import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Wallet } from "ethers";
import { safeContract } from "../../src/custody/execute";
import { FlowError, proposeSignExecute } from "../../src/custody/flow";
import { PolicyError } from "../../src/custody/policy";
import { ProposalError, readProposal, readSignatureFile } from "../../src/custody/proposal";
import { ASSET_RECORD, CUSTODIANS, reserveEnv, safeFixture } from "./fixtures";
import type { ReserveEnv } from "./fixtures";

describe("safe: proposeSignExecute (the helper the deployment job calls)", function () {
  async function build23(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe23, fx.infra);
  }
  async function build35(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe35, fx.infra);
  }
  const base = async (e: ReserveEnv) => ({
    provider: hre.ethers.provider,
    executor: (await hre.ethers.getSigners())[0],
    safe: e.safe.address,
    records: e.records,
  });

  it("one call, in memory, 2-of-3: executes and returns the receipt, hash and summary", async function () {
    const e = await loadFixture(build23);
    const before = await e.token.balanceOf(e.holder);
    const out = await proposeSignExecute({
      ...(await base(e)),
      calls: [{ contract: "SomStablecoin", fn: "transfer", args: { to: e.holder, value: "12.34" } }],
      custodians: [CUSTODIANS[2], CUSTODIANS[0]],
    });
    expect(out.receipt.status).to.equal(1);
    expect(out.proposalFile).to.equal(undefined);
    expect(out.safeTxHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(out.summary.join("\n")).to.contain(`Send 12.34 KGSC (raw 1234) from the reserve Safe to ${e.holder}`);
    expect(out.execution.effects.some((l) => l.startsWith("Safe: ExecutionSuccess"))).to.equal(true);
    expect(await e.token.balanceOf(e.holder)).to.equal(before + 1234n);
  });

  it("a batch, 3-of-5, through files: the proposal and one detached signature file per custodian", async function () {
    const e = await loadFixture(build35);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flow-"));
    const out = await proposeSignExecute({
      ...(await base(e)),
      safe: "ReserveSafe",
      calls: [
        { contract: "SomStablecoin", action: "pause" },
        { contract: ASSET_RECORD, fn: "setCustodian", args: [e.other] },
        { contract: "AttestationRegistry", fn: "addAttestor", args: [e.other] },
      ],
      custodians: [CUSTODIANS[4], CUSTODIANS[1], CUSTODIANS[3]],
      dir,
      description: "incident batch",
    });
    expect(out.proposalFile && fs.existsSync(out.proposalFile)).to.equal(true);
    const p = readProposal(out.proposalFile as string);
    expect(p.description).to.equal("incident batch");
    expect(p.safeTxHash).to.equal(out.safeTxHash);
    expect(p.signatures.map((s) => s.signer).sort()).to.deep.equal([4, 1, 3].map((i) => CUSTODIANS[i].address).sort());
    expect(out.signatureFiles).to.have.length(3);
    expect(out.signatureFiles?.map((f) => readSignatureFile(f).signer)).to.deep.equal(
      [4, 1, 3].map((i) => CUSTODIANS[i].address),
    );
    expect(fs.readdirSync(dir)).to.have.length(4);
    expect(out.summary.join("\n")).to.contain("canonical MultiSendCallOnly").and.contain("[3/3]");
    expect(await e.token.paused()).to.equal(true);
    expect((await e.asset.assetInfo()).custodian).to.equal(e.other);
    expect(await e.registry.isAttestor(e.other)).to.equal(true);
  });

  it("refuses before sending: a non-owner signer, too few signers, a risky call without its override", async function () {
    const e = await loadFixture(build23);
    const calls = [{ contract: "SomStablecoin", action: "distribute", args: { to: e.holder, value: "1.00" } }];
    const startBlock = await hre.ethers.provider.getBlockNumber();
    await proposeSignExecute({ ...(await base(e)), calls, custodians: [CUSTODIANS[0], CUSTODIANS[4]] }).then(
      () => expect.fail("executed"),
      (err: Error) =>
        expect(err)
          .to.be.instanceOf(ProposalError)
          .and.have.property("message")
          .that.contains("is not an owner of the reserve Safe in your records"),
    );
    await proposeSignExecute({ ...(await base(e)), calls, custodians: [CUSTODIANS[1]] }).then(
      () => expect.fail("executed"),
      (err: Error) => expect(err.message).to.contain("threshold is 2"),
    );
    await proposeSignExecute({ ...(await base(e)), calls: [], custodians: [CUSTODIANS[1]] }).then(
      () => expect.fail("executed"),
      (err: Error) => expect(err).to.be.instanceOf(FlowError),
    );
    const newOwner = Wallet.createRandom().address;
    const ownerChange = [{ contract: "ReserveSafe", fn: "addOwnerWithThreshold", args: [newOwner, "2"] }];
    await proposeSignExecute({
      ...(await base(e)),
      calls: ownerChange,
      custodians: [CUSTODIANS[0], CUSTODIANS[1]],
    }).then(
      () => expect.fail("executed"),
      (err: Error) => expect(err).to.be.instanceOf(PolicyError),
    );
    expect(await hre.ethers.provider.getBlockNumber()).to.equal(startBlock);
    await proposeSignExecute({
      ...(await base(e)),
      calls: ownerChange,
      custodians: [CUSTODIANS[0], CUSTODIANS[1]],
      allow: ["self-call"],
    });
    expect(await safeContract(e.safe.address, hre.ethers.provider).isOwner(newOwner)).to.equal(true);
  });
});
