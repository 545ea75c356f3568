/**
 * Renders a {@link ReserveReport} as plain text (terminal) and as one standalone HTML page (inline CSS
 * and SVG, no script, no external asset, readable when printed). Key figures carry data-testid
 * attributes so the browser test can read them back and compare them with the chain.
 */
import { renderChart } from "./chart";
import { formatAge, isoTime, percent, shortHex } from "./format";
import type { AttestedReport, BlockRef, Labelled, ReportSigner, ReserveReport } from "./model";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const METHOD_TEXT: Record<ReportSigner["method"], string> = {
  "eip712-signature": "EIP-712 signature verified",
  "onchain-approval": "approved on chain",
  "erc1271-contract": "contract signature (ERC-1271), checked by the registry",
  unverified: "NOT verified",
};

/** Coverage of the circulating supply; none circulates: n/a. */
function circPercent(x: number | null): string {
  return x === null ? "n/a (nothing circulates)" : percent(x);
}

function who(l: { address: string; label: string | null }): string {
  return l.label ? `${l.label} (${l.address})` : l.address;
}

function signerText(s: ReportSigner): string {
  return `${s.address ? who(s) : "?"}: ${METHOD_TEXT[s.method]}${s.note ? ` (${s.note})` : ""}`;
}

// ------------------------------------------------------------------------------------------- text

export function renderText(r: ReserveReport): string {
  const L: string[] = [];
  const sym = r.stablecoin.symbol;
  L.push(`Reserve report — ${r.network} (chain ${r.chainId})`);
  L.push(`Generated at ${r.generatedAt}, as of block ${r.asOf.blockNumber} (${r.asOf.time})`);
  L.push("");
  L.push(`Stablecoin ${r.stablecoin.name} (${sym}) at ${r.stablecoin.address}${r.stablecoin.paused ? "  [PAUSED]" : ""}`);
  L.push(`  total supply                       ${r.supply.total.formatted}`);
  L.push(`  held by the reserve Safe           ${r.supply.undistributed.formatted} (undistributed: not backing)`);
  L.push(`  circulating                        ${r.supply.circulating.formatted}`);
  L.push(`  attested som reserves              ${r.backing.attestedReserves.formatted}`);
  L.push(`  coverage of circulating supply     ${circPercent(r.backing.coverageOfCirculating)}`);
  L.push(`  coverage of total supply           ${percent(r.backing.coverageOfTotalSupply)}`);
  L.push(
    `  reserve report as of               ${r.backing.asOf > 0 ? isoTime(r.backing.asOf) : "never"} (age ${formatAge(r.backing.ageSeconds)}, max ${formatAge(r.backing.maxAgeSeconds)}, ${r.backing.fresh ? "fresh" : "STALE"})`,
  );
  L.push(`  document hash                      ${r.backing.docHash}`);
  const cur = r.backing.currentReport;
  if (cur) {
    if (cur.uri) L.push(`  document                           ${cur.uri}`);
    for (const s of cur.signers) L.push(`  signed by                          ${signerText(s)}`);
  }
  L.push(`  attestors (${r.backing.attestorSet.threshold} of ${r.backing.attestorSet.attestors.length} needed): ${r.backing.attestorSet.attestors.map(who).join(", ")}`);
  L.push(`  (all figures above as of block ${r.asOf.blockNumber})`);
  L.push("");
  L.push("Tokenized state property (its own section: NOT part of the som backing)");
  if (r.tokenizedProperty.assets.length === 0) L.push("  none");
  for (const a of r.tokenizedProperty.assets) {
    L.push(
      `  ${a.symbol.padEnd(12)} ${a.sharesHeld.formatted} of ${a.totalShares.formatted}, asset valued ${a.valuation.formatted}` +
        ` as of ${a.valuationAsOf > 0 ? isoTime(a.valuationAsOf) : "never"} (${a.valuationFresh ? "fresh" : "STALE"}) -> ${a.valueHeld.formatted}${a.paused ? "  [PAUSED]" : ""}`,
    );
    for (const s of a.valuationReport?.signers ?? []) L.push(`    valuation signed by ${signerText(s)}`);
  }
  L.push(`  value of the property held         ${r.tokenizedProperty.totalValueHeld.formatted}`);
  for (const t of r.otherTokens) L.push(`  other token ${t.symbol}: ${t.balance.formatted} (${t.attestedPrice ? "attested som price: valued under the crypto holdings" : "no som price"}; not backing)`);
  L.push("");
  L.push(`History (blocks ${r.history.scan.fromBlock}-${r.history.scan.toBlock}, ${r.history.scan.blocksScanned} read from the node this run)`);
  for (const f of r.history.flows) {
    L.push(`  last ${String(f.days).padStart(3)} days: minted ${f.minted.formatted}, burned ${f.burned.formatted}, wiped ${f.wiped.formatted}${f.complete ? "" : " (history starts later)"}`);
  }
  L.push(`  ${r.history.reserveReports.length} som reserve report(s) attested`);
  L.push("");
  const g = r.governance;
  L.push(`Reserve Safe ${g.safe.address.address}: ${g.safe.threshold}-of-${g.safe.owners.length}, nonce ${g.safe.nonce}, guard ${g.safe.guard ? who(g.safe.guard) : "none"}`);
  for (const o of g.safe.owners) L.push(`  owner ${who(o)}`);
  if (g.reserveGuard) {
    L.push(`  ReserveGuard ${g.reserveGuard.address.address} (${g.reserveGuard.installed ? "installed" : "NOT installed"}), ${g.reserveGuard.pending.length} pending announcement(s)`);
    for (const a of g.reserveGuard.pending) L.push(`    ${a.status}: ${a.headline} (executable ${isoTime(a.executableAt)}, expires ${isoTime(a.expiresAt)})`);
  }
  for (const e of g.executed.slice(0, 5)) L.push(`  executed block ${e.block.blockNumber}${e.success ? "" : " FAILED"}: ${e.headline}`);
  for (const u of g.upgrades) L.push(`  ${u.initial ? "deployed" : "UPGRADED"} ${u.contract} -> implementation ${u.implementation.address} at block ${u.block.blockNumber}`);
  for (const s of r.sections) {
    L.push("");
    L.push(`${s.title} (block ${s.blockNumber})`);
    for (const row of s.rows) L.push(`  ${row.join(" | ")}`);
  }
  L.push("");
  if (r.warnings.length === 0) L.push("No warnings.");
  else for (const w of r.warnings) L.push(`WARNING: ${w}`);
  return L.join("\n");
}

