/**
 * The standalone HTML page of the reserve report rendered in headless Chromium (Debian's `chromium`,
 * driven by playwright-core; no browser download): its figures and every point of its chart are
 * checked against the chain, it loads nothing from the network, and it passes basic accessibility
 * checks (lang, one h1 and ordered headings, table headers, text contrast ≥ 4.5:1).
 * Outside CI a missing Chromium skips the test with a message; inside CI (CI=true) it fails.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { SOM_RESERVES } from "../../src/attestation";
import { writeReserveReport } from "../../src/report/run";
import { reportFixture, runOptions } from "./fixture";

interface A11y {
  lang: string;
  title: string;
  h1: number;
  skipped: boolean;
  tablesWithoutHeaders: number;
  tablesWithoutCaption: number;
  svgLabelled: string;
  lowContrast: string[];
}

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

const fmt = (raw: bigint, symbol: string): string => `${(Number(raw) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${symbol}`;
const pct = (a: bigint, b: bigint): string => `${((Number(a) / Number(b)) * 100).toFixed(2)}%`;

describe("report: the HTML page in headless Chromium", function () {
  it("shows the chain's figures and chart points, loads nothing external, and is accessible", async function () {
    const chromium = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
    if (!chromium) {
      if (process.env.CI === "true") throw new Error("Chromium is required in CI: apt-get install -y chromium");
      console.log("      (skipped: no Chromium found; install it with `sudo apt-get install -y chromium`)");
      this.skip();
    }
    const { root, config, coin, registry, token, deployed } = await loadFixture(reportFixture);
    const out = await writeReserveReport(runOptions(root, config));
    const block = out.report.asOf.blockNumber;
    const html = fs.readFileSync(out.htmlFile, "utf8");
    expect(html).to.not.match(/<script|<link|src=|url\(|@import|@font-face/i);
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
      const text = async (id: string): Promise<string> => (await page.getByTestId(id).first().innerText()).trim();

      // Figures against the chain at the report's block.
      const at = { blockTag: block };
      const supply = await coin.totalSupply(at);
      const held = await coin.balanceOf(deployed.safe, at);
      const [reserves] = await registry.latestReport(SOM_RESERVES, at);
      expect(await text("block-number")).to.equal(String(block));
      expect(await text("supply-total")).to.equal(fmt(supply, "KGSC"));
      expect(await text("supply-undistributed")).to.equal(fmt(held, "KGSC"));
      expect(await text("supply-circulating")).to.equal(fmt(supply - held, "KGSC"));
      expect(await text("kpi-circulating")).to.equal(fmt(supply - held, "KGSC"));
      expect(await text("reserves")).to.equal(fmt(reserves, "som"));
      expect(await text("kpi-coverage-circulating")).to.equal(pct(reserves, supply - held));
      expect(await text("coverage-total")).to.equal(pct(reserves, supply));
      expect(await text("safe-address")).to.equal(deployed.safe);
      expect(await text("safe-threshold")).to.equal("2 of 3");
      expect(await text("asset-RTB-shares")).to.equal(`${(await token.balanceOf(deployed.safe, at)).toLocaleString("en-US")} shares / 1,000 shares`);
      expect(await text("generated-at")).to.equal("2030-01-02T03:04:05.000Z");
      expect(await page.getByTestId("report-round-3").count()).to.equal(1);
      expect(await text("reserves-signers")).to.contain("approved on chain");
      expect(await page.getByTestId("no-warnings").count()).to.equal(1);

      // Every chart point against the chain at its block, and drawn where its value says.
      const svg = page.getByTestId("chart");
      const yMax = Number(await svg.getAttribute("data-y-max"));
      const top = Number(await svg.getAttribute("data-plot-top"));
      const height = Number(await svg.getAttribute("data-plot-height"));
      const points = await page.getByTestId("chart-point").evaluateAll((els) =>
        els.map((e) => ({
          block: Number(e.getAttribute("data-block")),
          reserves: e.getAttribute("data-reserves") ?? "",
          circulating: e.getAttribute("data-circulating") ?? "",
          rY: Number(e.querySelector(".pt-reserves")?.getAttribute("y")) + 2.5,
          cY: Number(e.querySelector(".pt-circulating")?.getAttribute("cy")),
        })),
      );
      expect(points.length).to.equal(out.report.history.series.length).and.to.be.greaterThan(5);
      expect(points[points.length - 1].block).to.equal(block);
      for (const p of points) {
        const s = await coin.totalSupply({ blockTag: p.block });
        const h = await coin.balanceOf(deployed.safe, { blockTag: p.block });
        const [r] = await registry.latestReport(SOM_RESERVES, { blockTag: p.block });
        expect(p.circulating, `circulating at block ${p.block}`).to.equal((s - h).toString());
        expect(p.reserves, `reserves at block ${p.block}`).to.equal(r.toString());
        expect(p.cY).to.be.closeTo(top + height * (1 - Number(s - h) / 100 / yMax), 0.05);
        expect(p.rY).to.be.closeTo(top + height * (1 - Number(r) / 100 / yMax), 0.05);
      }
      expect(requests.filter((u) => !u.startsWith("file://"))).to.deep.equal([]);

      // Accessibility basics.
      // A plain-JS string: runs in the page (the project's TypeScript has no DOM types).
      const a11y = (await page.evaluate(`(() => {
        const lum = (rgb) => {
          const c = rgb.map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        };
        const parse = (s) => (s.match(/[\d.]+/g) ?? []).map(Number);
        const bg = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const lowContrast = [];
        for (const el of Array.from(document.querySelectorAll("body *"))) {
          const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? "").trim() !== "");
          if (!own || el.closest("svg")) continue;
          const fg = parse(getComputedStyle(el).color).slice(0, 3);
          const [l1, l2] = [lum(fg), lum(bg(el))].sort((x, y) => y - x);
          const ratio = (l1 + 0.05) / (l2 + 0.05);
          if (ratio < 4.5) lowContrast.push(\`\${el.tagName} "\${(el.textContent ?? "").trim().slice(0, 40)}" \${ratio.toFixed(2)}\`);
        }
        const levels = Array.from(document.querySelectorAll("h1,h2,h3,h4")).map((h) => Number(h.tagName[1]));
        const skipped = levels.some((l, i) => i > 0 && l > levels[i - 1] + 1);
        const tables = Array.from(document.querySelectorAll("table"));
        return {
          lang: document.documentElement.lang,
          title: document.title,
          h1: document.querySelectorAll("h1").length,
          skipped,
          tablesWithoutHeaders: tables.filter((t) => t.querySelectorAll("thead th[scope=col]").length === 0).length,
          tablesWithoutCaption: tables.filter((t) => !t.querySelector("caption")).length,
          svgLabelled: document.querySelector("svg[role=img]")?.getAttribute("aria-labelledby") ?? "",
          lowContrast,
        };
      })()`)) as A11y;
      expect(a11y.lang).to.equal("en");
      expect(a11y.title).to.contain("Reserve report");
      expect(a11y.h1).to.equal(1);
      expect(a11y.skipped).to.equal(false);
      expect(a11y.tablesWithoutHeaders).to.equal(0);
      expect(a11y.tablesWithoutCaption).to.equal(0);
      expect(a11y.svgLabelled).to.equal("chart-title chart-desc");
      expect(a11y.lowContrast).to.deep.equal([]);

      // Printable: the print stylesheet applies and the chart keeps its two line styles.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("svg path[stroke-dasharray]").count()).to.equal(1);
      await page.pdf({ path: path.join(root, "reports", "reserve-report.pdf") });
      await page.emulateMedia({ media: "screen" });
      await page.screenshot({ path: path.join(root, "reports", "reserve-report.png"), fullPage: true });
    } finally {
      await browser.close();
    }
    expect(hre.network.name).to.equal("hardhat");
  });
});
