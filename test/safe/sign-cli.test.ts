import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Wallet } from "ethers";
import { readProposal, writeProposal } from "../../src/safe/proposal";
import { PROJECT_ROOT } from "../helpers/cli";
import { CUSTODIANS, PASSWORD, executeFile, keystoreOf, proposeToFile, reserveEnv, safeFixture, writeCustodianKeystores } from "./fixtures";

/** Runs the sign CLI as a plain Node child process: no Hardhat, no RPC variables. */
function sign(args: string[], password = PASSWORD): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CUSTODIAN_KEYSTORE_PASSWORD: password };
  const res = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "scripts/custodian/sign.ts", ...args], {
    cwd: PROJECT_ROOT,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

describe("safe: the sign CLI works offline as a separate process", function () {
  before(writeCustodianKeystores);

  async function proposal(): Promise<string> {
    const fx = await loadFixture(safeFixture);
    const env = await reserveEnv(fx.safe23, fx.infra);
    return proposeToFile(env, [{ action: "distribute", contract: "SomStablecoin", args: { to: env.holder, value: "42.00" } }]);
  }

  it("two custodians sign in separate runs (one into a detached file), then the proposal executes", async function () {
    const file = await proposal();
    const first = sign(["--proposal", file, "--keystore", keystoreOf(0)]);
    expect(first.status, first.out).to.equal(0);
    expect(first.out).to.contain("Send 42.00 KGSC").and.contain("Risk checks: none triggered").and.contain(`Signed by ${CUSTODIANS[0].address}`);
    expect(first.out).to.not.contain(CUSTODIANS[0].privateKey.slice(2));
    const sigFile = `${file}.sig-2.json`;
    const second = sign(["--proposal", file, "--keystore", keystoreOf(2), "--out", sigFile]);
    expect(second.status, second.out).to.equal(0);
    expect(readProposal(file).signatures).to.have.length(1);
    const { mergeSignatureFile, readSignatureFile } = await import("../../src/safe/proposal");
    writeProposal(file, mergeSignatureFile(readProposal(file), readSignatureFile(sigFile), sigFile));
    expect((await executeFile(file)).success).to.equal(true);
  });

  it("refuses a risky proposal with a non-zero exit and a loud warning; --allow-risk overrides", async function () {
    const file = await proposal();
    const p = readProposal(file);
    const { assembleProposal } = await import("../../src/safe/actions");
    writeProposal(file, assembleProposal({
      chainId: p.chainId,
      safe: p.safe,
      nonce: p.nonce,
      calls: [{ to: Wallet.createRandom().address, value: 5n, data: "0x", operation: 0 }],
      context: p.context,
      description: "routine",
    }));
    const refused = sign(["--proposal", file, "--keystore", keystoreOf(1)]);
    expect(refused.status).to.equal(1);
    expect(refused.out).to.contain("WARNING").and.contain("[unknown-target]").and.contain("refusing to sign");
    const allowed = sign(["--proposal", file, "--keystore", keystoreOf(1), "--allow-risk", "unknown-target", "--allow-risk", "native-value"]);
    expect(allowed.status, allowed.out).to.equal(0);
  });

  it("exits non-zero with a readable message on bad input", async function () {
    const file = await proposal();
    expect(sign([]).out).to.contain("sign: --proposal <file> is required");
    const missing = sign(["--proposal", path.join(PROJECT_ROOT, "nope.json")]);
    expect(missing.status).to.equal(1);
    expect(missing.out).to.contain("not found");
    const wrongPw = sign(["--proposal", file, "--keystore", keystoreOf(0)], "wrong");
    expect(wrongPw.status).to.equal(1);
    expect(wrongPw.out).to.contain("cannot decrypt keystore").and.not.contain("wrong\n");
    expect(sign(["--proposal", file, "--allow-risk", "everything"]).out).to.contain("unknown risk code");
    expect(sign(["--proposal", file, "--ledger"]).out).to.contain("Ledger signing is not available");
    const j = JSON.parse(fs.readFileSync(file, "utf8")) as { safeTx: { value: string } };
    j.safeTx.value = "1";
    fs.writeFileSync(file, JSON.stringify(j));
    const tampered = sign(["--proposal", file, "--keystore", keystoreOf(0)]);
    expect(tampered.status).to.equal(1);
    expect(tampered.out).to.contain("does not match the SafeTx fields");
  });
});
