/**
 * safe:status: chain id, each proposal's SafeTx hash, VERIFIED signature counts (detached signature files
 * included, forged entries not counted), EXECUTED for a proposal whose nonce this exact hash used, STALE for
 * one whose nonce another transaction used; owners/threshold refreshed into the records with the difference.
 */
import { expect } from "chai";
import fs from "node:fs";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { readProposal, signatureFileFor, writeProposal } from "../../src/custody/proposal";
import { describeStatus, safeStatus } from "../../src/custody/status";
import { refreshSafeField } from "../../src/custody/trusted";
import { signProposal } from "../../src/custody/review";
import {
  CUSTODIANS,
  executeFile,
  proposeToFile,
  reserveEnv,
  safeFixture,
  signFile,
  viewFor,
  writeCustodianKeystores,
} from "./fixtures";
import type { ReserveEnv } from "./fixtures";

describe("safe: status", function () {
  before(writeCustodianKeystores);
  async function build(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe23, fx.infra);
  }

  it("verified counts with detached files, forged entries, READY, EXECUTED vs STALE, chain id and hashes", async function () {
    const e = await loadFixture(build);
    const fs2 = fs;
    for (const f of fs2.readdirSync(e.dir)) fs2.rmSync(`${e.dir}/${f}`);
    const distribute = [{ action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "1.00" } }];
    const a = await proposeToFile(e, distribute);
    const b = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "2.00" } },
    ]); // same nonce: an alternative
    // a: one signature in the file, one detached, one forged entry
    await signFile(a, 0);
    const p = readProposal(a);
    const { entry } = await signProposal(p, CUSTODIANS[1], await viewFor(p.safe), {}, a);
    fs.writeFileSync(`${a.replace(/\.json$/, "")}.sig-2.json`, JSON.stringify(signatureFileFor(p, entry)));
    writeProposal(a, {
      ...readProposal(a),
      signatures: [
        ...readProposal(a).signatures,
        { signer: CUSTODIANS[2].address, signature: `0x${"11".repeat(64)}1b`, signedAt: "x" },
      ],
    });
    let s = await safeStatus(hre.ethers.provider, e.safe.address, e.dir);
    expect(s.chainId).to.equal(31337);
    const sa = s.proposals.find((x) => x.file === a);
    expect(sa?.signedBy).to.deep.equal([CUSTODIANS[0].address, CUSTODIANS[1].address]);
    expect(sa?.forged).to.deep.equal([CUSTODIANS[2].address]);
    expect(sa?.state).to.equal("ready");
    expect(sa?.safeTxHash).to.equal(p.safeTxHash);
    const text = describeStatus(s).join("\n");
    expect(text)
      .to.contain("Chain 31337")
      .and.contain(`SafeTx hash ${p.safeTxHash}`)
      .and.contain("FORGED")
      .and.contain("2/2 verified");

    // execute a (with its detached signature merged), b's nonce is then used by another hash
    writeProposal(a, { ...readProposal(a), signatures: [readProposal(a).signatures[0], entry] });
    await executeFile(a);
    s = await safeStatus(hre.ethers.provider, e.safe.address, e.dir);
    expect(s.proposals.find((x) => x.file === a)?.state).to.equal("executed");
    expect(s.proposals.find((x) => x.file === b)?.state).to.equal("stale");
    expect(describeStatus(s).join("\n")).to.contain("EXECUTED").and.contain("STALE");
  });

  it("refreshing owners and threshold shows the difference", function () {
    const [x, y, z] = CUSTODIANS.map((c) => c.address);
    const before = {
      owners: [
        { address: x, label: "owner #1 (@account:1)" },
        { address: y, label: "owner #2" },
      ],
      threshold: 2,
    };
    const { safe, changes } = refreshSafeField(before, { owners: [x, z], threshold: 1 });
    expect(safe.owners).to.deep.equal([
      { address: x, label: "owner #1 (@account:1)" },
      { address: z, label: "owner #2 (added on chain)" },
    ]);
    expect(changes.join("\n")).to.contain(`+ owner ${z}`).and.contain(`- owner ${y}`).and.contain("threshold 2 -> 1");
    expect(refreshSafeField(safe, { owners: [x, z], threshold: 1 }).changes).to.deep.equal([]);
  });
});
