import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet } from "ethers";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";
import { writeKeystore } from "../../src/chain/keystore";
import { DOC } from "./fixture";
import { parseReportJson, reportDigest } from "../../src/attestation/report";
import { readSignatureFile, recoverReportSigner } from "../../src/attestation/sign";

/**
 * Runs the signer as `npm run attest:sign` does (`node -r ./tools/register.js`, transpile only). Type-checking
 * is not what this file tests (tsc in `npm run lint` type-checks scripts/; plain ts-node once cost ~5 s of CPU per
 * run here).
 */
function runSign(args: string[], env: NodeJS.ProcessEnv = {}) {
  const res = spawnSync(process.execPath, commandArgs("scripts/attest/sign.ts", args), {
    cwd: PROJECT_ROOT,
    // no RPC anywhere: the signer must not need one
    env: { ...process.env, ATTESTOR_KEYSTORE_PASSWORD: "", ...env },
    encoding: "utf8",
    input: "",
    timeout: 240_000,
  });
  return { status: res.status, output: `${res.stdout}\n${res.stderr}` };
}

describe("attestation: offline signing CLI (child process)", function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attest-cli-"));
  const wallet = Wallet.createRandom();
  const keystore = path.join(dir, "attestor.json");
  const reportFile = path.join(dir, "report.json");
  const reportJson = {
    chainId: "11155111",
    registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    subject: "SOM_RESERVES",
    value: "1234567890123",
    asOf: "1790000000",
    docHash: DOC,
    uri: "ipfs://statement",
  };

  before(async function () {
    await writeKeystore(keystore, new Wallet(wallet.privateKey), "pw", true);
    fs.writeFileSync(reportFile, JSON.stringify(reportJson));
  });

  it("signs a report file with a keystore and writes a signature file that recovers to the attestor", function () {
    const out = path.join(dir, "sig.json");
    const res = runSign(["--report", reportFile, "--keystore", keystore, "--out", out], {
      ATTESTOR_KEYSTORE_PASSWORD: "pw",
    });
    expect(res.status, res.output).to.equal(0);
    expect(res.output).to.contain("SOM_RESERVES").and.contain("1234567890123").and.contain(wallet.address);
    const sig = readSignatureFile(out);
    const r = parseReportJson(reportJson);
    expect(sig.signer).to.equal(wallet.address);
    expect(sig.digest).to.equal(reportDigest(r));
    expect(recoverReportSigner(r, sig.signature)).to.equal(wallet.address);
    // and refuses to overwrite it
    const again = runSign(["--report", reportFile, "--keystore", keystore, "--out", out], {
      ATTESTOR_KEYSTORE_PASSWORD: "pw",
    });
    expect(again.status).to.equal(1);
    expect(again.output).to.contain("already exists");
  });

  it("fails with one readable line on a bad report, a wrong password, no password or a missing option", function () {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ ...reportJson, docHash: "0x12" }));
    const badReport = runSign(["--report", bad, "--keystore", keystore, "--out", path.join(dir, "x.json")], {
      ATTESTOR_KEYSTORE_PASSWORD: "pw",
    });
    expect(badReport.status).to.equal(1);
    expect(badReport.output).to.contain(bad).and.contain('"docHash"');

    const wrong = runSign(["--report", reportFile, "--keystore", keystore, "--out", path.join(dir, "y.json")], {
      ATTESTOR_KEYSTORE_PASSWORD: "wrong",
    });
    expect(wrong.status).to.equal(1);
    expect(wrong.output).to.contain("cannot decrypt keystore").and.contain(keystore);

    const noPassword = runSign(["--report", reportFile, "--keystore", keystore, "--out", path.join(dir, "z.json")]);
    expect(noPassword.status).to.equal(1);
    expect(noPassword.output).to.contain("no terminal");

    const missing = runSign(["--report", reportFile]);
    expect(missing.status).to.equal(1);
    expect(missing.output).to.contain("missing --keystore").and.contain("usage:");
  });
});