// ------------------------------------------------------------------------------------------- html
//
// The page reads from 360 to 1,440 pixels wide without scrolling sideways. Every table goes through
// table(): it labels each data cell with its column's header and estimates the narrowest width the
// table can take (its figures never wrap); below that width the CSS turns its rows into labelled
// blocks (each figure beside its label), and a table too wide for the page is always blocks. A new
// table (a section provider's, or more governance rows) gets this by using table(). Figures never
// wrap (span.fig). Addresses and hashes show short, label first, with the full value one tap away in
// a <details> (no script); the JSON keeps them whole. Print: one A4 rendering, the wide chart only.

function link(text: string, url: string | null): string {
  return url ? `<a href="${esc(url)}">${esc(text)}</a>` : esc(text);
}

/** A figure (amount, ratio): never wrapped. */
function fig(text: string, testid?: string, cls?: string): string {
  return `<span class="fig${cls ? ` ${cls}` : ""}"${testid ? ` data-testid="${esc(testid)}"` : ""}>${esc(text)}</span>`;
}

/** A key figure: the number never wraps; its unit may go to the next line on a narrow phone. */
function kpiFig(text: string): string {
  const m = /^(-?[\d,.]+%?)( .+)?$/.exec(text);
  return m ? `<span class="fig">${esc(m[1])}</span>${m[2] ? esc(m[2]) : ""}` : esc(text);
}

/** Label first, then the short address; the full address (linked where an explorer exists) one tap away. */
function addr(l: Labelled, testid?: string): string {
  const t = testid ? ` data-testid="${esc(testid)}"` : "";
  return `<details class="addr"><summary>${l.label ? `${esc(l.label)} ` : ""}<code>${esc(shortHex(l.address))}</code></summary><code class="full"${t}>${link(l.address, l.url)}</code></details>`;
}

/** A hash, short, the full value one tap away. */
function hex(value: string, testid?: string): string {
  const t = testid ? ` data-testid="${esc(testid)}"` : "";
  if (shortHex(value) === value) return `<code${t}>${esc(value)}</code>`;
  return `<details class="addr"><summary><code>${esc(shortHex(value))}</code></summary><code class="full"${t}>${esc(value)}</code></details>`;
}

/** An ISO time that breaks only between its date and its time of day. */
function when(iso: string): string {
  const i = iso.indexOf("T");
  return i < 0 ? esc(iso) : `<span class="fig">${esc(iso.slice(0, i + 1))}</span><wbr><span class="fig">${esc(iso.slice(i + 1))}</span>`;
}

function blockCell(b: BlockRef): string {
  return `${link(String(b.blockNumber), b.url)}<br><small>${when(b.time)}</small>`;
}

