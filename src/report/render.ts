/**
 * Renders a {@link ReserveReport} as plain text (terminal) and as one standalone HTML page
 * (inline CSS, no scripts, no external assets). Key figures carry data-testid attributes so a
 * browser test can read them back and compare with the chain.
 */
import { formatAge, isoTime, percent } from "./format";
import type { AssetHolding, ReserveReport, TokenHolding } from "./model";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderText(r: ReserveReport): string {
  const lines: string[] = [];
  lines.push(`Reserve report — ${r.network} (chain ${r.chainId}), block ${r.blockNumber}, ${r.generatedAt}`);
  lines.push("");
  lines.push(`Stablecoin ${r.stablecoin.name} (${r.stablecoin.symbol}) at ${r.stablecoin.address}${r.stablecoin.paused ? "  [PAUSED]" : ""}`);
  lines.push(`  supply            ${r.stablecoin.totalSupply.formatted}`);
  lines.push(`  attested reserves ${r.reserves.value.formatted}`);
  lines.push(`  coverage          ${percent(r.reserves.coverageRatio)}`);
  lines.push(
    `  report as of      ${isoTime(r.reserves.asOf)} (age ${formatAge(r.reserves.ageSeconds)}, max ${formatAge(r.reserves.maxAgeSeconds)}, ${r.reserves.fresh ? "fresh" : "STALE"})`,
  );
  lines.push(`  document hash     ${r.reserves.docHash}`);
  lines.push("");
  lines.push(`Reserve Safe ${r.safe.address}: ${r.safe.threshold}-of-${r.safe.owners.length}, nonce ${r.safe.nonce}`);
  for (const o of r.safe.owners) lines.push(`  owner ${o}`);
  lines.push("");
  lines.push("Holdings of the reserve");
  lines.push(`  ${r.holdings.stablecoin.symbol.padEnd(12)} ${r.holdings.stablecoin.balance.formatted}`);
  for (const a of r.holdings.assets) {
    lines.push(
      `  ${a.symbol.padEnd(12)} ${a.sharesHeld.formatted} of ${a.totalShares.formatted}, asset valued ${a.valuation.formatted}` +
        ` as of ${a.valuationAsOf > 0 ? isoTime(a.valuationAsOf) : "never"} (${a.valuationFresh ? "fresh" : "STALE"}) -> ${a.valueHeld.formatted}${a.paused ? "  [PAUSED]" : ""}`,
    );
  }
  for (const t of r.holdings.otherTokens) {
    lines.push(`  ${t.symbol.padEnd(12)} ${t.balance.formatted}${t.valueSom ? ` -> ${t.valueSom.formatted}` : " (no som price)"}`);
  }
  lines.push(`  total value      ${r.holdings.totalValueSom.formatted}`);
  lines.push("");
  if (r.warnings.length === 0) lines.push("No warnings.");
  else for (const w of r.warnings) lines.push(`WARNING: ${w}`);
  return lines.join("\n");
}

function tokenRow(t: TokenHolding, id: string): string {
  return `<tr data-testid="holding-${esc(id)}"><td>${esc(t.name)} (${esc(t.symbol)})<br><code>${esc(t.address)}</code></td><td class="num" data-testid="holding-${esc(id)}-balance">${esc(t.balance.formatted)}</td><td class="num">${t.valueSom ? esc(t.valueSom.formatted) : "no som price"}</td><td></td></tr>`;
}

function assetRow(a: AssetHolding): string {
  return `<tr data-testid="asset-${esc(a.symbol)}"><td>${esc(a.name)} (${esc(a.symbol)}), ${esc(a.assetClass)}<br><code>${esc(a.address)}</code></td>` +
    `<td class="num" data-testid="asset-${esc(a.symbol)}-shares">${esc(a.sharesHeld.formatted)} / ${esc(a.totalShares.formatted)}</td>` +
    `<td class="num" data-testid="asset-${esc(a.symbol)}-value">${esc(a.valueHeld.formatted)}</td>` +
    `<td>valuation ${esc(a.valuation.formatted)} as of ${a.valuationAsOf > 0 ? esc(isoTime(a.valuationAsOf)) : "never"} ` +
    `<span class="${a.valuationFresh ? "ok" : "bad"}">${a.valuationFresh ? "fresh" : "stale"}</span>${a.paused ? ' <span class="bad">paused</span>' : ""}</td></tr>`;
}

