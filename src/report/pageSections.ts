/**
 * The sections of the reserve report page, each one function returning its HTML: supply and backing,
 * tokenized property, history, governance (with the ReserveGuard's announcements) and the sections that
 * providers add. The page shell and its CSS are in ./page.ts; the building blocks in ./html.ts.
 */
import { renderChart } from "./chart";
import { formatAge, isoTime, percent } from "./format";
import {
  addr,
  blockCell,
  decodedCall,
  docCell,
  esc,
  fig,
  hex,
  link,
  richText,
  sectionCell,
  signersCell,
  table,
  when,
} from "./html";
import type { Labelled, ReserveReport } from "./model";
import { circPercent } from "./wording";

/** The supply table's rows: total, undistributed (held by the reserve Safe), circulating. */
function supplyTableRows(r: ReserveReport): string[] {
  const N = r.asOf.blockNumber;
  const supplyRows = [
    `<tr><th scope="row">Total supply</th><td class="num">${fig(r.supply.total.formatted, "supply-total")}</td><td>` +
      `<span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Held by the reserve Safe (undistributed: issued, not in circulation, not backing)</th>` +
      `<td class="num">${fig(r.supply.undistributed.formatted, "supply-undistributed")}</td><td>` +
      `<span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Circulating supply (total − undistributed)</th>` +
      `<td class="num">${fig(r.supply.circulating.formatted, "supply-circulating")}</td><td>` +
      `<span class="fig">block ${N}</span></td></tr>`,
  ];
  return supplyRows;
}

/** The som backing table's rows: attested reserves, coverage, the report, its document, signers and attestors. */
function backingTableRows(r: ReserveReport): string[] {
  const N = r.asOf.blockNumber;
  const cls = (x: number | null): string => (x === null || x >= 1 ? "ok" : "bad");
  const b = r.backing;
  const cur = b.currentReport;
  const backingRows = [
    `<tr><th scope="row">Attested som reserves</th><td class="num">${fig(b.attestedReserves.formatted, "reserves")}` +
      `</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Coverage of circulating supply (reserves ÷ circulating)</th><td` +
      ` class="num">${fig(
        circPercent(b.coverageOfCirculating),
        "coverage-circulating",
        cls(b.coverageOfCirculating),
      )}` +
      `</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Coverage of total supply (reserves ÷ total, incl. undistributed)</th>` +
      `<td class="num">${fig(percent(b.coverageOfTotalSupply), "coverage-total", cls(b.coverageOfTotalSupply))}` +
      `</td><td><span class="fig">block ${N}</span></td></tr>`,
    `<tr><th scope="row">Report as of</th><td><span` +
      ` data-testid="reserves-asof">${b.asOf > 0 ? when(isoTime(b.asOf)) : "never"} (age` +
      ` ${esc(formatAge(b.ageSeconds))}, maximum ${esc(formatAge(b.maxAgeSeconds))})</span> <span` +
      ` class="${b.fresh ? "ok" : "bad"}"` +
      ` data-testid="reserves-fresh">${b.fresh ? "fresh" : "stale"}</span></td><td><span class="fig">block` +
      ` ${N}</span></td></tr>`,
    `<tr><th scope="row">Document</th><td>${cur ? docCell(cur) : hex(b.docHash, "reserves-dochash")}</td>` +
      `<td>${cur ? `accepted in ${blockCell(cur.block)}` : ""}</td></tr>`,
    `<tr><th scope="row">Signed by</th>` +
      `<td>${
        cur
          ? signersCell(cur.signers, "reserves-signers")
          : '<span data-testid="reserves-signers">not found in the scanned history</span>'
      }</td>` +
      `<td>${cur ? link("transaction", cur.transactionUrl) : ""}</td></tr>`,
    `<tr><th scope="row">Attestor set (${b.attestorSet.threshold} of ${b.attestorSet.attestors.length} needed)</th>` +
      `<td><div data-testid="attestors">${b.attestorSet.attestors.map((a) => addr(a)).join("<br>")}</div></td><td>` +
      `<span class="fig">block ${N}</span></td></tr>`,
  ];
  return backingRows;
}

