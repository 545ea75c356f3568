/**
 * The reserve report read from a real deployment on the in-process chain: its figures against the
 * chain, its warnings, and its standalone HTML page rendered in headless Chromium (Debian's
 * `chromium`, driven by playwright-core; no browser download). Outside CI a missing Chromium skips
 * the browser test with a message; inside CI (CI=true) it fails.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { assetIdFrom } from "../../src/assets/ids";
import { SOM_RESERVES } from "../../src/attestation";
import { syncAssetRecords } from "../../src/deploy/assets";
import { renderHtml } from "../../src/report/render";
import { writeReserveReport } from "../../src/report/run";
import { deploySystemFixture } from "../helpers/system";

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

async function reportFixture() {
  const sys = await deploySystemFixture();
  const { root, deployed, coin, controller, registry, attest, createAssetAsSafe } = sys;
  await attest(SOM_RESERVES, 2_000_000_00n);
  await (await controller.mint(1_500_000_00n)).wait();
  const token = await createAssetAsSafe("cadastral:report-test-1", "Report Test Building", "RTB", 1000n);
  await attest(assetIdFrom("cadastral:report-test-1"), 800_000_000_00n);
  await (await token.mint(1000n)).wait();
  await syncAssetRecords({ provider: hre.ethers.provider, root, network: "hardhat", assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi });
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [deployed.safe]);
  return { root, deployed, coin, token, registry, attest };
}

async function report(root: string) {
  return writeReserveReport({
    provider: hre.ethers.provider,
    network: "hardhat",
    root,
    outDir: path.join(root, "reports"),
    assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
  });
}

describe("report: the reserve report", function () {
  it("states supply, attested reserves, coverage, Safe and holdings as the chain has them", async function () {
    const { root, deployed, coin } = await loadFixture(reportFixture);
    const out = await report(root);
    const r = out.report;
    expect(r.stablecoin.totalSupply.raw).to.equal((await coin.totalSupply()).toString());
    expect(r.stablecoin.totalSupply.formatted).to.equal("1,500,000.00 KGSC");
    expect(r.reserves.value.formatted).to.equal("2,000,000.00 som");
    expect(r.reserves.fresh).to.equal(true);
    expect(r.reserves.coverageRatio).to.be.closeTo(4 / 3, 1e-6);
    expect(r.safe.address).to.equal(deployed.safe);
    expect(r.safe.threshold).to.equal(2);
    expect(r.safe.owners).to.have.length(3);
    expect(r.holdings.stablecoin.balance.formatted).to.equal("1,500,000.00 KGSC");
    expect(r.holdings.assets).to.have.length(1);
    expect(r.holdings.assets[0].valueHeld.formatted).to.equal("800,000,000.00 som");
    expect(r.holdings.totalValueSom.formatted).to.equal("801,500,000.00 som");
    expect(r.warnings).to.deep.equal([]);
    expect(JSON.parse(fs.readFileSync(out.jsonFile, "utf8"))).to.deep.equal(JSON.parse(JSON.stringify(r)));
    expect(out.text).to.contain("coverage          133.33%");
  });

  it("warns about a stale report, supply above reserves, paused contracts and expired valuations", async function () {
    const { root, coin } = await loadFixture(reportFixture);
    await time.increase(400 * 86400);
    const signers = await hre.ethers.getSigners();
    await (await coin.connect(signers[8]).pause()).wait();
    const r = (await report(root)).report;
    expect(r.reserves.fresh).to.equal(false);
    expect(r.warnings.join("\n")).to.match(/som reserve report .* is stale/).and.match(/KGSC is paused/).and.match(/RTB: valuation .* has expired/);
  });

  it("warns when the supply is above the attested reserves", async function () {
    const { root, attest } = await loadFixture(reportFixture);
    await time.increase(60);
    await attest(SOM_RESERVES, 1_000_000_00n, [4, 6], 1n);
    const r = (await report(root)).report;
    expect(r.warnings.join("\n")).to.contain("supply is ABOVE the attested som reserves");
    expect(r.reserves.coverageRatio).to.be.closeTo(2 / 3, 1e-6);
    expect(renderHtml(r)).to.contain('<b class="bad" data-testid="coverage">66.67%</b>');
  });

  it("renders a standalone HTML page whose figures match the chain (headless Chromium)", async function () {
    const chromium = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
    if (!chromium) {
      if (process.env.CI === "true") throw new Error("Chromium is required in CI: apt-get install -y chromium");
      console.log("      (skipped: no Chromium found; install it with `sudo apt-get install -y chromium`)");
      this.skip();
    }
    const { root, coin, token, deployed } = await loadFixture(reportFixture);
    const out = await report(root);
    const html = fs.readFileSync(out.htmlFile, "utf8");
    expect(html).to.not.match(/<script|<link|src=|url\(/i);
    const { chromium: pw } = await import("playwright-core");
    const browser = await pw.launch({
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (req) => requests.push(req.url()));
      await page.goto(`file://${out.htmlFile}`);
      const text = async (id: string): Promise<string> => (await page.getByTestId(id).innerText()).trim();
      const supply = await coin.totalSupply();
      expect(await text("supply")).to.equal(`${(Number(supply) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })} KGSC`);
      expect(await text("reserves")).to.equal("2,000,000.00 som");
      expect(await text("coverage")).to.equal("133.33%");
      expect(await text("safe-address")).to.equal(deployed.safe);
      expect(await text("safe-threshold")).to.equal("2 of 3");
      expect(await text("holding-stablecoin-balance")).to.equal(`${(Number(await coin.balanceOf(deployed.safe)) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })} KGSC`);
      expect(await text("asset-RTB-shares")).to.equal(`${(await token.balanceOf(deployed.safe)).toLocaleString("en-US")} shares / 1,000 shares`);
      expect(await text("total-value")).to.equal("801,500,000.00 som");
      expect(await page.getByTestId("no-warnings").count()).to.equal(1);
      expect(requests.filter((u) => !u.startsWith("file://"))).to.deep.equal([]);
      await page.screenshot({ path: path.join(root, "reports", "reserve-report.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