/** Inside a table (not blocks), a signer list is at least this wide (rem): one line per signer. */
const SIGNERS_MIN_REM = 23.5;

/** What a signer line says after the name: a check mark for every verified method. */
const METHOD_MARK: Record<ReportSigner["method"], string> = {
  "eip712-signature": "✓ signature verified",
  "onchain-approval": "✓ approved on chain",
  "erc1271-contract": "✓ contract signature (ERC-1271)",
  unverified: "✗ NOT verified",
};

/** One line per signer, "attestor 1 (central bank) ✓ signature verified"; the address and the method's detail one tap away. */
function signersCell(signers: readonly ReportSigner[], testid?: string): string {
  const items = signers.map((s) => {
    const name = s.label ?? (s.address ? shortHex(s.address) : "unknown signer");
    const ok = s.method !== "unverified";
    return `<li><details class="addr"><summary>${esc(name)} <span class="nw ${ok ? "ok" : "bad"}">${esc(METHOD_MARK[s.method])}</span></summary><code class="full">${esc(s.address || "?")}</code><small>${esc(METHOD_TEXT[s.method])}</small></details>${s.note ? `<small class="note-line bad">${esc(s.note)}</small>` : ""}</li>`;
  });
  return `<ul class="signers"${testid ? ` data-testid="${esc(testid)}"` : ""}>${items.join("")}</ul>`;
}

/** A decoded call: its headline with addresses and hashes short, the full description (every value whole) one tap away. */
function decodedCall(headline: string, details: readonly string[]): string {
  const short = esc(headline.replace(/0x[0-9a-fA-F]{40,}/g, (h) => shortHex(h)));
  const full = details.length > 0 ? details : [headline];
  return `<span class="brk">${short}</span>${full.length > 1 || short !== esc(headline) ? `<details class="more"><summary>the decoded call</summary><div class="pre">${esc(full.join("\n"))}</div></details>` : ""}`;
}

