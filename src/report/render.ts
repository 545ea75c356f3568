/**
 * Renders a {@link ReserveReport} as plain text (terminal) and as one standalone HTML page (inline CSS
 * and SVG, no script, no external asset, readable when printed). Key figures carry data-testid
 * attributes so the browser test can read them back and compare them with the chain.
 */
import { renderChart } from "./chart";
import { formatAge, isoTime, percent } from "./format";
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

function link(text: string, url: string | null): string {
  return url ? `<a href="${esc(url)}">${esc(text)}</a>` : esc(text);
}

function addr(l: Labelled, testid?: string): string {
  const t = testid ? ` data-testid="${esc(testid)}"` : "";
  return `${l.label ? `${esc(l.label)}<br>` : ""}<code${t}>${link(l.address, l.url)}</code>`;
}

function blockCell(b: BlockRef): string {
  return `${link(String(b.blockNumber), b.url)}<br><small>${esc(b.time)}</small>`;
}

function signersCell(signers: readonly ReportSigner[]): string {
  return signers
    .map((s) => `<span class="${s.method === "unverified" ? "bad" : ""}">${s.label ? `${esc(s.label)} ` : ""}<code>${esc(s.address || "?")}</code> — ${esc(METHOD_TEXT[s.method])}${s.note ? ` (${esc(s.note)})` : ""}</span>`)
    .join("<br>");
}

