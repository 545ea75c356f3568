import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Signature, Wallet } from "ethers";
import { writeRecord } from "../../src/chain/records";
import { safeTxTypedData } from "../../src/safe/hashes";
import { mergeSignatureFile, readProposal, readSignatureFile, writeProposal } from "../../src/custody/proposal";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";
import {
  CUSTODIANS,
  PASSWORD,
  completedRecords,
  executeFile,
  keystoreOf,
  proposeToFile,
  reserveEnv,
  safeFixture,
  writeCustodianKeystores,
} from "./fixtures";
import type { ReserveEnv } from "./fixtures";

/** Runs the sign command as a plain Node child process: no Hardhat, no RPC variables, clean environment. */
function sign(args: string[], password = PASSWORD): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CUSTODIAN_KEYSTORE_PASSWORD: password,
  };
  const res = spawnSync(process.execPath, commandArgs("scripts/custodian/sign.ts", args), {
    cwd: PROJECT_ROOT,
    env,
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

describe("safe: the sign command works offline as a separate process", function () {
  before(writeCustodianKeystores);

  /** The 2-of-3 reserve environment, deployed once and restored from its snapshot for each test. */
  async function env23(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe23, fx.infra);
  }

  async function setup(): Promise<{ e: ReserveEnv; file: string; records: string }> {
    const e = await loadFixture(env23);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "custodian-records-"));
    for (const r of await completedRecords(e)) writeRecord(root, "hardhat", r);
    const file = await proposeToFile(e, [
      { action: "distribute", contract: "SomStablecoin", args: { to: e.holder, value: "42.00" } },
    ]);
    return { e, file, records: path.join(root, "deployments", "hardhat") };
  }

  it("two custodians sign in separate runs (one through export/import of typed data), then the proposal executes", async function () {
    const { file, records } = await setup();
    const first = sign(["--proposal", file, "--records", records, "--keystore", keystoreOf(0)]);
    expect(first.status, first.out).to.equal(0);
    expect(first.out)
      .to.contain("Send 42.00 KGSC")
      .and.contain("Risk checks: none triggered")
      .and.contain(`Signed by ${CUSTODIANS[0].address}`);
    expect(first.out)
      .to.contain("Domain hash:")
      .and.contain("Message hash:")
      .and.contain(`SafeTx hash:  ${readProposal(file).safeTxHash}`);
    expect(first.out).to.not.contain(CUSTODIANS[0].privateKey.slice(2));
    // external signer: export the typed data, sign it elsewhere, import the 65-byte signature
    const typedFile = `${file}.typed.json`;
    const exported = sign(["--proposal", file, "--records", records, "--export-typed-data", typedFile]);
    expect(exported.status, exported.out).to.equal(0);
    const typed = JSON.parse(fs.readFileSync(typedFile, "utf8")) as ReturnType<typeof safeTxTypedData>;
    const { EIP712Domain: _d, ...types } = typed.types;
    const sig = Signature.from(await CUSTODIANS[2].signTypedData(typed.domain, types, typed.message)).serialized;
    const sigFile = `${file}.sig-3.json`;
    const imported = sign(["--proposal", file, "--records", records, "--import-signature", sig, "--out", sigFile]);
    expect(imported.status, imported.out).to.equal(0);
    expect(imported.out).to.contain(`Signed by ${CUSTODIANS[2].address}`);
    writeProposal(file, mergeSignatureFile(readProposal(file), readSignatureFile(sigFile), sigFile));
    expect((await executeFile(file)).success).to.equal(true);
  });

  it("exports a Transaction Builder batch and a Transaction Service body; imports a Transaction Service JSON", async function () {
    const { file, records } = await setup();
    const signedOnce = sign(["--proposal", file, "--records", records, "--keystore", keystoreOf(0)]);
    expect(signedOnce.status, signedOnce.out).to.equal(0);
    const builder = `${file}.builder.json`;
    const body = `${file}.service.json`;
    const exported = sign([
      "--proposal",
      file,
      "--records",
      records,
      "--export-tx-builder",
      builder,
      "--export-tx-service",
      body,
    ]);
    expect(exported.status, exported.out).to.equal(0);
    const { txBuilderChecksum } = await import("../../src/custody/interop");
    const batch = JSON.parse(fs.readFileSync(builder, "utf8")) as import("../../src/custody/interop").TxBuilderBatch;
    expect(batch.version).to.equal("1.0");
    expect(batch.meta.checksum).to.equal(txBuilderChecksum(batch));
    const p = readProposal(file);
    const service = JSON.parse(fs.readFileSync(body, "utf8")) as Record<string, string>;
    expect(service.contractTransactionHash).to.equal(p.safeTxHash);
    expect(service.sender).to.equal(CUSTODIANS[0].address);
    // the same transaction as the Transaction Service returns it, imported into a new proposal and reviewed
    const tx = {
      safe: p.safe,
      ...Object.fromEntries(Object.entries(p.safeTx).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])),
      safeTxHash: p.safeTxHash,
      confirmations: [{ owner: CUSTODIANS[0].address, signature: p.signatures[0].signature, signatureType: "EOA" }],
    };
    const txFile = `${file}.tx-service.json`;
    fs.writeFileSync(txFile, JSON.stringify(tx));
    const importedFile = `${file}.imported.json`;
    const imported = sign([
      "--proposal",
      importedFile,
      "--records",
      records,
      "--from-tx-service",
      txFile,
      "--keystore",
      keystoreOf(1),
    ]);
    expect(imported.status, imported.out).to.equal(0);
    expect(imported.out).to.contain("Send 42.00 KGSC").and.contain("Verified signatures: 1 of threshold 2");
    expect(readProposal(importedFile).signatures.map((s) => s.signer)).to.deep.equal([
      CUSTODIANS[0].address,
      CUSTODIANS[1].address,
    ]);
    expect((await executeFile(importedFile)).success).to.equal(true);
  });

  it("an imported signature from a non-owner, or over another transaction, is refused", async function () {
    const { file, records } = await setup();
    const p = readProposal(file);
    const stranger = Wallet.createRandom();
    const typed = safeTxTypedData(p.chainId, p.safe, p.safeTx);
    const { EIP712Domain: _d, ...types } = typed.types;
    const bad = Signature.from(await stranger.signTypedData(typed.domain, types, typed.message)).serialized;
    const res = sign(["--proposal", file, "--records", records, "--import-signature", bad]);
    expect(res.status).to.equal(1);
    expect(res.out).to.contain("is not an owner of the reserve Safe in your records");
    expect(sign(["--proposal", file, "--records", records, "--import-signature", "0x1234"]).out).to.contain("65-byte");
  });

  it("refuses a risky proposal with exit 1 and a loud warning; --allow-risk overrides", async function () {
    const { file, records } = await setup();
    const p = readProposal(file);
    const { assembleProposal } = await import("../../src/custody/actions");
    writeProposal(
      file,
      assembleProposal({
        chainId: p.chainId,
        safe: p.safe,
        nonce: p.nonce,
        calls: [{ to: Wallet.createRandom().address, value: 5n, data: "0x", operation: 0 }],
        context: p.context,
        description: "routine",
      }),
    );
    const refused = sign(["--proposal", file, "--records", records, "--keystore", keystoreOf(1)]);
    expect(refused.status).to.equal(1);
    expect(refused.out).to.contain("WARNING").and.contain("[unknown-target]").and.contain("refusing");
    const allowed = sign([
      "--proposal",
      file,
      "--records",
      records,
      "--keystore",
      keystoreOf(1),
      "--allow-risk",
      "unknown-target",
      "--allow-risk",
      "native-value",
    ]);
    expect(allowed.status, allowed.out).to.equal(0);
  });

  it("a key that is not an owner is refused (exit 1)", async function () {
    const { file, records } = await setup();
    const res = sign(["--proposal", file, "--records", records, "--keystore", keystoreOf(4)]);
    expect(res.status).to.equal(1);
    expect(res.out).to.contain("is not an owner of the reserve Safe in your records");
  });

  it("exits 1 with one readable line on bad input; --records is required; --ledger prints what to run", async function () {
    const { file, records } = await setup();
    const none = sign([]);
    expect(none.status).to.equal(1);
    expect(none.out).to.contain("error: missing --proposal");
    expect(sign(["--proposal", file, "--keystore", keystoreOf(0)]).out).to.contain("error: missing --records");
    const missing = sign(["--proposal", path.join(PROJECT_ROOT, "nope.json"), "--records", records]);
    expect(missing.status).to.equal(1);
    expect(missing.out).to.contain("not found");
    const wrongPw = sign(["--proposal", file, "--records", records, "--keystore", keystoreOf(0)], "wrong");
    expect(wrongPw.status).to.equal(1);
    expect(wrongPw.out).to.contain("cannot decrypt keystore").and.not.contain("wrong\n");
    expect(sign(["--proposal", file, "--records", records, "--allow-risk", "everything"]).out).to.contain(
      "unknown risk code",
    );
    const ledger = sign(["--proposal", file, "--records", records, "--ledger"]);
    expect(ledger.status, ledger.out).to.equal(0);
    expect(ledger.out).to.contain("cast wallet sign --ledger --data --from-file");
    const j = JSON.parse(fs.readFileSync(file, "utf8")) as { safeTx: { value: string } };
    j.safeTx.value = "1";
    fs.writeFileSync(file, JSON.stringify(j));
    const tampered = sign(["--proposal", file, "--records", records, "--keystore", keystoreOf(0)]);
    expect(tampered.status).to.equal(1);
    expect(tampered.out).to.contain("does not match the SafeTx fields");
    expect(tampered.out).to.not.match(/\n\s+at /);
  });

  it("explains itself with --help (exit 0)", function () {
    const res = sign(["--help"], PASSWORD);
    expect(res.status, res.out).to.equal(0);
    expect(res.out).to.contain("usage: npm run safe:sign");
  });

  it("the offline commands never load Hardhat nor generated code (a require hook refuses both)", function () {
    const hook = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "no-hardhat-")), "hook.js");
    fs.writeFileSync(
      hook,
      'const M = require("module"); const load = M._load; M._load = function (r, ...a) { ' +
        'if (/^hardhat(\\/|$)|typechain-types/.test(r)) throw new Error("LOADED: " + r); ' +
        "return load.call(this, r, ...a); };\n",
    );
    for (const script of [
      "scripts/custodian/sign.ts",
      "scripts/custodian/keystore-create.ts",
      "scripts/attest/sign.ts",
    ]) {
      const res = spawnSync(process.execPath, ["-r", hook, ...commandArgs(script, ["--help"])], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(res.status, `${script}: ${res.stdout}${res.stderr}`).to.equal(0);
    }
  });
});
