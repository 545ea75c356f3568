/**
 * The main job's market chapter (src/mainjob/market.ts) on the deployed system, with the
 * custodian flow signing offline; and the crypto-holdings reading with and without attested prices.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress, encodeBytes32String, keccak256, parseEther, toUtf8Bytes } from "ethers";
import { SOM_RESERVES } from "../../src/attestation";
import { readRecords } from "../../src/chain/records";
import { collectCryptoHoldings, formatCryptoHoldings, minedBitcoinAssetParams, MarketError } from "../../src/market";
import { runMarketScenario } from "../../src/mainjob/market";
import type { CallRequest } from "../../src/chain/calls";
import { proposeSignExecute } from "../../src/custody/flow";
import { deployStablecoin } from "../../src/stablecoin/deploy";
import { ACCOUNTS, deploySystemFixture, localWallet } from "../helpers/system";

async function scenarioFixture() {
  // the shipped local config, its market included: deployed, the DistributionRule installed by the deployment
  const sys = await deploySystemFixture((c) => c);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "som-market-scenario-"));
  const lines: string[] = [];
  const custody = async (_what: string, calls: CallRequest[]): Promise<void> => {
    await proposeSignExecute({
      provider: hre.ethers.provider,
      executor: sys.signers[ACCOUNTS.custodians[2]],
      safe: sys.safe,
      records: readRecords(sys.root, "hardhat"),
      calls,
      custodians: ACCOUNTS.custodians.slice(0, 2).map(localWallet),
      dir: fs.mkdtempSync(path.join(work, "p-")),
      guard: sys.guard,
    });
  };
  await sys.attest(SOM_RESERVES, 10_000_000_00n);
  await (await sys.controller.mint(1_000_000_00n)).wait();
  const result = await runMarketScenario({
    hre,
    root: sys.root,
    network: "hardhat",
    safe: sys.safe,
    guard: sys.guard?.address,
    custody,
    valuation: sys.config.attestation.assetValuation,
    attest: async (subject, value) => {
      await sys.attest(subject, value);
    },
    narrator: {
      step: (t) => lines.push(`# ${t}`),
      say: (t) => lines.push(t),
      tx: (t) => lines.push(`tx ${t}`),
      expect: (ok, t) => {
        if (!ok) throw new Error(t);
        lines.push(`ok ${t}`);
      },
    },
  });
  return { ...sys, result, lines };
}

describe("market: main job chapter and the crypto reserve", function () {
  it("licenses, distributes, refuses the unlicensed address, settles a redemption at par, and brings mined bitcoin into the reserve", async function () {
    const f = await loadFixture(scenarioFixture);
    const text = f.lines.join("\n");
    expect(text).to.match(
      /Ala-Too Crypto Exchange \(exchange, licence NBKR-CX-2026-007 until \d{4}-\d\d-\d\d, eligible\)/,
    );
    expect(text).to.match(/is refused: DistributionRuleNotEligible/);
    expect(text).to.match(/NOT a licensed counterparty/);
    expect(f.result.redemptions.open).to.deep.equal([]);
    const token = f.result.bitcoin.token;
    expect(await token.balanceOf(f.safe)).to.equal(1_250_000_000n);
    const [uri, hash] = await token.getDocument(encodeBytes32String("BTC_AMOUNT"));
    expect(hash).to.equal(keccak256(toUtf8Bytes(f.result.bitcoin.amountDocument)));
    expect(decodeURIComponent(uri)).to.contain("12.5 BTC (1250000000 satoshis)");
    expect((await token.getDocument(encodeBytes32String("CUSTODY_PROOF")))[0]).to.match(/^https:/);
    expect(f.result.crypto.holdings[0].status).to.equal("not valued: no attested price");
    expect(readRecords(f.root, "hardhat").map((r) => r.name)).to.include.members([
      "CounterpartyRegistry",
      "RedemptionDesk",
      "DistributionRule",
      "Asset-KGBTC",
    ]);
  });

  it('crypto holdings: native coin and listed ERC-20s valued only with a fresh attested price, else "not valued"', async function () {
    const f = await loadFixture(scenarioFixture);
    const safeSigner = await f.asSafe();
    const btcb = await hre.ethers.deployContract("FalseReturningTokenMock"); // no ERC-20 metadata: refused below
    // a listed ERC-20 with metadata, deployed the one way the project deploys such a token (src/stablecoin/deploy.ts)
    const listed = await deployStablecoin(hre, f.signers[0], f.signers[0].address, 0, {
      name: "Bitcoin BEP2",
      symbol: "BTCB",
      decimals: 8,
      reserve: f.safe,
      reserveFeed: await f.registry.getAddress(),
      maxReserveAge: 172800,
    });
    const subject = keccak256(toUtf8Bytes("price:BTCB"));
    const nativeSubject = keccak256(toUtf8Bytes("price:ETH"));
    await f.registry.connect(safeSigner).configureSubject(subject, 3600, 0, ZeroAddress);
    await f.registry.connect(safeSigner).configureSubject(nativeSubject, 3600, 0, ZeroAddress);
    const base = {
      provider: hre.ethers.provider,
      safe: f.safe,
      attestation: await f.registry.getAddress(),
      nativeSymbol: "ETH",
    };
    let c = await collectCryptoHoldings({
      ...base,
      nativePriceSubject: nativeSubject,
      tokens: [{ address: await listed.getAddress(), priceSubject: subject }, { address: await listed.getAddress() }],
    });
    expect(c.holdings.map((h) => h.status)).to.deep.equal([
      "not valued: no attested price",
      "not valued: no attested price",
      "not valued: no attested price",
    ]);
    await f.attest(subject, 8_500_000_00n); // 8.5 million som per BTCB
    await f.attest(nativeSubject, 300_000_00n);
    c = await collectCryptoHoldings({
      ...base,
      nativePriceSubject: nativeSubject,
      tokens: [{ address: await listed.getAddress(), priceSubject: subject }],
    });
    const safeEth = await hre.ethers.provider.getBalance(f.safe);
    expect(c.holdings[0].valueSom).to.equal((safeEth * 300_000_00n) / parseEther("1"));
    expect(c.holdings[1].status).to.equal("valued");
    expect(c.holdings[1].valueSom).to.equal(0n);
    expect(formatCryptoHoldings(c)[1]).to.equal("0.0 BTCB: 0.0 som (attested price)");
    await time.increase(3601);
    c = await collectCryptoHoldings({
      ...base,
      tokens: [{ address: await listed.getAddress(), priceSubject: subject }],
    });
    expect(c.holdings[1].status).to.equal("not valued: price stale");
    expect(formatCryptoHoldings(c)[1]).to.equal("0.0 BTCB: not valued: price stale");
    let failed = false;
    try {
      await collectCryptoHoldings({ ...base, tokens: [{ address: await btcb.getAddress() }] });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(() =>
      minedBitcoinAssetParams(
        {
          key: "k",
          name: "n",
          symbol: "s",
          sats: 0n,
          custodian: ZeroAddress,
          custodyProof: { uri: "", hash: "" },
          valueSom: 0n,
          enforcer: ZeroAddress,
          pauser: ZeroAddress,
        },
        f.safe,
      ),
    ).to.throw(MarketError);
  });
});
