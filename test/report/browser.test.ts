/**
 * The standalone HTML page of the reserve report rendered in headless Chromium (Debian's `chromium`,
 * driven by playwright-core; no browser download): its figures and every point of its chart are
 * checked against the chain, it loads nothing from the network, and it passes basic accessibility
 * checks (lang, one h1 and ordered headings, table headers, text contrast ≥ 4.5:1). On a phone
 * (390×844) and a laptop (1,280×800), and at widths from 360 to 1,440 pixels, nothing is wider than
 * the viewport, the headline figures and the rows of the supply and backing tables sit inside it, no
 * figure wraps, and the chart's time axis has distinct labels of a readable size; the screenshots
 * and the A4 print go to reports/browser/ for review.
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

interface Layout {
  vw: number;
  scrollWidth: number;
  widest: number;
  wider: string[];
  figures: { id: string; inside: boolean; lines: number }[];
  wrapped: string[];
  rows: { table: string; head: string; inside: boolean }[];
  chart: string;
  ticks: string[];
  tickPx: number;
  ticksOutside: string[];
}

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Screenshots and the print, for review (reports/ is not committed; README shows docs/img/report-390.png). */
const REVIEW_DIR = path.join(__dirname, "..", "..", "reports", "browser");

/** The headline figures: the key figures on top and the supply and backing figures. */
const HEADLINE = [
  "kpi-circulating",
  "kpi-reserves",
  "kpi-coverage-circulating",
  "kpi-coverage-total",
  "supply-total",
  "supply-undistributed",
  "supply-circulating",
  "reserves",
  "coverage-circulating",
  "coverage-total",
];

/**
 * Measures the page at its current viewport (a plain-JS string: it runs in the page, and the
 * project's TypeScript has no DOM types). Elements inside a visually hidden 1×1 box (the chart's data
 * table for screen readers, a table's header row when its rows are blocks) are not on screen. A trailing
 * backslash continues a long line (adds nothing to the string).
 */
const MEASURE = `((ids) => {
  const vw = document.documentElement.clientWidth;
  const hidden = (el) => {
    for (let a = el; a; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1 && getComputedStyle(a).overflow === "hidden") return true;
    }
    return false;
  };
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const inside = (el) => { const r = el.getBoundingClientRect();\
 return shown(el) && r.left >= -0.5 && r.right <= vw + 0.5; };
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set(Array.from(range.getClientRects()).filter((q) => q.width > 0).map((q) => Math.round(q.top))).size;
  };
  const name = (el) => el.tagName + (el.dataset.testid ? "#" + el.dataset.testid : "")\
 + (el.className && typeof el.className === "string" ? "." + el.className : "");
  const wider = [];
  let widest = 0;
  for (const el of Array.from(document.querySelectorAll("body, body *"))) {
    if (!shown(el) || hidden(el)) continue;
    const r = el.getBoundingClientRect();
    if (el !== document.body) widest = Math.max(widest, r.right);
    if (r.left < -0.5 || r.right > vw + 0.5)\
 wider.push(name(el) + " " + Math.round(r.left) + ".." + Math.round(r.right));
  }
  const figures = ids.map((id) => {
    const el = document.querySelector('[data-testid="' + id + '"]');
    const number = el && !el.classList.contains("fig") ? el.querySelector(".fig") || el : el;
    return { id, inside: !!el && inside(el), lines: number ? lines(number) : 0 };
  });
  const wrapped = Array.from(document.querySelectorAll(".fig"))\
.filter((el) => shown(el) && !hidden(el) && lines(el) > 1).map((el) => el.textContent);
  const rows = Array.from(document.querySelectorAll("[data-testid=supply-table] tbody tr,\
 [data-testid=backing-table] tbody tr")).map((tr) => ({
    table: tr.closest("table").dataset.testid,
    head: (tr.querySelector("th") ? tr.querySelector("th").textContent : "").trim(),
    inside: inside(tr),
  }));
  const svg = Array.from(document.querySelectorAll("figure svg")).find(shown);
  const box = svg ? svg.getBoundingClientRect() : null;
  const ticks = svg ? Array.from(svg.querySelectorAll(".x-tick")) : [];
  return {
    vw,
    scrollWidth: document.documentElement.scrollWidth,
    widest: Math.ceil(widest),
    wider: wider.slice(0, 20),
    figures,
    wrapped,
    rows,
    chart: svg ? svg.dataset.testid : "",
    ticks: ticks.map((t) => t.textContent),
    tickPx: svg ?\
 (box.width / svg.viewBox.baseVal.width) * Number(ticks[0] ? ticks[0].getAttribute("font-size") : 0) : 0,
    ticksOutside: ticks.filter((t) => { const r = t.getBoundingClientRect();\
 return r.left < box.left - 0.5 || r.right > box.right + 0.5; }).map((t) => t.textContent),
  };
})`;