export function renderHtml(r: ReserveReport): string {
  const coverageClass = r.reserves.coverageRatio === null || r.reserves.coverageRatio >= 1 ? "ok" : "bad";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reserve report — ${esc(r.network)} block ${r.blockNumber}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:960px;color:#1a1a1a;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.ok{color:#0a7a32;font-weight:600}.bad{color:#b00020;font-weight:600}
code{font-size:.8rem;color:#555;word-break:break-all}.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;min-width:200px}
.kpi b{display:block;font-size:1.3rem}.warn{background:#fff4f4;border:1px solid #f3c2c2;padding:.6rem 1rem;border-radius:6px}
</style>
</head>
<body>
<h1>Reserve report</h1>
<p>Network <b data-testid="network">${esc(r.network)}</b> (chain <span data-testid="chain-id">${r.chainId}</span>), block <span data-testid="block-number">${r.blockNumber}</span>, generated ${esc(r.generatedAt)}.</p>
<div class="kpi">
<div>Stablecoin supply<b data-testid="supply">${esc(r.stablecoin.totalSupply.formatted)}</b></div>
<div>Attested som reserves<b data-testid="reserves">${esc(r.reserves.value.formatted)}</b></div>
<div>Coverage<b class="${coverageClass}" data-testid="coverage">${esc(percent(r.reserves.coverageRatio))}</b></div>
<div>Total reserve value<b data-testid="total-value">${esc(r.holdings.totalValueSom.formatted)}</b></div>
</div>
<h2>Stablecoin and its backing</h2>
<table>
<tr><th>Token</th><td>${esc(r.stablecoin.name)} (${esc(r.stablecoin.symbol)}) <code>${esc(r.stablecoin.address)}</code> ${r.stablecoin.paused ? '<span class="bad">paused</span>' : '<span class="ok">active</span>'}</td></tr>
<tr><th>Reserve report as of</th><td data-testid="reserves-asof">${esc(isoTime(r.reserves.asOf))} (age ${esc(formatAge(r.reserves.ageSeconds))}, maximum ${esc(formatAge(r.reserves.maxAgeSeconds))}) <span class="${r.reserves.fresh ? "ok" : "bad"}" data-testid="reserves-fresh">${r.reserves.fresh ? "fresh" : "stale"}</span></td></tr>
<tr><th>Document hash</th><td><code data-testid="reserves-dochash">${esc(r.reserves.docHash)}</code></td></tr>
</table>
<h2>Reserve Safe</h2>
<table>
<tr><th>Address</th><td><code data-testid="safe-address">${esc(r.safe.address)}</code></td></tr>
<tr><th>Threshold</th><td data-testid="safe-threshold">${r.safe.threshold} of ${r.safe.owners.length}</td></tr>
<tr><th>Nonce</th><td data-testid="safe-nonce">${r.safe.nonce}</td></tr>
<tr><th>Owners</th><td>${r.safe.owners.map((o) => `<code>${esc(o)}</code>`).join("<br>")}</td></tr>
</table>
<h2>Holdings of the reserve</h2>
<table>
<tr><th>Holding</th><th class="num">Balance / shares</th><th class="num">Value (som)</th><th>Notes</th></tr>
${tokenRow(r.holdings.stablecoin, "stablecoin")}
${r.holdings.assets.map(assetRow).join("\n")}
${r.holdings.otherTokens.map((t) => tokenRow(t, t.symbol)).join("\n")}
<tr><th>Total</th><td></td><td class="num" data-testid="total-value-row">${esc(r.holdings.totalValueSom.formatted)}</td><td></td></tr>
</table>
<h2>Warnings</h2>
${r.warnings.length === 0 ? '<p class="ok" data-testid="no-warnings">No warnings.</p>' : `<ul class="warn" data-testid="warnings">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`}
</body>
</html>
`;
}