/** The property table's rows: one per tokenized asset held, then the total value held. */
function propertyTableRows(r: ReserveReport): string[] {
  const N = r.asOf.blockNumber;
  const assetRows = r.tokenizedProperty.assets.map(
    (a) =>
      `<tr data-testid="asset-${esc(a.symbol)}"><td>${esc(a.name)} (${esc(a.symbol)}), ${esc(a.assetClass)}` +
      `<br>${addr({ address: a.address, label: null, url: a.url })}</td>` +
      `<td class="num"><span data-testid="asset-${esc(a.symbol)}-shares">${fig(a.sharesHeld.formatted)} /` +
      ` ${fig(a.totalShares.formatted)}</span></td>` +
      `<td>${fig(a.valuation.formatted)} ` +
      `<span class="${a.valuationFresh ? "ok" : "bad"}">${a.valuationFresh ? "fresh" : "stale"}` +
      `</span>${a.paused ? ' <span class="bad">paused</span>' : ""}<br>` +
      `<small>as of ${a.valuationAsOf > 0 ? when(isoTime(a.valuationAsOf)) : "never"}</small>` +
      `${
        a.valuationReport
          ? `<small class="by">attested by` + `</small>${signersCell(a.valuationReport.signers)}`
          : '<small class="by">attestors not found in the scanned history</small>'
      }</td>` +
      `<td class="num">${fig(a.valueHeld.formatted, `asset-${a.symbol}-value`)}</td>` +
      `<td><span class="fig">block ${N}</span></td></tr>`,
  );
  assetRows.push(
    `<tr><th scope="row" colspan="3">Value of the property the reserve holds (not som backing)</th>` +
      `<td class="num">${fig(r.tokenizedProperty.totalValueHeld.formatted, "property-total")}</td><td>` +
      `<span class="fig">block ${N}</span></td></tr>`,
  );
  return assetRows;
}

/** The rows of the other (unpriced) tokens held. */
function otherTokenRows(r: ReserveReport): string[] {
  const otherRows = r.otherTokens.map(
    (t) =>
      `<tr><td>${addr({ address: t.address, label: `${t.name} (${t.symbol})`, url: null })}</td><td` +
      ` class="num">${fig(t.balance.formatted)}</td>` +
      `<td>${
        t.attestedPrice
          ? "attested som price: valued in the crypto holdings section, not backing"
          : "no som price: listed, not backing"
      }</td>` +
      `<td><span class="fig">block ${t.blockNumber}</span></td></tr>`,
  );
  return otherRows;
}

/** Supply, its som backing, the tokenized property held and the other tokens held. */
export function supplySections(r: ReserveReport): string {
  const sym = r.stablecoin.symbol;
  const supplyRows = supplyTableRows(r);
  const backingRows = backingTableRows(r);
  const assetRows = propertyTableRows(r);
  const otherRows = otherTokenRows(r);

  const tokenAddress: Labelled = {
    address: r.stablecoin.address,
    label: null,
    url: r.explorer ? `${r.explorer.url}/address/${r.stablecoin.address}` : null,
  };
  return (
    `<h2 id="supply">Supply and its som backing</h2>
<div class="p">Token ${esc(r.stablecoin.name)} (${esc(sym)}) ${addr(tokenAddress, "stablecoin-address")}` +
    ` ${r.stablecoin.paused ? '<span class="bad">paused</span>' : '<span class="ok">active</span>'}.</div>
<p class="note">The ${esc(sym)} the reserve Safe holds itself is <b>undistributed</b>: it is not in circulation and` +
    ` is never counted as backing. The som backing is the attested bank reserve only.</p>
${table("Supply", ["Figure", "Amount", "Block"], supplyRows, "supply-table")}
${table("Som backing (attested bank reserves)", ["Figure", "Value", "Block"], backingRows, "backing-table")}
<h2 id="property">Tokenized state property (not part of the som backing)</h2>
<p class="note">Shares of state property the reserve holds, valued by attested reports. These valuations are shown` +
    ` for transparency and are <b>never added</b> to the som backing of ${esc(sym)}.</p>
${table(
  "Property held by the reserve",
  [
    "Asset",
    "Shares held / total",
    "Valuation of the whole asset (as of, attested by)",
    "Value of the shares held",
    "Block",
  ],
  assetRows,
  "property-table",
)}
${
  otherRows.length > 0
    ? table(
        "Other tokens held (not priced, not backing)",
        ["Token", "Balance", "Note", "Block"],
        otherRows,
        "other-tokens",
      )
    : ""
}`
  );
}

