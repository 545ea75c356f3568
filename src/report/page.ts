/**
 * The reserve report as one standalone HTML page (inline CSS and SVG, no script, no external asset, readable
 * when printed): the page shell and its CSS. Key figures carry data-testid attributes so the browser test can
 * read them back and compare them with the chain. The sections are in ./pageSections.ts.
 */
import { percent } from "./format";
import { MAX_TEXT_PX, SIGNERS_MIN_REM, STACK_BELOW, esc, kpiFig, link, richText } from "./html";
import type { ReserveReport } from "./model";
import { governanceSection, historySection, providedSections, supplySections } from "./pageSections";
import { circPercent } from "./wording";

/** The rules that turn the rows of tables matching `t` into labelled blocks. */
function stacked(t: string): string {
  return [
    `${t},${t}>tbody,${t}>tbody>tr,${t}>caption{display:block;width:auto}`,
    `${t}>thead{display:block;position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);` +
      `white-space:nowrap}`,
    `${t}>tbody>tr{border-top:1px solid #c8c8c8;padding:.45rem 0}${t}>tbody>tr:last-child{border-bottom:1px solid` +
      ` #c8c8c8}`,
    `${t}>tbody>tr>th{display:block;border:0;background:none;padding:0 0 .2rem}`,
    `${t}>tbody>tr>td{display:grid;grid-template-columns:minmax(5rem,min(34%,14rem)) minmax(0,1fr);` +
      `column-gap:.75rem;align-items:baseline;border:0;padding:.12rem 0;text-align:left}`,
    `${t} ul.signers{min-width:0}${t}>tbody>tr>td:empty{display:none}` +
      `${t}>tbody>tr>td>.v:only-child{grid-column:1/-1}${t} .lbl{display:block}`,
  ].join("\n");
}

const CSS =
  `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:${MAX_TEXT_PX}px;` +
  `color:#1a1a1a;background:#fff;padding:0 1rem;line-height:1.45;overflow-wrap:break-word}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #1a1a1a;` +
  `padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.4rem}
.p{margin:1rem 0}
table{border-collapse:collapse;width:100%;margin:.6rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}
td,th{padding:.35rem .55rem;border-bottom:1px solid #c8c8c8;text-align:left;vertical-align:top}th{background:#f2f2f2}
.num{text-align:right}.fig{white-space:nowrap;font-variant-numeric:tabular-nums}.ok{color:#0a6b2c;font-weight:600}` +
  `.bad{color:#a3001b;font-weight:600}
.lbl{display:none;font-size:.85rem;font-weight:600;color:#4a4a4a}
code{font-size:.82rem;color:#333}code.full{display:block;word-break:break-all}.brk{overflow-wrap:anywhere}` +
  `small{color:#4a4a4a}a{color:#0b3d91}
details.addr{display:inline-block;max-width:100%;vertical-align:top}details.addr small{display:block}details.addr` +
  ` summary code{white-space:nowrap}summary{cursor:pointer}
ul.signers{list-style:none;margin:0;padding:0}ul.signers li+li{margin-top:.15rem}ul.signers .ok{font-weight:500}` +
  `.nw{white-space:nowrap}small.note-line{display:block}.rt ul.signers{min-width:${SIGNERS_MIN_REM}rem}` +
  `small.by{display:block;margin-top:.25rem}
details.more{margin-top:.2rem}.pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem;color:#333}
.kpi{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.8rem;margin:1rem 0}.kpi div{border:1px solid` +
  ` #8a8a8a;border-radius:6px;padding:.6rem .9rem}
@media (max-width:1100px){.kpi{grid-template-columns:repeat(2,minmax(0,1fr))}}@media` +
  ` (max-width:600px){.kpi{grid-template-columns:minmax(0,1fr)}}
.kpi b{display:block;font-size:1.3rem;font-variant-numeric:tabular-nums}.note{background:#f4f4f4;border-left:4px` +
  ` solid #4a4a4a;padding:.5rem .8rem}
.warn{background:#fff4f4;border:1px solid #a3001b;padding:.6rem 1rem .6rem 2rem;border-radius:6px}
figure{margin:1rem 0}figure svg{display:block;width:100%;height:auto}figure .chart-wide{max-width:1000px;margin:0` +
  ` auto}.chart-narrow{display:none}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);` +
  `white-space:nowrap;border:0}
${stacked(".rt.sall")}
${STACK_BELOW.map((b) => `@media (max-width:${b}px){\n${stacked(`.rt.s${b}`)}\n}`).join("\n")}
@media (max-width:40rem){body{margin-top:1rem}h1{font-size:1.35rem}.kpi{gap:.5rem}.kpi div{padding:.45rem .8rem}.kpi` +
  ` b{font-size:1.2rem}}
@media (max-width:47.99rem){figure .chart-wide{display:none}figure .chart-narrow{display:block;max-width:34rem;` +
  `margin:0 auto}}
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
  return (
    `<!doctype html>
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
as of block <span data-testid="block-number">${link(String(N), r.asOf.url)}</span> (<time` +
    ` datetime="${esc(r.asOf.time)}" data-testid="block-time">${esc(r.asOf.time)}</time>).
Every figure is read at that block unless another block is shown beside it.${
      r.explorer ? ` Links go to` + ` ${esc(r.explorer.name)}.` : ""
    }</p>
</header>
<main>
<section aria-label="Key figures" class="kpi">
<div>Circulating supply<b data-testid="kpi-circulating">${kpiFig(r.supply.circulating.formatted)}</b><small>block` +
    ` ${N}</small></div>
<div>Attested som reserves<b data-testid="kpi-reserves">${kpiFig(b.attestedReserves.formatted)}</b><small>block ${N}` +
    `</small></div>
<div>Coverage of circulating supply<b class="${cls(b.coverageOfCirculating)}"` +
    ` data-testid="kpi-coverage-circulating">${kpiFig(circPercent(b.coverageOfCirculating))}</b><small>block ${N}` +
    `</small></div>
<div>Coverage of total supply<b class="${cls(b.coverageOfTotalSupply)}"` +
    ` data-testid="kpi-coverage-total">${kpiFig(percent(b.coverageOfTotalSupply))}</b><small>block ${N}</small></div>
</section>
${supplySections(r)}
${historySection(r)}
${governanceSection(r)}
${providedSections(r)}
<h2 id="warnings">Warnings</h2>
${
  r.warnings.length === 0
    ? '<p class="ok" data-testid="no-warnings">No warnings.</p>'
    : `<ul class="warn"` + ` data-testid="warnings">${r.warnings.map((w) => `<li>${richText(w)}</li>`).join("")}</ul>`
}
</main>
<footer><p><small>Report schema version ${r.schemaVersion} (docs/report.md). Scan: ${r.history.scan.logs} events,` +
    ` ranges of ${r.history.scan.rangeSize} blocks, reorg depth ${r.history.scan.reorgDepth}.</small></p></footer>
</body>
</html>
`
  );
}