function docCell(r: AttestedReport): string {
  const uri = r.uri ? (/^https?:\/\//.test(r.uri) ? `<a class="brk" href="${esc(r.uri)}">${esc(r.uri)}</a>` : `<span class="brk">${esc(r.uri)}</span>`) : "<i>no URI</i>";
  return `${uri}<br>${hex(r.docHash)}`;
}

/** Plain text with every address or hash in it short, the full value one tap away (for a flow container, not a <p>). */
function richText(text: string): string {
  return text
    .split(/\b(0x[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)\b/)
    .map((part, i) => (i % 2 === 1 ? hex(part) : esc(part)))
    .join("");
}

/** A cell of a section provider's table: an address (with the name after it: label first) or hash short, an amount as a figure. */
function sectionCell(c: string): string {
  const a = /^(0x[0-9a-fA-F]{40})(?: ([\s\S]+))?$/.exec(c);
  if (a) return addr({ address: a[1], label: a[2] ?? null, url: null });
  if (/^-?[\d,]+(\.\d+)?( [^\s\d]\S*)?$/.test(c)) return fig(c);
  return richText(c);
}

/**
 * Gives each cell of a row its column's header as a label (shown only when the row is a block) and
 * the table roles the block layout would otherwise take from screen readers. A `th` is the row's
 * own header (the block's title); an empty cell stays empty (hidden in a block); a cell spanning
 * every column gets no label.
 */
function labelCells(row: string, head: readonly string[]): string {
  let col = 0;
  return row.replace(/^<tr\b/, '<tr role="row"').replace(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/g, (_m, tag: string, attrs: string, inner: string) => {
    const span = Number(/\bcolspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
    const label = span < head.length ? head[col] : undefined;
    col += span;
    if (tag === "th") return `<th role="rowheader"${attrs}>${inner}</th>`;
    if (inner.trim() === "") return `<td role="cell"${attrs}></td>`;
    return `<td role="cell"${attrs}>${label ? `<span class="lbl" aria-hidden="true">${esc(label)}</span>` : ""}<div class="v">${inner}</div></td>`;
  });
}

/**
 * Viewport widths (px) below which a table's rows become blocks: the first one its estimated
 * narrowest table layout fits in. A table that cannot fit the page's widest text column (MAX_TEXT_PX)
 * is always blocks; a two-column table that fits a 360-pixel phone stays a table.
 */
const MAX_TEXT_PX = 1160;
const PAGE_PX = MAX_TEXT_PX + 32; // the widest text column plus the body's 2 × 1 rem padding
const STACK_BELOW = [640, 768, 896, 1024, PAGE_PX] as const;

/** Unescapes the few entities esc() writes, to measure text. */
const unesc = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** Width of a text in em, by character class (DejaVu Sans, wider than most phones' system fonts). */
function textEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text) em += /[0-9]/.test(ch) ? 0.64 : /[,.:;' ]/.test(ch) ? 0.32 : /[A-Z]/.test(ch) ? 0.72 : /[a-z]/.test(ch) ? 0.57 : 0.62;
  return bold ? em * 1.12 : em;
}

/**
 * The narrowest a cell's content can be (em, roughly): its widest figure or no-wrap run, a signer
 * list's minimum width, or its longest word (text that breaks anywhere and the contents of closed
 * <details> count nothing).
 */
function cellMinEm(inner: string): number {
  let em = /class="signers"/.test(inner) ? SIGNERS_MIN_REM : 0;
  for (const m of inner.matchAll(/<span class="(?:fig|nw)\b[^"]*"[^>]*>([^<]*)<\/span>/g)) em = Math.max(em, textEm(unesc(m[1])));
  const text = inner
    .replace(/<(\w+) class="brk"[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(/<code class="full"[\s\S]*?<\/code>/g, " ")
    .replace(/<div class="pre">[\s\S]*?<\/div>/g, " ")
    .replace(/<[^>]+>/g, " ");
  for (const w of unesc(text).split(/\s+/)) em = Math.max(em, textEm(w));
  return em;
}

/** The stacking class of a table: "s<px>" (blocks up to that viewport width), "sall" (always blocks) or "" (always a table). */
function stackClass(head: readonly string[], rows: readonly string[]): string {
  const cols = head.map((h) => Math.max(0, ...h.split(/\s+/).map((w) => textEm(w, true))));
  for (const row of rows) {
    let col = 0;
    for (const m of row.matchAll(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
      const span = Number(/\bcolspan="(\d+)"/.exec(m[2])?.[1] ?? 1);
      if (span === 1 && col < cols.length) cols[col] = Math.max(cols[col], cellMinEm(m[3]));
      col += span;
    }
  }
  // cell padding 2 × .55 rem, and the body's padding (1 rem = 16 px)
  const needPx = 16 * (cols.reduce((a, c) => a + c + 1.1, 0) + 2);
  if (head.length <= 2 && needPx <= 360) return "";
  if (needPx > PAGE_PX) return "sall";
  return `s${STACK_BELOW.find((b) => b >= needPx) ?? PAGE_PX}`;
}

function table(caption: string, head: readonly string[], rows: readonly string[], testid?: string): string {
  return (
    `<table class="${["rt", stackClass(head, rows)].filter(Boolean).join(" ")}" role="table"${testid ? ` data-testid="${testid}"` : ""}><caption>${esc(caption)}</caption>` +
    `<thead role="rowgroup"><tr role="row">${head.map((h) => `<th scope="col" role="columnheader">${esc(h)}</th>`).join("")}</tr></thead>` +
    `<tbody role="rowgroup">\n${rows.map((row) => labelCells(row, head)).join("\n")}\n</tbody></table>`
  );
}

/** The rules that turn the rows of tables matching `t` into labelled blocks. */
function stacked(t: string): string {
  return [
    `${t},${t}>tbody,${t}>tbody>tr,${t}>caption{display:block;width:auto}`,
    `${t}>thead{display:block;position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`,
    `${t}>tbody>tr{border-top:1px solid #c8c8c8;padding:.45rem 0}${t}>tbody>tr:last-child{border-bottom:1px solid #c8c8c8}`,
    `${t}>tbody>tr>th{display:block;border:0;background:none;padding:0 0 .2rem}`,
    `${t}>tbody>tr>td{display:grid;grid-template-columns:minmax(5rem,min(34%,14rem)) minmax(0,1fr);column-gap:.75rem;align-items:baseline;border:0;padding:.12rem 0;text-align:left}`,
    `${t} ul.signers{min-width:0}${t}>tbody>tr>td:empty{display:none}${t}>tbody>tr>td>.v:only-child{grid-column:1/-1}${t} .lbl{display:block}`,
  ].join("\n");
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:${MAX_TEXT_PX}px;color:#1a1a1a;background:#fff;padding:0 1rem;line-height:1.45;overflow-wrap:break-word}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #1a1a1a;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.4rem}
.p{margin:1rem 0}
table{border-collapse:collapse;width:100%;margin:.6rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}
td,th{padding:.35rem .55rem;border-bottom:1px solid #c8c8c8;text-align:left;vertical-align:top}th{background:#f2f2f2}
.num{text-align:right}.fig{white-space:nowrap;font-variant-numeric:tabular-nums}.ok{color:#0a6b2c;font-weight:600}.bad{color:#a3001b;font-weight:600}
.lbl{display:none;font-size:.85rem;font-weight:600;color:#4a4a4a}
code{font-size:.82rem;color:#333}code.full{display:block;word-break:break-all}.brk{overflow-wrap:anywhere}small{color:#4a4a4a}a{color:#0b3d91}
details.addr{display:inline-block;max-width:100%;vertical-align:top}details.addr small{display:block}details.addr summary code{white-space:nowrap}summary{cursor:pointer}
ul.signers{list-style:none;margin:0;padding:0}ul.signers li+li{margin-top:.15rem}ul.signers .ok{font-weight:500}.nw{white-space:nowrap}small.note-line{display:block}.rt ul.signers{min-width:${SIGNERS_MIN_REM}rem}small.by{display:block;margin-top:.25rem}
details.more{margin-top:.2rem}.pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem;color:#333}
.kpi{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.8rem;margin:1rem 0}.kpi div{border:1px solid #8a8a8a;border-radius:6px;padding:.6rem .9rem}
@media (max-width:1100px){.kpi{grid-template-columns:repeat(2,minmax(0,1fr))}}@media (max-width:600px){.kpi{grid-template-columns:minmax(0,1fr)}}
.kpi b{display:block;font-size:1.3rem;font-variant-numeric:tabular-nums}.note{background:#f4f4f4;border-left:4px solid #4a4a4a;padding:.5rem .8rem}
.warn{background:#fff4f4;border:1px solid #a3001b;padding:.6rem 1rem .6rem 2rem;border-radius:6px}
figure{margin:1rem 0}figure svg{display:block;width:100%;height:auto}figure .chart-wide{max-width:1000px;margin:0 auto}.chart-narrow{display:none}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}
${stacked(".rt.sall")}
${STACK_BELOW.map((b) => `@media (max-width:${b}px){\n${stacked(`.rt.s${b}`)}\n}`).join("\n")}
@media (max-width:40rem){body{margin-top:1rem}h1{font-size:1.35rem}.kpi{gap:.5rem}.kpi div{padding:.45rem .8rem}.kpi b{font-size:1.2rem}}
@media (max-width:47.99rem){figure .chart-wide{display:none}figure .chart-narrow{display:block;max-width:34rem;margin:0 auto}}
@page{size:A4;margin:12mm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:10pt}a{color:#000;text-decoration:none}
figure .chart-wide{display:block}figure .chart-narrow{display:none}
h2,h3,caption{break-after:avoid}tr,.kpi div,figure{break-inside:avoid}thead{display:table-header-group}
summary{list-style:none}summary::-webkit-details-marker{display:none}details.more{display:none}
}
`;

export function renderHtml(r: ReserveReport): string {
  const sym = r.stablecoin.symbol;
  const N = r.asOf.blockNumber;
  const cls = (x: number | null): string => (x === null || x >= 1 ? "ok" : "bad");
  const b = r.backing;
  const cur = b.currentReport;
  const g = r.governance;

  const supplyRows = [
    `<tr><th scope="row">Total supply</th><td class="num">${fig(r.supply.total.formatted, "supply-total")}</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Held by the reserve Safe (undistributed: issued, not in circulation, not backing)</th><td class="num">${fig(r.supply.undistributed.formatted, "supply-undistributed")}</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Circulating supply (total − undistributed)</th><td class="num">${fig(r.supply.circulating.formatted, "supply-circulating")}</td><td><span class="fig">block ${N}</span></td></tr>`,
  ];
  const backingRows = [
    `<tr><th scope="row">Attested som reserves</th><td class="num">${fig(b.attestedReserves.formatted, "reserves")}</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Coverage of circulating supply (reserves ÷ circulating)</th><td class="num">${fig(circPercent(b.coverageOfCirculating), "coverage-circulating", cls(b.coverageOfCirculating))}</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Coverage of total supply (reserves ÷ total, incl. undistributed)</th><td class="num">${fig(percent(b.coverageOfTotalSupply), "coverage-total", cls(b.coverageOfTotalSupply))}</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Report as of</th><td><span data-testid="reserves-asof">${b.asOf > 0 ? when(isoTime(b.asOf)) : "never"} (age ${esc(formatAge(b.ageSeconds))}, maximum ${esc(formatAge(b.maxAgeSeconds))})</span> <span class="${b.fresh ? "ok" : "bad"}" data-testid="reserves-fresh">${b.fresh ? "fresh" : "stale"}</span></td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Document</th><td>${cur ? docCell(cur) : hex(b.docHash, "reserves-dochash")}</td><td>${cur ? `accepted in ${blockCell(cur.block)}` : ""}</td></tr>`,
    `<tr><th scope="row">Signed by</th><td>${cur ? signersCell(cur.signers, "reserves-signers") : '<span data-testid="reserves-signers">not found in the scanned history</span>'}</td><td>${cur ? link("transaction", cur.transactionUrl) : ""}</td></tr>`,
    `<tr><th scope="row">Attestor set (${b.attestorSet.threshold} of ${b.attestorSet.attestors.length} needed)</th><td><div data-testid="attestors">${b.attestorSet.attestors.map((a) => addr(a)).join("<br>")}</div></td><td><span class="fig">block ${N}</span></td></tr>`,
  ];
  const assetRows = r.tokenizedProperty.assets.map(
    (a) =>
      `<tr data-testid="asset-${esc(a.symbol)}"><td>${esc(a.name)} (${esc(a.symbol)}), ${esc(a.assetClass)}<br>${addr({ address: a.address, label: null, url: a.url })}</td>` +
      `<td class="num"><span data-testid="asset-${esc(a.symbol)}-shares">${fig(a.sharesHeld.formatted)} / ${fig(a.totalShares.formatted)}</span></td>` +
      `<td>${fig(a.valuation.formatted)} <span class="${a.valuationFresh ? "ok" : "bad"}">${a.valuationFresh ? "fresh" : "stale"}</span>${a.paused ? ' <span class="bad">paused</span>' : ""}<br><small>as of ${a.valuationAsOf > 0 ? when(isoTime(a.valuationAsOf)) : "never"}</small>` +
      `${a.valuationReport ? `<small class="by">attested by</small>${signersCell(a.valuationReport.signers)}` : "<small class=\"by\">attestors not found in the scanned history</small>"}</td>` +
      `<td class="num">${fig(a.valueHeld.formatted, `asset-${a.symbol}-value`)}</td>` +
      `<td><span class="fig">block ${N}</span></td></tr>`,
  );
  assetRows.push(`<tr><th scope="row" colspan="3">Value of the property the reserve holds (not som backing)</th><td class="num">${fig(r.tokenizedProperty.totalValueHeld.formatted, "property-total")}</td><td><span class="fig">block ${N}</span></td></tr>`);
  const otherRows = r.otherTokens.map(
    (t) =>
      `<tr><td>${addr({ address: t.address, label: `${t.name} (${t.symbol})`, url: null })}</td><td class="num">${fig(t.balance.formatted)}</td><td>${t.attestedPrice ? "attested som price: valued in the crypto holdings section, not backing" : "no som price: listed, not backing"}</td><td><span class="fig">block ${t.blockNumber}</span></td></tr>`,
  );

  const flowRows = r.history.flows.map(
    (f) =>
      `<tr data-testid="flow-${f.days}"><th scope="row">last ${f.days} days${f.complete ? "" : " (history starts later)"}</th><td class="num">${fig(f.minted.formatted, `flow-${f.days}-minted`)}</td><td class="num">${fig(f.burned.formatted, `flow-${f.days}-burned`)}</td><td class="num">${fig(f.wiped.formatted, `flow-${f.days}-wiped`)}</td><td>since ${when(isoTime(f.fromTimestamp))}, to <span class="fig">block ${f.toBlock}</span></td></tr>`,
  );
  const monthRows = r.history.monthly.map(
    (m) =>
      `<tr><th scope="row">${fig(m.month)}</th><td class="num">${fig(m.minted.formatted)}</td><td class="num">${fig(m.burned.formatted)}</td><td class="num">${fig(m.wiped.formatted)}</td><td class="num">${m.reserveReports}</td><td class="num">${fig(m.reserves.formatted)}</td><td class="num">${fig(m.circulating.formatted)}</td><td>${m.lastBlock}</td></tr>`,
  );
  const reportRows = r.history.reserveReports.map(
    (x) =>
      `<tr data-testid="report-round-${x.roundId}"><td class="num">${x.roundId}</td><td class="num">${fig(x.value.formatted)}</td><td>${when(isoTime(x.asOf))}</td><td>${docCell(x)}</td><td>${signersCell(x.signers)}</td><td>${blockCell(x.block)}<br>${link("transaction", x.transactionUrl)}</td></tr>`,
  );

  const ownerRows = g.safe.owners.map((o, i) => `<tr><td class="num">${i + 1}</td><td><div data-testid="owner-${i + 1}">${addr(o)}</div></td></tr>`);
  const guardBlock = g.reserveGuard
    ? `<h3>ReserveGuard: announced calls</h3>
<div class="p">Guard ${addr(g.reserveGuard.address)} — <span class="${g.reserveGuard.installed ? "ok" : "bad"}">${g.reserveGuard.installed ? "installed on the Safe" : "NOT installed on the Safe"}</span>; delay ${g.reserveGuard.delaySeconds === null ? "unknown" : esc(formatAge(g.reserveGuard.delaySeconds))}; call rule ${g.reserveGuard.callRule ? hex(g.reserveGuard.callRule) : "none"} (block ${g.blockNumber}).</div>
${table(
  `Pending announcements (${g.reserveGuard.pending.length})`,
  ["Call", "Status", "Executable from", "Expires", "Announced"],
  g.reserveGuard.pending.length === 0
    ? ['<tr><td colspan="5">None.</td></tr>']
    : g.reserveGuard.pending.map(
        (a) =>
          `<tr data-testid="announcement"><td>${decodedCall(a.headline, a.details)}<div><small>call hash</small> ${hex(a.callHash)}</div></td><td class="${a.status === "executable" ? "bad" : ""}">${a.status}</td><td>${when(isoTime(a.executableAt))}</td><td>${when(isoTime(a.expiresAt))}</td><td>${blockCell(a.block)}<br>by ${addr(a.announcer)}</td></tr>`,
      ),
  "announcements",
)}`
    : "<p>No ReserveGuard in the deployment records.</p>";
  const execRows = g.executed.map(
    (e) =>
      `<tr data-testid="execution"><td>${decodedCall(e.headline, e.details)}</td><td class="${e.success ? "ok" : "bad"}">${e.success ? "success" : "FAILED"}</td><td>${blockCell(e.block)}<br>${link("transaction", e.transactionUrl)}</td></tr>`,
  );
  const upgradeRows = g.upgrades.map(
    (u) =>
      `<tr data-testid="upgrade"><td>${addr({ address: u.address, label: `${u.contract} (${u.kind})`, url: null })}</td><td>${addr(u.implementation)}</td><td>${u.initial ? "first implementation" : '<span class="bad">upgrade</span>'}</td><td>${blockCell(u.block)}<br>${link("transaction", u.transactionUrl)}</td></tr>`,
  );

  const extra = r.sections
    .map(
      (s) =>
        `<h2 id="section-${esc(s.id)}">${esc(s.title)}</h2>\n${s.description ? `<div class="p">${richText(s.description)}</div>` : ""}\n${table(`${s.title} (block ${s.blockNumber})`, s.columns, s.rows.length === 0 ? [`<tr><td colspan="${s.columns.length}">None.</td></tr>`] : s.rows.map((row) => `<tr>${row.map((c) => `<td>${sectionCell(c)}</td>`).join("")}</tr>`), `section-${s.id}`)}`,
    )
    .join("\n");

  const tokenAddress: Labelled = { address: r.stablecoin.address, label: null, url: r.explorer ? `${r.explorer.url}/address/${r.stablecoin.address}` : null };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reserve report — ${esc(r.network)} block ${N}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Reserve report: ${esc(r.stablecoin.name)} (${esc(sym)})</h1>
<p>Network <b data-testid="network">${esc(r.network)}</b> (chain <span data-testid="chain-id">${r.chainId}</span>).
Generated at <time data-testid="generated-at" datetime="${esc(r.generatedAt)}">${esc(r.generatedAt)}</time>,
as of block <span data-testid="block-number">${link(String(N), r.asOf.url)}</span> (<time datetime="${esc(r.asOf.time)}" data-testid="block-time">${esc(r.asOf.time)}</time>).
Every figure is read at that block unless another block is shown beside it.${r.explorer ? ` Links go to ${esc(r.explorer.name)}.` : ""}</p>
</header>
<main>
<section aria-label="Key figures" class="kpi">
<div>Circulating supply<b data-testid="kpi-circulating">${kpiFig(r.supply.circulating.formatted)}</b><small>block ${N}</small></div>
<div>Attested som reserves<b data-testid="kpi-reserves">${kpiFig(b.attestedReserves.formatted)}</b><small>block ${N}</small></div>
<div>Coverage of circulating supply<b class="${cls(b.coverageOfCirculating)}" data-testid="kpi-coverage-circulating">${kpiFig(circPercent(b.coverageOfCirculating))}</b><small>block ${N}</small></div>
<div>Coverage of total supply<b class="${cls(b.coverageOfTotalSupply)}" data-testid="kpi-coverage-total">${kpiFig(percent(b.coverageOfTotalSupply))}</b><small>block ${N}</small></div>
</section>
<h2 id="supply">Supply and its som backing</h2>
<div class="p">Token ${esc(r.stablecoin.name)} (${esc(sym)}) ${addr(tokenAddress, "stablecoin-address")} ${r.stablecoin.paused ? '<span class="bad">paused</span>' : '<span class="ok">active</span>'}.</div>
<p class="note">The ${esc(sym)} the reserve Safe holds itself is <b>undistributed</b>: it is not in circulation and is never counted as backing. The som backing is the attested bank reserve only.</p>
${table("Supply", ["Figure", "Amount", "Block"], supplyRows, "supply-table")}
${table("Som backing (attested bank reserves)", ["Figure", "Value", "Block"], backingRows, "backing-table")}
<h2 id="property">Tokenized state property (not part of the som backing)</h2>
<p class="note">Shares of state property the reserve holds, valued by attested reports. These valuations are shown for transparency and are <b>never added</b> to the som backing of ${esc(sym)}.</p>
${table("Property held by the reserve", ["Asset", "Shares held / total", "Valuation of the whole asset (as of, attested by)", "Value of the shares held", "Block"], assetRows, "property-table")}
${otherRows.length > 0 ? table("Other tokens held (not priced, not backing)", ["Token", "Balance", "Note", "Block"], otherRows, "other-tokens") : ""}
<h2 id="history">History</h2>
<p>From chain events of blocks ${r.history.scan.fromBlock} to ${r.history.scan.toBlock} (no indexer: ${r.history.scan.blocksScanned} block(s) read from the node in this run, the rest from the cache).</p>
<figure>
${renderChart(r.history.series, { tokenDecimals: r.stablecoin.decimals, valueDecimals: b.attestedReserves.decimals, tokenSymbol: sym })}
<figcaption>Attested som reserves (solid, squares) and circulating ${esc(sym)} (dashed, circles) from block ${r.history.series[0]?.blockNumber ?? N} to block ${N}.</figcaption>
</figure>
${table(`Minted, burned and wiped ${sym}`, ["Period", "Minted", "Burned (redemptions)", "Wiped (legal orders)", "Window"], flowRows, "flows")}
${table("Monthly summary (UTC months, newest first)", ["Month", "Minted", "Burned", "Wiped", "Reserve reports", "Reserves at month end", "Circulating at month end", "Block"], monthRows, "monthly")}
${table(`Som reserve reports (${r.history.reserveReports.length}, newest first)`, ["Round", "Reserves", "As of", "Document (URI, hash)", "Signers (verified)", "Accepted in block"], reportRows, "reserve-reports")}
<h2 id="governance">Governance</h2>
${table(
  "Reserve Safe",
  ["Figure", "Value"],
  [
    `<tr><th scope="row">Address</th><td>${addr(g.safe.address, "safe-address")}</td></tr>`,
    `<tr><th scope="row">Threshold</th><td><span data-testid="safe-threshold">${g.safe.threshold} of ${g.safe.owners.length}</span></td></tr>`,
    `<tr><th scope="row">Nonce</th><td><span data-testid="safe-nonce">${g.safe.nonce}</span></td></tr>`,
    `<tr><th scope="row">Guard</th><td><div data-testid="safe-guard">${g.safe.guard ? addr(g.safe.guard) : "none"}</div></td></tr>`,
    `<tr><th scope="row">Modules</th><td>${g.safe.modules.length === 0 ? "none" : g.safe.modules.map((m) => addr(m)).join("<br>")}</td></tr>`,
    `<tr><th scope="row">Block</th><td>${g.blockNumber}</td></tr>`,
  ],
  "safe-table",
)}
${table("Safe owners", ["#", "Owner"], ownerRows, "owners")}
${guardBlock}
${table(`Recent executed Safe transactions (${g.executed.length}, newest first)`, ["Call (decoded)", "Result", "Block"], execRows.length > 0 ? execRows : ['<tr><td colspan="3">None.</td></tr>'], "executions")}
${table("Upgrades: implementation history", ["Contract", "Implementation", "Event", "Block"], upgradeRows.length > 0 ? upgradeRows : ['<tr><td colspan="4">None.</td></tr>'], "upgrades")}
${extra}
<h2 id="warnings">Warnings</h2>
${r.warnings.length === 0 ? '<p class="ok" data-testid="no-warnings">No warnings.</p>' : `<ul class="warn" data-testid="warnings">${r.warnings.map((w) => `<li>${richText(w)}</li>`).join("")}</ul>`}
</main>
<footer><p><small>Report schema version ${r.schemaVersion} (docs/report.md). Scan: ${r.history.scan.logs} events, ranges of ${r.history.scan.rangeSize} blocks, reorg depth ${r.history.scan.reorgDepth}.</small></p></footer>
</body>
</html>
`;
}