const fmt = (raw: bigint, symbol: string): string =>
  `${(Number(raw) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${symbol}`;
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
    const browser = await pw.launch({ executablePath: chromium, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
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
      // Addresses show short with the full one a tap away (in the <details>, textContent while closed).
      expect(await page.getByTestId("safe-address").textContent()).to.equal(deployed.safe);
      expect(await text("safe-threshold")).to.equal("2 of 3");
      expect(await text("asset-RTB-shares")).to.equal(
        `${(await token.balanceOf(deployed.safe, at)).toLocaleString("en-US")} shares / 1,000 shares`,
      );
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
      // A plain-JS string: runs in the page (the project's TypeScript has no DOM types). A trailing backslash continues
      // a long line (adds nothing to the string).
      // `\\d` in this template literal reaches the page as `\d`; a colour that does not parse counts as low contrast
      // (the check fails closed: a NaN ratio is below nothing).
      const a11y = (await page.evaluate(`(() => {
        const lum = (rgb) => {
          const c = rgb.map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        };
        const parse = (s) => (s.match(/[\\d.]+/g) ?? []).map(Number);
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
          if (!(ratio >= 4.5))\
 lowContrast.push(\`\${el.tagName} "\${(el.textContent ?? "").trim().slice(0, 40)}" \${ratio.toFixed(2)}\`);
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

      // Printable: the print stylesheet applies, one chart (the wide one) with its two line styles, A4.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("figure svg:visible").count()).to.equal(1);
      expect(await page.locator("figure svg:visible path[stroke-dasharray]").count()).to.equal(1);
      fs.mkdirSync(REVIEW_DIR, { recursive: true });
      await page.pdf({ path: path.join(REVIEW_DIR, "reserve-report.pdf"), format: "A4", preferCSSPageSize: true });
      await page.emulateMedia({ media: "screen" });
    } finally {
      await browser.close();
    }
    expect(hre.network.name).to.equal("hardhat");
  });

  it("reads on a phone and a laptop: nothing wider than the screen, every headline figure and supply and backing row inside it, a time axis that fits", async function () {
    const chromium = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
    if (!chromium) {
      if (process.env.CI === "true") throw new Error("Chromium is required in CI: apt-get install -y chromium");
      console.log("      (skipped: no Chromium found; install it with `sudo apt-get install -y chromium`)");
      this.skip();
    }
    const { root, config } = await loadFixture(reportFixture);
    const out = await writeReserveReport(runOptions(root, config));
    const { chromium: pw } = await import("playwright-core");
    const browser = await pw.launch({ executablePath: chromium, args: ARGS });
    fs.mkdirSync(REVIEW_DIR, { recursive: true });
    const measured: string[] = [];
    try {
      for (const [width, height] of [
        [390, 844],
        [1280, 800],
        [360, 740],
        [768, 1024],
        [1024, 768],
        [1440, 900],
      ]) {
        const page = await browser.newPage({ viewport: { width, height } });
        await page.goto(`file://${out.htmlFile}`);
        const m = (await page.evaluate(`${MEASURE}(${JSON.stringify(HEADLINE)})`)) as Layout;
        const at = `at ${width}×${height}`;
        expect(m.vw, at).to.equal(width);
        expect(m.wider, `${at}: elements wider than the viewport`).to.deep.equal([]);
        expect(m.scrollWidth, `${at}: the page scrolls sideways`).to.equal(width);
        for (const f of m.figures) {
          expect(f.inside, `${at}: ${f.id} inside the viewport`).to.equal(true);
          expect(f.lines, `${at}: ${f.id}'s number on one line`).to.equal(1);
        }
        expect(m.wrapped, `${at}: figures wrapped`).to.deep.equal([]);
        expect(m.rows.filter((r) => r.table === "supply-table")).to.have.length(3);
        expect(m.rows.filter((r) => r.table === "backing-table")).to.have.length(7);
        for (const r of m.rows)
          expect(r.inside, `${at}: ${r.table} row "${r.head}" inside the viewport`).to.equal(true);
        // The fixture spans a day and an hour: times of day, and the new day named by its date.
        expect(m.chart, at).to.equal(width < 768 ? "chart-narrow" : "chart");
        expect(m.ticks.length, at).to.be.at.least(3);
        expect(new Set(m.ticks).size, `${at}: axis labels ${m.ticks.join(", ")}`).to.be.greaterThan(1);
        expect(
          m.ticks.some((t) => /^[A-Z][a-z]{2} \d{1,2}$/.test(t)) && m.ticks.some((t) => /^\d\d:\d\d$/.test(t)),
          m.ticks.join(", "),
        ).to.equal(true);
        expect(m.ticksOutside, at).to.deep.equal([]);
        expect(m.tickPx, `${at}: axis label size in pixels`).to.be.at.least(10.5);
        if ((width === 390 && height === 844) || (width === 1280 && height === 800)) {
          await page.screenshot({ path: path.join(REVIEW_DIR, `report-${width}x${height}.png`) });
          await page.screenshot({ path: path.join(REVIEW_DIR, `report-${width}x${height}-full.png`), fullPage: true });
          await page.evaluate('document.getElementById("supply").scrollIntoView()');
          await page.screenshot({ path: path.join(REVIEW_DIR, `report-${width}x${height}-backing.png`) });
        }
        measured.push(
          `${width}×${height}: rightmost element edge ${m.widest}px, page scroll width ${m.scrollWidth}px, ` +
            `chart ${m.chart}, axis ${m.ticks.join(" | ")} (${m.tickPx.toFixed(1)}px)`,
        );
        await page.close();
      }
      // Print: the A4 page's text width (210 mm less 2 × 12 mm margins, 703 CSS pixels), the wide chart only.
      const print = await browser.newPage({ viewport: { width: 703, height: 1000 } });
      await print.goto(`file://${out.htmlFile}`);
      await print.emulateMedia({ media: "print" });
      const printed = (await print.evaluate(`${MEASURE}(${JSON.stringify(HEADLINE)})`)) as Layout;
      expect(printed.wider, "print: elements wider than the A4 text width").to.deep.equal([]);
      expect(printed.wrapped, "print: figures wrapped").to.deep.equal([]);
      expect(printed.chart).to.equal("chart");
      expect(await print.locator("figure svg:visible").count()).to.equal(1);
      await print.close();
    } finally {
      await browser.close();
    }
    fs.writeFileSync(path.join(REVIEW_DIR, "measured.txt"), `${measured.join("\n")}\n`);
  });
});