function docCell(r: AttestedReport): string {
  const uri = r.uri ? (/^https?:\/\//.test(r.uri) ? `<a href="${esc(r.uri)}">${esc(r.uri)}</a>` : esc(r.uri)) : "<i>no URI</i>";
  return `${uri}<br><code>${esc(r.docHash)}</code>`;
}

function table(caption: string, head: readonly string[], rows: readonly string[], testid?: string): string {
  return `<table${testid ? ` data-testid="${testid}"` : ""}><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1040px;color:#1a1a1a;background:#fff;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #1a1a1a;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}
td,th{padding:.35rem .55rem;border-bottom:1px solid #c8c8c8;text-align:left;vertical-align:top}th{background:#f2f2f2}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.ok{color:#0a6b2c;font-weight:600}.bad{color:#a3001b;font-weight:600}
code{font-size:.82rem;color:#333;word-break:break-all}small{color:#4a4a4a}a{color:#0b3d91}
.kpi{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}.kpi div{border:1px solid #8a8a8a;border-radius:6px;padding:.6rem .9rem;min-width:210px;flex:1}
.kpi b{display:block;font-size:1.3rem}.note{background:#f4f4f4;border-left:4px solid #4a4a4a;padding:.5rem .8rem}
.warn{background:#fff4f4;border:1px solid #a3001b;padding:.6rem 1rem .6rem 2rem;border-radius:6px}
@media print{body{margin:0;max-width:none}a{color:#000;text-decoration:none}.kpi div{break-inside:avoid}table,svg{break-inside:avoid}}
`;

export function renderHtml(r: ReserveReport): string {
  const sym = r.stablecoin.symbol;
  const N = r.asOf.blockNumber;
  const cls = (x: number | null): string => (x === null || x >= 1 ? "ok" : "bad");
  const b = r.backing;
  const cur = b.currentReport;
  const g = r.governance;

  const supplyRows = [
    `<tr><th scope="row">Total supply</th><td class="num" data-testid="supply-total">${esc(r.supply.total.formatted)}</td><td>block ${N}</td></tr>`,
    `<tr><th scope="row">Held by the reserve Safe (undistributed: issued, not in circulation, not backing)</th><td class="num" data-testid="supply-undistributed">${esc(r.supply.undistributed.formatted)}</td><td>block ${N}</td></tr>`,
    `<tr><th scope="row">Circulating supply (total − undistributed)</th><td class="num" data-testid="supply-circulating">${esc(r.supply.circulating.formatted)}</td><td>block ${N}</td></tr>`,
  ];
  const backingRows = [
    `<tr><th scope="row">Attested som reserves</th><td class="num" data-testid="reserves">${esc(b.attestedReserves.formatted)}</td><td>block ${N}</td></tr>`,
    `<tr><th scope="row">Coverage of circulating supply (reserves ÷ circulating)</th><td class="num ${cls(b.coverageOfCirculating)}" data-testid="coverage-circulating">${esc(circPercent(b.coverageOfCirculating))}</td><td>block ${N}</td></tr>`,
    `<tr><th scope="row">Coverage of total supply (reserves ÷ total, incl. undistributed)</th><td class="num ${cls(b.coverageOfTotalSupply)}" data-testid="coverage-total">${esc(percent(b.coverageOfTotalSupply))}</td><td>block ${N}</td></tr>`,
    `<tr><th scope="row">Report as of</th><td data-testid="reserves-asof">${b.asOf > 0 ? esc(isoTime(b.asOf)) : "never"} (age ${esc(formatAge(b.ageSeconds))}, maximum ${esc(formatAge(b.maxAgeSeconds))}) <span class="${b.fresh ? "ok" : "bad"}" data-testid="reserves-fresh">${b.fresh ? "fresh" : "stale"}</span></td><td>block ${N}</td></tr>`,
    `<tr><th scope="row">Document</th><td>${cur ? docCell(cur) : `<code data-testid="reserves-dochash">${esc(b.docHash)}</code>`}</td><td>${cur ? `accepted in ${blockCell(cur.block)}` : ""}</td></tr>`,
    `<tr><th scope="row">Signed by</th><td data-testid="reserves-signers">${cur ? signersCell(cur.signers) : "not found in the scanned history"}</td><td>${cur ? link("transaction", cur.transactionUrl) : ""}</td></tr>`,
    `<tr><th scope="row">Attestor set (${b.attestorSet.threshold} of ${b.attestorSet.attestors.length} needed)</th><td data-testid="attestors">${b.attestorSet.attestors.map((a) => addr(a)).join("<br>")}</td><td>block ${N}</td></tr>`,
  ];
  const assetRows = r.tokenizedProperty.assets.map(
    (a) =>
      `<tr data-testid="asset-${esc(a.symbol)}"><td>${esc(a.name)} (${esc(a.symbol)}), ${esc(a.assetClass)}<br><code>${link(a.address, a.url)}</code></td>` +
      `<td class="num" data-testid="asset-${esc(a.symbol)}-shares">${esc(a.sharesHeld.formatted)} / ${esc(a.totalShares.formatted)}</td>` +
      `<td class="num">${esc(a.valuation.formatted)}<br><small>as of ${a.valuationAsOf > 0 ? esc(isoTime(a.valuationAsOf)) : "never"}</small> <span class="${a.valuationFresh ? "ok" : "bad"}">${a.valuationFresh ? "fresh" : "stale"}</span>${a.paused ? ' <span class="bad">paused</span>' : ""}</td>` +
      `<td class="num" data-testid="asset-${esc(a.symbol)}-value">${esc(a.valueHeld.formatted)}</td>` +
      `<td>${a.valuationReport ? signersCell(a.valuationReport.signers) : "not found in the scanned history"}</td><td>block ${N}</td></tr>`,
  );
  assetRows.push(`<tr><th scope="row" colspan="3">Value of the property the reserve holds (not som backing)</th><td class="num" data-testid="property-total">${esc(r.tokenizedProperty.totalValueHeld.formatted)}</td><td></td><td>block ${N}</td></tr>`);
  const otherRows = r.otherTokens.map((t) => `<tr><td>${esc(t.name)} (${esc(t.symbol)})<br><code>${esc(t.address)}</code></td><td class="num">${esc(t.balance.formatted)}</td><td>${t.attestedPrice ? "attested som price: valued in the crypto holdings section, not backing" : "no som price: listed, not backing"}</td><td>block ${t.blockNumber}</td></tr>`);

  const flowRows = r.history.flows.map(
    (f) =>
      `<tr data-testid="flow-${f.days}"><th scope="row">last ${f.days} days${f.complete ? "" : " (history starts later)"}</th><td class="num" data-testid="flow-${f.days}-minted">${esc(f.minted.formatted)}</td><td class="num" data-testid="flow-${f.days}-burned">${esc(f.burned.formatted)}</td><td class="num" data-testid="flow-${f.days}-wiped">${esc(f.wiped.formatted)}</td><td>since ${esc(isoTime(f.fromTimestamp))}, to block ${f.toBlock}</td></tr>`,
  );
  const monthRows = r.history.monthly.map(
    (m) =>
      `<tr><th scope="row">${esc(m.month)}</th><td class="num">${esc(m.minted.formatted)}</td><td class="num">${esc(m.burned.formatted)}</td><td class="num">${esc(m.wiped.formatted)}</td><td class="num">${m.reserveReports}</td><td class="num">${esc(m.reserves.formatted)}</td><td class="num">${esc(m.circulating.formatted)}</td><td>${m.lastBlock}</td></tr>`,
  );
  const reportRows = r.history.reserveReports.map(
    (x) =>
      `<tr data-testid="report-round-${x.roundId}"><td class="num">${x.roundId}</td><td class="num">${esc(x.value.formatted)}</td><td>${esc(isoTime(x.asOf))}</td><td>${docCell(x)}</td><td>${signersCell(x.signers)}</td><td>${blockCell(x.block)}<br>${link("transaction", x.transactionUrl)}</td></tr>`,
  );

  const ownerRows = g.safe.owners.map((o, i) => `<tr><td class="num">${i + 1}</td><td data-testid="owner-${i + 1}">${addr(o)}</td></tr>`);
  const guardBlock = g.reserveGuard
    ? `<h3>ReserveGuard: announced calls</h3>
<p>Guard ${addr(g.reserveGuard.address)} — <span class="${g.reserveGuard.installed ? "ok" : "bad"}">${g.reserveGuard.installed ? "installed on the Safe" : "NOT installed on the Safe"}</span>; delay ${g.reserveGuard.delaySeconds === null ? "unknown" : esc(formatAge(g.reserveGuard.delaySeconds))}; call rule ${g.reserveGuard.callRule ? `<code>${esc(g.reserveGuard.callRule)}</code>` : "none"} (block ${g.blockNumber}).</p>
${table(
  `Pending announcements (${g.reserveGuard.pending.length})`,
  ["Call", "Status", "Executable from", "Expires", "Announced"],
  g.reserveGuard.pending.length === 0
    ? ['<tr><td colspan="5">None.</td></tr>']
    : g.reserveGuard.pending.map(
        (a) =>
          `<tr data-testid="announcement"><td>${esc(a.headline)}<br><code>${esc(a.callHash)}</code></td><td class="${a.status === "executable" ? "bad" : ""}">${a.status}</td><td>${esc(isoTime(a.executableAt))}</td><td>${esc(isoTime(a.expiresAt))}</td><td>${blockCell(a.block)}<br>by ${esc(who(a.announcer))}</td></tr>`,
      ),
  "announcements",
)}`
    : "<p>No ReserveGuard in the deployment records.</p>";
  const execRows = g.executed.map(
    (e) =>
      `<tr data-testid="execution"><td>${esc(e.headline)}${e.details.length > 1 ? `<br><small>${e.details.slice(1).map(esc).join("<br>")}</small>` : ""}</td><td class="${e.success ? "ok" : "bad"}">${e.success ? "success" : "FAILED"}</td><td>${blockCell(e.block)}<br>${link("transaction", e.transactionUrl)}</td></tr>`,
  );
  const upgradeRows = g.upgrades.map(
    (u) =>
      `<tr data-testid="upgrade"><td>${esc(u.contract)} (${u.kind})<br><code>${esc(u.address)}</code></td><td>${addr(u.implementation)}</td><td>${u.initial ? "first implementation" : '<span class="bad">upgrade</span>'}</td><td>${blockCell(u.block)}<br>${link("transaction", u.transactionUrl)}</td></tr>`,
  );

  const extra = r.sections
    .map(
      (s) =>
        `<h2 id="section-${esc(s.id)}">${esc(s.title)}</h2>\n${s.description ? `<p>${esc(s.description)}</p>` : ""}\n${table(`${s.title} (block ${s.blockNumber})`, s.columns, s.rows.length === 0 ? [`<tr><td colspan="${s.columns.length}">None.</td></tr>`] : s.rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`), `section-${s.id}`)}`,
    )
    .join("\n");

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
<div>Circulating supply<b data-testid="kpi-circulating">${esc(r.supply.circulating.formatted)}</b><small>block ${N}</small></div>
<div>Attested som reserves<b data-testid="kpi-reserves">${esc(b.attestedReserves.formatted)}</b><small>block ${N}</small></div>
<div>Coverage of circulating supply<b class="${cls(b.coverageOfCirculating)}" data-testid="kpi-coverage-circulating">${esc(circPercent(b.coverageOfCirculating))}</b><small>block ${N}</small></div>
<div>Coverage of total supply<b class="${cls(b.coverageOfTotalSupply)}" data-testid="kpi-coverage-total">${esc(percent(b.coverageOfTotalSupply))}</b><small>block ${N}</small></div>
</section>
<h2 id="supply">Supply and its som backing</h2>
<p>Token ${esc(r.stablecoin.name)} (${esc(sym)}) <code>${link(r.stablecoin.address, r.explorer ? `${r.explorer.url}/address/${r.stablecoin.address}` : null)}</code> ${r.stablecoin.paused ? '<span class="bad">paused</span>' : '<span class="ok">active</span>'}.</p>
<p class="note">The ${esc(sym)} the reserve Safe holds itself is <b>undistributed</b>: it is not in circulation and is never counted as backing. The som backing is the attested bank reserve only.</p>
${table("Supply", ["Figure", "Amount", "Block"], supplyRows, "supply-table")}
${table("Som backing (attested bank reserves)", ["Figure", "Value", "Block"], backingRows, "backing-table")}
<h2 id="property">Tokenized state property (not part of the som backing)</h2>
<p class="note">Shares of state property the reserve holds, valued by attested reports. These valuations are shown for transparency and are <b>never added</b> to the som backing of ${esc(sym)}.</p>
${table("Property held by the reserve", ["Asset", "Shares held / total", "Valuation of the whole asset", "Value of the shares held", "Valuation attested by", "Block"], assetRows, "property-table")}
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
    `<tr><th scope="row">Threshold</th><td data-testid="safe-threshold">${g.safe.threshold} of ${g.safe.owners.length}</td></tr>`,
    `<tr><th scope="row">Nonce</th><td data-testid="safe-nonce">${g.safe.nonce}</td></tr>`,
    `<tr><th scope="row">Guard</th><td data-testid="safe-guard">${g.safe.guard ? addr(g.safe.guard) : "none"}</td></tr>`,
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
${r.warnings.length === 0 ? '<p class="ok" data-testid="no-warnings">No warnings.</p>' : `<ul class="warn" data-testid="warnings">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`}
</main>
<footer><p><small>Report schema version ${r.schemaVersion} (docs/report.md). Scan: ${r.history.scan.logs} events, ranges of ${r.history.scan.rangeSize} blocks, reorg depth ${r.history.scan.reorgDepth}.</small></p></footer>
</body>
</html>
`;
}