/** Chart, flows, monthly summary and reserve reports from the scanned history. */
export function historySection(r: ReserveReport): string {
  const sym = r.stablecoin.symbol;
  const N = r.asOf.blockNumber;
  const b = r.backing;
  const flowRows = r.history.flows.map(
    (f) =>
      `<tr data-testid="flow-${f.days}">` +
      `<th scope="row">last ${f.days} days${f.complete ? "" : " (history starts later)"}</th>` +
      `<td class="num">${fig(f.minted.formatted, `flow-${f.days}-minted`)}</td>` +
      `<td class="num">${fig(f.burned.formatted, `flow-${f.days}-burned`)}</td>` +
      `<td class="num">${fig(f.wiped.formatted, `flow-${f.days}-wiped`)}</td>` +
      `<td>since ${when(isoTime(f.fromTimestamp))}, to <span class="fig">block ${f.toBlock}</span></td></tr>`,
  );
  const monthRows = r.history.monthly.map(
    (m) =>
      `<tr><th scope="row">${fig(m.month)}</th><td class="num">${fig(m.minted.formatted)}</td>` +
      `<td class="num">${fig(m.burned.formatted)}</td><td class="num">${fig(m.wiped.formatted)}</td>` +
      `<td class="num">${m.reserveReports}</td><td class="num">${fig(m.reserves.formatted)}</td>` +
      `<td class="num">${fig(m.circulating.formatted)}</td><td>${m.lastBlock}</td></tr>`,
  );
  const reportRows = r.history.reserveReports.map(
    (x) =>
      `<tr data-testid="report-round-${x.roundId}"><td class="num">${x.roundId}</td>` +
      `<td class="num">${fig(x.value.formatted)}</td><td>${when(isoTime(x.asOf))}</td><td>${docCell(x)}</td>` +
      `<td>${signersCell(x.signers)}</td><td>${blockCell(x.block)}<br>${link("transaction", x.transactionUrl)}` +
      `</td></tr>`,
  );

  return (
    `<h2 id="history">History</h2>
<p>From chain events of blocks ${r.history.scan.fromBlock} to ${r.history.scan.toBlock} (no indexer:` +
    ` ${r.history.scan.blocksScanned} block(s) read from the node in this run, the rest from the cache).</p>
<figure>
${renderChart(r.history.series, {
  tokenDecimals: r.stablecoin.decimals,
  valueDecimals: b.attestedReserves.decimals,
  tokenSymbol: sym,
})}
<figcaption>Attested som reserves (solid, squares) and circulating ${esc(sym)} (dashed, circles) from block` +
    ` ${r.history.series[0]?.blockNumber ?? N} to block ${N}.</figcaption>
</figure>
${table(
  `Minted, burned and wiped` + ` ${sym}`,
  ["Period", "Minted", "Burned (redemptions)", "Wiped (legal orders)", "Window"],
  flowRows,
  "flows",
)}
${table(
  "Monthly summary (UTC months, newest first)",
  [
    "Month",
    "Minted",
    "Burned",
    "Wiped",
    "Reserve reports",
    "Reserves at month end",
    "Circulating at month end",
    "Block",
  ],
  monthRows,
  "monthly",
)}
${table(
  `Som reserve reports (${r.history.reserveReports.length}, newest` + ` first)`,
  ["Round", "Reserves", "As of", "Document (URI, hash)", "Signers (verified)", "Accepted in block"],
  reportRows,
  "reserve-reports",
)}`
  );
}

/** The ReserveGuard: installed or not, its delay and call rule, the pending announcements. */
function guardSection(g: ReserveReport["governance"]): string {
  return g.reserveGuard
    ? `<h3>ReserveGuard: announced calls</h3>
<div class="p">Guard ${addr(g.reserveGuard.address)} — <span` +
        ` class="${g.reserveGuard.installed ? "ok" : "bad"}">` +
        `${g.reserveGuard.installed ? "installed on the Safe" : "NOT installed on the Safe"}</span>; ` +
        `delay ${g.reserveGuard.delaySeconds === null ? "unknown" : esc(formatAge(g.reserveGuard.delaySeconds))}; ` +
        `call rule ${g.reserveGuard.callRule ? hex(g.reserveGuard.callRule) : "none"} (block ${g.blockNumber}).</div>
${table(
  `Pending announcements (${g.reserveGuard.pending.length})`,
  ["Call", "Status", "Executable from", "Expires", "Announced"],
  g.reserveGuard.pending.length === 0
    ? ['<tr><td colspan="5">None.</td></tr>']
    : g.reserveGuard.pending.map(
        (a) =>
          `<tr data-testid="announcement"><td>${decodedCall(a.headline, a.details)}<div><small>call hash` +
          `</small> ${hex(a.callHash)}</div></td>` +
          `<td class="${a.status === "executable" ? "bad" : ""}">${a.status}</td>` +
          `<td>${when(isoTime(a.executableAt))}</td><td>${when(isoTime(a.expiresAt))}</td>` +
          `<td>${blockCell(a.block)}<br>by ${addr(a.announcer)}</td></tr>`,
      ),
  "announcements",
)}`
    : "<p>No ReserveGuard in the deployment records.</p>";
}

