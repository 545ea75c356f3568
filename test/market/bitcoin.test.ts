/**
 * `npm run reserve:bitcoin` (the deploy example of docs/market.md): the position file reader and the
 * command's refusals. The whole three-step flow on a hardhat node runs in the docs test (docs/market.md).
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  MarketError,
  minedBitcoinCreateCalls,
  minedBitcoinMintCalls,
  minedBitcoinValuation,
  readMinedBitcoinPosition,
} from "../../src/market";
import { SchemaError } from "../../src/chain/schema";
import { PROJECT_ROOT } from "../helpers/cli";

const EXAMPLE = path.join(PROJECT_ROOT, "deploy", "examples", "mined-bitcoin.json");

function withPosition(edit: (o: Record<string, unknown>) => void): string {
  const o = JSON.parse(fs.readFileSync(EXAMPLE, "utf8")) as Record<string, unknown>;
  edit(o);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "som-btc-")), "position.json");
  fs.writeFileSync(file, JSON.stringify(o, null, 2));
  return file;
}

describe("market: the mined-bitcoin deploy example (reserve:bitcoin)", function () {
  it("reads the example position: satoshis from BTC, som in the registry's decimals; the three steps' calls", function () {
    const p = readMinedBitcoinPosition(EXAMPLE, 2);
    expect(p.sats).to.equal(325_000_000n);
    expect(p.valueSom).to.equal(27_625_000_00n);
    const safe = "0x9481e407Af36f5F6C6e518fe6BfAA8FEB8209381";
    expect(minedBitcoinCreateCalls(p, safe, { maxAge: 86400, maxChangeBps: 0 }).map((c) => c.action)).to.deep.equal([
      "createAsset",
      "configureSubject",
    ]);
    expect(minedBitcoinMintCalls(p).map((c) => [c.action, c.contract, (c.args as unknown[])[0]])).to.deep.equal([
      ["setDocument", "Asset-KGBTCX", "BTC_AMOUNT"],
      ["setDocument", "Asset-KGBTCX", "CUSTODY_PROOF"],
      ["mint", "Asset-KGBTCX", "3.25"],
    ]);
    expect(minedBitcoinValuation(p).document).to.equal(
      `valuation of 3.25 BTC (325000000 satoshis) of state-mined bitcoin held by ${p.custodian} for the reserve, ` +
        `asset custody:NBKR-BTC-EXAMPLE-2026-12`,
    );
  });

  it("refuses a bad position with the file, the line and the field", function () {
    expect(() =>
      readMinedBitcoinPosition(
        withPosition((o) => (o.btc = "3.123456789")),
        2,
      ),
    ).to.throw(SchemaError, /:5: btc: expected an amount of BTC with at most 8 decimals/);
    expect(() =>
      readMinedBitcoinPosition(
        withPosition((o) => (o.custodain = o.custodian)),
        2,
      ),
    ).to.throw(SchemaError, /custodain: unknown field \(did you mean "custodian"\?\)/);
    expect(() =>
      readMinedBitcoinPosition(
        withPosition((o) => (o.btc = "0")),
        2,
      ),
    ).to.throw(MarketError, "btc: a position needs a positive amount");
    expect(() =>
      readMinedBitcoinPosition(
        withPosition((o) => (o.valueSom = "1.234")),
        2,
      ),
    ).to.throw(MarketError, "valueSom: at most 2 decimals");
    expect(() =>
      readMinedBitcoinPosition(
        withPosition((o) => (o.symbol = "kg btc")),
        2,
      ),
    ).to.throw(SchemaError, /symbol: expected 1 to 11 capital letters or digits/);
  });

  it("the command: --help, and a wrong step or a missing option is one line, exit 1, before any network access", function () {
    const run = (args: string[]) =>
      spawnSync("npm", ["run", "-s", "reserve:bitcoin", "--", ...args], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        encoding: "utf8",
        timeout: 120_000,
      });
    const help = run(["--help"]);
    expect(help.status).to.equal(0);
    expect(help.stdout).to.contain("--step create").and.contain("--step valuation").and.contain("--step mint");
    const bad = run(["--network", "sepolia", "--position", EXAMPLE, "--step", "burn", "--out", "x.json"]);
    expect(bad.status).to.equal(1);
    expect(bad.stderr.trim()).to.equal('error: --step must be one of create, valuation, mint, got "burn"');
    const missing = run(["--network", "sepolia", "--position", EXAMPLE, "--out", "x.json"]);
    expect(missing.status).to.equal(1);
    expect(missing.stderr.trim().split("\n")).to.have.length(1);
    expect(missing.stderr).to.contain("--step");
  });
});
