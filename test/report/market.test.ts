/**
 * The primary market's report sections (issue 18) through REPORT_SECTIONS, on the report fixture plus the
 * market deployed by src/market/deploy.ts and recorded: open redemption requests with deadlines, overdue
 * ones flagged; the reserve Safe's native coin and listed ERC-20s (otherReserveTokens), valued only with a
 * fresh attested price. Both sections appear only when the market's records exist.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress, formatUnits, parseEther } from "ethers";
import { deployMarket } from "../../src/market/deploy";
import { licenseCounterparty } from "../../src/market/counterparties";
import { writeMarketRecords } from "../../src/market/records";
import { burnReferenceOf, requestRedemption, settleRedemption } from "../../src/market/redemptions";
import { CRYPTO_COLUMNS, MARKET_SECTION_IDS, REDEMPTION_COLUMNS, priceSubjectOf } from "../../src/report/market";
import { renderHtml, renderText } from "../../src/report/render";
import { writeReserveReport } from "../../src/report/run";
import type { ExtraSection } from "../../src/report/model";
import { licenceFor } from "../market/fixture";
import { K, reportFixture, runOptions } from "./fixture";

const REGULATOR = 14;
const EXCHANGE = 15;

async function marketReportFixture() {
  const sys = await reportFixture();
  const { signers, coin, root, registry, asSafe, safe } = sys;
  const market = await deployMarket(hre, {
    deployer: signers[0],
    token: await coin.getAddress(),
    reserve: safe,
    regulator: signers[REGULATOR].address,
    adminDelay: 0,
  });
  const desk = await market.desk.getAddress();
  const asReserve = await asSafe();
  await (await coin.connect(asReserve).grantRole(await coin.BURNER_ROLE(), desk)).wait();
  await licenseCounterparty(
    market.registry.connect(signers[REGULATOR]),
    signers[EXCHANGE].address,
    await licenceFor("Ala-Too Exchange"),
  );
  await (await coin.connect(asReserve).transfer(signers[EXCHANGE].address, K(100_000n))).wait();
  // a listed ERC-20 the Safe holds (2.5 tokens, 18 decimals), and the price subjects of it and of the native coin
  const stray = await hre.ethers.deployContract("RescuableTokenMock");
  await (await stray.mint(safe, parseEther("2.5"))).wait();
  const strayAddress = await stray.getAddress();
  for (const s of [priceSubjectOf(strayAddress), priceSubjectOf("native")])
    await (await registry.connect(asReserve).configureSubject(s, 7 * 86400, 0, ZeroAddress)).wait();
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [safe]);
  // requests: A becomes overdue, C is settled, B is open
  const window = Number(await market.desk.settlementWindow());
  const deskAsExchange = market.desk.connect(signers[EXCHANGE]);
  const token = coin.connect(signers[EXCHANGE]);
  const a = await requestRedemption(deskAsExchange, token, K(10_000n), "KG12 3456 7890");
  await time.increase(window + 60);
  const c = await requestRedemption(deskAsExchange, token, K(5_000n), "KG98 7654 3210");
  const beforeSettlement = await hre.ethers.provider.getBlockNumber();
  const safeSigner = await asSafe();
  await settleRedemption(market.desk.connect(safeSigner), c.id);
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [safe]);
  // at most 2 open per requester
  const b = await requestRedemption(deskAsExchange, token, K(20_000n), "KG12 3456 7890");
  const config = { ...sys.config, otherReserveTokens: [strayAddress] };
  return {
    ...sys,
    config,
    market,
    stray: strayAddress,
    ids: { a: a.id, b: b.id, c: c.id },
    beforeSettlement,
    recordsWritten: async () =>
      writeMarketRecords({
        provider: hre.ethers.provider,
        root,
        network: "hardhat",
        market,
        compiler: "test",
        gitCommit: "test",
      }),
  };
}

function section(sections: readonly ExtraSection[], id: string): ExtraSection {
  const s = sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id} in ${sections.map((x) => x.id).join(", ")}`);
  return s;
}

describe("report: primary market sections (redemption requests, the Safe's crypto holdings)", function () {
  it("appear only when the market's records exist", async function () {
    const f = await loadFixture(marketReportFixture);
    for (const name of ["CounterpartyRegistry", "RedemptionDesk", "DistributionRule"])
      fs.rmSync(path.join(f.root, "deployments", "hardhat", `${name}.json`), { force: true });
    const without = (await writeReserveReport(runOptions(f.root, f.config, { noCache: true }))).report;
    expect(without.sections).to.deep.equal([]);
    await f.recordsWritten();
    const withMarket = (await writeReserveReport(runOptions(f.root, f.config, { noCache: true }))).report;
    expect(withMarket.sections.map((s) => s.id)).to.deep.equal([
      MARKET_SECTION_IDS.redemptions,
      MARKET_SECTION_IDS.crypto,
    ]);
  });

  it("lists open redemption requests with their deadlines, flags the overdue one and warns; settled ones are gone; read at the report's block", async function () {
    const f = await loadFixture(marketReportFixture);
    await f.recordsWritten();
    const r = (await writeReserveReport(runOptions(f.root, f.config))).report;
    const s = section(r.sections, MARKET_SECTION_IDS.redemptions);
    expect(s.columns).to.deep.equal([...REDEMPTION_COLUMNS]);
    expect(s.blockNumber).to.equal(r.asOf.blockNumber);
    expect(s.rows.map((row) => row[0])).to.deep.equal([burnReferenceOf(f.ids.a), burnReferenceOf(f.ids.b)]);
    for (const [i, id] of [f.ids.a, f.ids.b].entries()) {
      const [requester, amount, deadline, open] = await f.market.desk.request(id);
      expect(open).to.equal(true);
      expect(s.rows[i][1]).to.equal(`${requester} Ala-Too Exchange (exchange, licence NBKR-ALA-01)`);
      expect(s.rows[i][2]).to.equal(amount === K(10_000n) ? "10,000.00 KGSC" : "20,000.00 KGSC");
      expect(s.rows[i][3]).to.equal("KG12 3456 7890");
      expect(s.rows[i][5]).to.equal(new Date(Number(deadline) * 1000).toISOString().replace(".000Z", "Z"));
    }
    expect(s.rows[0][6]).to.match(/^OVERDUE by /);
    expect(s.rows[1][6]).to.match(/^open, .* left$/);
    expect(s.description).to.contain("2 open (30,000.00 KGSC in escrow), 1 overdue");
    expect(s.warnings).to.deep.equal([
      `1 redemption request is OVERDUE at block ${r.asOf.blockNumber} (10,000.00 KGSC past the settlement deadline)`,
    ]);
    expect(r.warnings).to.include(s.warnings[0]);
    // at a block before the settlement, the settled request C is still open
    const earlier = (
      await writeReserveReport(
        runOptions(f.root, f.config, {
          noCache: true,
          collect: { blockTag: f.beforeSettlement, now: () => new Date("2030-01-02T03:04:05Z") },
        }),
      )
    ).report;
    expect(section(earlier.sections, MARKET_SECTION_IDS.redemptions).rows.map((row) => row[0])).to.deep.equal([
      burnReferenceOf(f.ids.a),
      burnReferenceOf(f.ids.c),
    ]);
    const html = renderHtml(r);
    expect(html).to.contain('<h2 id="section-redemptions">Redemption requests</h2>').and.contain("OVERDUE by ");
    expect(renderText(r)).to.contain("OVERDUE");
  });

  it('shows the Safe\'s native coin and listed ERC-20s, valued only where a fresh attested price exists, "not valued" otherwise', async function () {
    const f = await loadFixture(marketReportFixture);
    await f.recordsWritten();
    const unpriced = (await writeReserveReport(runOptions(f.root, f.config))).report;
    const first = section(unpriced.sections, MARKET_SECTION_IDS.crypto);
    expect(unpriced.otherTokens.map((x) => [x.symbol, x.attestedPrice])).to.deep.equal([["STRAY", false]]);
    expect(unpriced.warnings).to.include("STRAY: no som price on chain; listed, not counted as backing");
    expect(first.columns).to.deep.equal([...CRYPTO_COLUMNS]);
    expect(first.rows.map((row) => [row[0], row[3], row[4]])).to.deep.equal([
      ["ETH (native coin)", "not valued", "no attested price"],
      ["STRAY", "not valued", "no attested price"],
    ]);
    expect(first.rows[1][1]).to.equal(f.stray);
    expect(first.rows[1][2]).to.equal("2.5 STRAY");
    // a price for the ERC-20 only: 1,000.00 som per token -> 2,500.00 som; the native coin stays "not valued"
    await f.attest(priceSubjectOf(f.stray), K(1_000n));
    const r = (await writeReserveReport(runOptions(f.root, f.config))).report;
    const priced = section(r.sections, MARKET_SECTION_IDS.crypto);
    expect(priced.rows[1][3]).to.equal("2500.0 som");
    expect(priced.rows[1][4]).to.equal("attested");
    expect(priced.rows[0][3]).to.equal("not valued");
    expect(priced.description).to.contain("Valued total: 2500.0 som");
    // the other-tokens list agrees: an attested price, no "no som price" warning, still not backing
    expect(r.otherTokens.map((x) => [x.symbol, x.attestedPrice])).to.deep.equal([["STRAY", true]]);
    expect(r.warnings.filter((w) => w.startsWith("STRAY"))).to.deep.equal([]);
    expect(renderHtml(r)).to.contain("attested som price: valued in the crypto holdings section, not backing");
    expect(r.backing.attestedReserves).to.deep.equal(unpriced.backing.attestedReserves);
    // the native coin priced too: balance at the report's block x price
    await f.attest(priceSubjectOf("native"), K(300_000n));
    const both = (await writeReserveReport(runOptions(f.root, f.config))).report;
    const native = await hre.ethers.provider.getBalance(f.safe, both.asOf.blockNumber);
    expect(section(both.sections, MARKET_SECTION_IDS.crypto).rows[0][3]).to.equal(
      `${formatUnits((native * K(300_000n)) / 10n ** 18n, 2)} som`,
    );
    // a stale price is "not valued" again
    await time.increase(8 * 86400);
    const stale = section(
      (await writeReserveReport(runOptions(f.root, f.config))).report.sections,
      MARKET_SECTION_IDS.crypto,
    );
    expect(stale.rows.map((row) => [row[3], row[4]])).to.deep.equal([
      ["not valued", "price stale"],
      ["not valued", "price stale"],
    ]);
    expect(renderHtml(both)).to.contain('<h2 id="section-crypto-holdings">');
  });

  it("documents the sections' ids and columns, and every field of a section (docs/report.md)", async function () {
    const f = await loadFixture(marketReportFixture);
    await f.recordsWritten();
    const r = (await writeReserveReport(runOptions(f.root, f.config))).report;
    const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "report.md"), "utf8");
    const missingKeys = r.sections
      .flatMap((s) => Object.keys(s))
      .filter((k) => !new RegExp(`[\`{ ,(]${k}[\`?]?[ },?)]`).test(doc));
    expect(missingKeys).to.deep.equal([]);
    for (const id of Object.values(MARKET_SECTION_IDS)) expect(doc).to.contain(`\`${id}\``);
    for (const c of [...REDEMPTION_COLUMNS, ...CRYPTO_COLUMNS]) expect(doc, c).to.contain(`\`${c}\``);
  });
});