describe("attestation: status and submit against a bad RPC fail in one line (no hang, no stack trace)", function () {
  this.timeout(300_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attest-rpc-"));
  const registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

  function runScript(
    script: string,
    args: string[],
    env: NodeJS.ProcessEnv = {},
  ): { status: number | null; output: string; ms: number } {
    const start = Date.now();
    const res = spawnSync(process.execPath, commandArgs(script, args), {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: "utf8",
      timeout: 120_000,
    });
    return { status: res.status, output: `${res.stdout}\n${res.stderr}`.trim(), ms: Date.now() - start };
  }

  async function closedPort(): Promise<number> {
    const { freePort } = await import("../helpers/node");
    return freePort();
  }

  it("--network takes the project's network as every command does: localhost's URL, a public network's variable, no in-process chain, not with --rpc", async function () {
    const port = await closedPort();
    const local = runScript("scripts/attest/status.ts", ["--network", "localhost", "--registry", registry], {
      LOCALHOST_RPC_URL: `http://127.0.0.1:${port}`,
    });
    expect(local.status, local.output).to.equal(1);
    expect(local.output).to.match(new RegExp(`^error: cannot reach RPC http://127\\.0\\.0\\.1:${port}`));
    const sepolia = runScript(
      "scripts/attest/status.ts",
      ["--network", "sepolia", "--registry", registry],
      { SEPOLIA_RPC_URL: "" } /* set but empty: a developer's .env cannot fill it (dotenv never overrides) */,
    );
    expect(sepolia.status).to.equal(1);
    expect(sepolia.output).to.match(
      /^error: Network "sepolia" cannot be used: missing environment variable SEPOLIA_RPC_URL\./,
    );
    const inProcess = runScript("scripts/attest/status.ts", ["--network", "hardhat", "--registry", registry]);
    expect(inProcess.output).to.equal(
      'error: network "hardhat" has no node to reach: use localhost (npx hardhat node) or sepolia, bscTestnet',
    );
    const both = runScript("scripts/attest/status.ts", [
      "--network",
      "localhost",
      "--rpc",
      "http://127.0.0.1:1",
      "--registry",
      registry,
    ]);
    expect(both.status).to.equal(1);
    expect(both.output).to.match(/^error: give --network or --rpc, not both/);
    const noRecords = runScript("scripts/attest/status.ts", ["--network", "localhost"], {
      LOCALHOST_RPC_URL: `http://127.0.0.1:${port}`,
      SOM_DEPLOYMENTS_ROOT: fs.mkdtempSync(path.join(os.tmpdir(), "no-records-")),
    });
    expect(noRecords.output).to.equal(
      "error: no AttestationRegistry record in deployments/localhost/: give --registry <address>",
    );
  });

  it("status: a closed port is one line, exit 1", async function () {
    const res = runScript("scripts/attest/status.ts", [
      "--registry",
      registry,
      "--rpc",
      `http://127.0.0.1:${await closedPort()}`,
    ]);
    expect(res.status, res.output).to.equal(1);
    expect(res.output.split("\n")).to.have.length(1);
    expect(res.output).to.match(/^error: cannot reach RPC/);
  });

  it("status: a node that accepts but never answers times out (bounded), one line, exit 1", async function () {
    const net = await import("node:net");
    const sockets: import("node:net").Socket[] = [];
    const server = net.createServer((s) => sockets.push(s)); // reads nothing, answers nothing
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as import("node:net").AddressInfo).port;
    try {
      const child = await import("node:child_process");
      const res = await new Promise<{ status: number | null; output: string }>((resolve) => {
        const p = child.spawn(
          process.execPath,
          commandArgs("scripts/attest/status.ts", ["--registry", registry, "--rpc", `http://127.0.0.1:${port}`]),
          {
            cwd: PROJECT_ROOT,
            env: { PATH: process.env.PATH, HOME: process.env.HOME, SOM_RPC_TIMEOUT_SECONDS: "2" },
          },
        );
        let out = "";
        p.stdout.on("data", (d: Buffer) => (out += d.toString()));
        p.stderr.on("data", (d: Buffer) => (out += d.toString()));
        p.on("exit", (status) => resolve({ status, output: out.trim() }));
      });
      expect(res.status, res.output).to.equal(1);
      expect(res.output).to.match(/^error: (.*no answer within 2 s|cannot reach RPC .*(timeout|abort))/i);
      expect(res.output.split("\n")).to.have.length(1);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });

  it("submit: an unreachable RPC is one line without a stack trace", async function () {
    const wallet = Wallet.createRandom();
    const keystore = path.join(dir, "sender.json");
    await writeKeystore(keystore, new Wallet(wallet.privateKey), "pw", true);
    const reportFile = path.join(dir, "report.json");
    fs.writeFileSync(
      reportFile,
      JSON.stringify({
        chainId: "31337",
        registry,
        subject: "SOM_RESERVES",
        value: "1",
        asOf: "1790000000",
        docHash: DOC,
        uri: "",
      }),
    );
    const res = runScript(
      "scripts/attest/sign.ts",
      ["--report", reportFile, "--keystore", keystore, "--out", path.join(dir, "sig.json")],
      { ATTESTOR_KEYSTORE_PASSWORD: "pw" },
    );
    expect(res.status, res.output).to.equal(0);
    const sub = runScript(
      "scripts/attest/submit.ts",
      [
        "--report",
        reportFile,
        "--sig",
        path.join(dir, "sig.json"),
        "--rpc",
        `http://127.0.0.1:${await closedPort()}`,
        "--keystore",
        keystore,
      ],
      { SUBMITTER_KEYSTORE_PASSWORD: "pw" },
    );
    expect(sub.status, sub.output).to.equal(1);
    expect(sub.output).to.match(/^error: cannot reach RPC/);
    expect(sub.output).to.not.match(/\n\s+at /);
  });
});
