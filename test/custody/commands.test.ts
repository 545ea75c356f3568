/**
 * The chain commands against an unreachable node: one line, exit 1, no stack trace, no hang.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../helpers/node";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";

describe("safe: chain commands fail in one line when the node is unreachable", function () {
  this.timeout(300_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "custodian-unreachable-"));
  before(function () {
    const dir = path.join(root, "deployments", "localhost");
    fs.mkdirSync(dir, { recursive: true });
    const record = {
      name: "ReserveSafe",
      contract: "Safe",
      address: "0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe",
      abi: [],
      transactionHash: "x",
      blockNumber: 0,
      args: [],
      compiler: "x",
      gitCommit: "x",
      chainId: 31337,
      deployedAt: "x",
    };
    fs.writeFileSync(path.join(dir, "ReserveSafe.json"), JSON.stringify(record));
  });

  for (const [cmd, args] of [
    ["status", []],
    ["propose", ["--fn", "nonce", "--contract", "ReserveSafe", "--out", "unused.json"]],
  ] as const) {
    it(`safe:${cmd}`, async function () {
      const res = spawnSync(
        process.execPath,
        commandArgs(`scripts/custodian/${cmd}.ts`, ["--network", "localhost", ...args]),
        {
          cwd: PROJECT_ROOT,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            SOM_DEPLOYMENTS_ROOT: root,
            LOCALHOST_RPC_URL: `http://127.0.0.1:${await freePort()}`,
          },
          encoding: "utf8",
          timeout: 120_000,
        },
      );
      const out = `${res.stdout}${res.stderr}`.trim();
      expect(res.status, out).to.equal(1);
      expect(out).to.match(/^error: network "localhost": .*Cannot connect/);
      expect(out.split("\n")).to.have.length(1);
    });
  }
});

describe("keystore:create", function () {
  this.timeout(300_000);
  it("writes an encrypted keystore that decrypts with the password, prints only the address, refuses to overwrite", async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keystore-create-"));
    const out = path.join(dir, "k.json");
    const run = (): { status: number | null; out: string } => {
      const res = spawnSync(process.execPath, commandArgs("scripts/custodian/keystore-create.ts", ["--out", out]), {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, KEYSTORE_PASSWORD: "a long password" },
        encoding: "utf8",
        timeout: 120_000,
      });
      return { status: res.status, out: `${res.stdout}${res.stderr}` };
    };
    const first = run();
    expect(first.status, first.out).to.equal(0);
    const { decryptKeystore } = await import("../../src/chain/keystore");
    const wallet = await decryptKeystore(out, "a long password");
    expect(first.out).to.contain(wallet.address).and.not.contain(wallet.privateKey.slice(2));
    const again = run();
    expect(again.status).to.equal(1);
    expect(again.out.trim()).to.match(/^error: .*exists; refusing to overwrite/);
  });
});