/** The reserve Safe, its owners, the guard, recent executions and upgrades. */
export function governanceSection(r: ReserveReport): string {
  const g = r.governance;
  const ownerRows = g.safe.owners.map(
    (o, i) => `<tr><td class="num">${i + 1}</td><td><div data-testid="owner-${i + 1}">${addr(o)}</div></td></tr>`,
  );
  const guardBlock = guardSection(g);
  const execRows = g.executed.map(
    (e) =>
      `<tr data-testid="execution"><td>${decodedCall(e.headline, e.details)}</td>` +
      `<td class="${e.success ? "ok" : "bad"}">${e.success ? "success" : "FAILED"}</td><td>${blockCell(e.block)}` +
      `<br>${link("transaction", e.transactionUrl)}</td></tr>`,
  );
  const upgradeRows = g.upgrades.map(
    (u) =>
      `<tr data-testid="upgrade"><td>${addr({ address: u.address, label: `${u.contract} (${u.kind})`, url: null })}` +
      `</td><td>${addr(u.implementation)}</td>` +
      `<td>${u.initial ? "first implementation" : '<span class="bad">upgrade</span>'}</td>` +
      `<td>${blockCell(u.block)}<br>${link("transaction", u.transactionUrl)}</td></tr>`,
  );

  return `<h2 id="governance">Governance</h2>
${table(
  "Reserve Safe",
  ["Figure", "Value"],
  [
    `<tr><th scope="row">Address</th><td>${addr(g.safe.address, "safe-address")}</td></tr>`,
    `<tr><th scope="row">Threshold</th><td>` +
      `<span data-testid="safe-threshold">${g.safe.threshold} of ${g.safe.owners.length}</span></td></tr>`,
    `<tr><th scope="row">Nonce</th><td><span data-testid="safe-nonce">${g.safe.nonce}</span></td></tr>`,
    `<tr><th scope="row">Guard</th><td><div data-testid="safe-guard">${g.safe.guard ? addr(g.safe.guard) : "none"}` +
      `</div></td></tr>`,
    `<tr><th scope="row">Modules</th>` +
      `<td>${g.safe.modules.length === 0 ? "none" : g.safe.modules.map((m) => addr(m)).join("<br>")}</td></tr>`,
    `<tr><th scope="row">Block</th><td>${g.blockNumber}</td></tr>`,
  ],
  "safe-table",
)}
${table("Safe owners", ["#", "Owner"], ownerRows, "owners")}
${guardBlock}
${table(
  `Recent executed Safe transactions (${g.executed.length}, newest` + ` first)`,
  ["Call (decoded)", "Result", "Block"],
  execRows.length > 0 ? execRows : ['<tr><td colspan="3">None.</td></tr>'],
  "executions",
)}
${table(
  "Upgrades: implementation history",
  ["Contract", "Implementation", "Event", "Block"],
  upgradeRows.length > 0 ? upgradeRows : ['<tr><td colspan="4">None.</td></tr>'],
  "upgrades",
)}`;
}

/** The sections that providers contribute (src/report/sections.ts), each a table. */
export function providedSections(r: ReserveReport): string {
  return r.sections
    .map(
      (s) =>
        `<h2 id="section-${esc(s.id)}">${esc(s.title)}</h2>\n${
          s.description ? `<div` + ` class="p">${richText(s.description)}</div>` : ""
        }\n${table(
          `${s.title} (block` + ` ${s.blockNumber})`,
          s.columns,
          s.rows.length === 0
            ? [`<tr><td colspan="${s.columns.length}">None.</td>` + `</tr>`]
            : s.rows.map((row) => `<tr>${row.map((c) => `<td>${sectionCell(c)}</td>`).join("")}` + `</tr>`),
          `section-${s.id}`,
        )}`,
    )
    .join("\n");
}
