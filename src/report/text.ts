/** The reserve report as plain text, for the terminal. */
import { formatAge, isoTime, percent } from "./format";
import type { ReportSigner, ReserveReport } from "./model";
import { METHOD_TEXT, circPercent } from "./wording";

function who(l: { address: string; label: string | null }): string {
  return l.label ? `${l.label} (${l.address})` : l.address;
}

function signerText(s: ReportSigner): string {
  return `${s.address ? who(s) : "?"}: ${METHOD_TEXT[s.method]}${s.note ? ` (${s.note})` : ""}`;
}

export function renderText(r: ReserveReport): string {
  const L: string[] = [];
  const sym = r.stablecoin.symbol;
  L.push(`Reserve report — ${r.network} (chain ${r.chainId})`);
  L.push(`Generated at ${r.generatedAt}, as of block ${r.asOf.blockNumber} (${r.asOf.time})`);
  L.push("");
  L.push(
    `Stablecoin ${r.stablecoin.name} (${sym}) at ${r.stablecoin.address}${r.stablecoin.paused ? "  [PAUSED]" : ""}`,
  );
  L.push(`  total supply                       ${r.supply.total.formatted}`);
  L.push(`  held by the reserve Safe           ${r.supply.undistributed.formatted} (undistributed: not backing)`);
  L.push(`  circulating                        ${r.supply.circulating.formatted}`);
  L.push(`  attested som reserves              ${r.backing.attestedReserves.formatted}`);
  L.push(`  coverage of circulating supply     ${circPercent(r.backing.coverageOfCirculating)}`);
  L.push(`  coverage of total supply           ${percent(r.backing.coverageOfTotalSupply)}`);
  L.push(
    `  reserve report as of               ${r.backing.asOf > 0 ? isoTime(r.backing.asOf) : "never"} (age` +
      ` ${formatAge(r.backing.ageSeconds)}, max ${formatAge(r.backing.maxAgeSeconds)},` +
      ` ${r.backing.fresh ? "fresh" : "STALE"})`,
  );
  L.push(`  document hash                      ${r.backing.docHash}`);
  const cur = r.backing.currentReport;
  if (cur) {
    if (cur.uri) L.push(`  document                           ${cur.uri}`);
    for (const s of cur.signers) L.push(`  signed by                          ${signerText(s)}`);
  }
  L.push(
    `  attestors (${r.backing.attestorSet.threshold} of ${r.backing.attestorSet.attestors.length} needed):` +
      ` ${r.backing.attestorSet.attestors.map(who).join(", ")}`,
  );
  L.push(`  (all figures above as of block ${r.asOf.blockNumber})`);
  L.push("");
  L.push("Tokenized state property (its own section: NOT part of the som backing)");
  if (r.tokenizedProperty.assets.length === 0) L.push("  none");
  for (const a of r.tokenizedProperty.assets) {
    L.push(
      `  ${a.symbol.padEnd(12)} ${a.sharesHeld.formatted} of ${a.totalShares.formatted}, asset valued` +
        ` ${a.valuation.formatted}` +
        ` as of ${a.valuationAsOf > 0 ? isoTime(a.valuationAsOf) : "never"} (${a.valuationFresh ? "fresh" : "STALE"})` +
        ` -> ${a.valueHeld.formatted}${a.paused ? "  [PAUSED]" : ""}`,
    );
    for (const s of a.valuationReport?.signers ?? []) L.push(`    valuation signed by ${signerText(s)}`);
  }
  L.push(`  value of the property held         ${r.tokenizedProperty.totalValueHeld.formatted}`);
  for (const t of r.otherTokens)
    L.push(
      `  other token ${t.symbol}: ${t.balance.formatted}` +
        ` (${t.attestedPrice ? "attested som price: valued under the crypto holdings" : "no som price"}; not` +
        ` backing)`,
    );
  L.push("");
  L.push(
    `History (blocks ${r.history.scan.fromBlock}-${r.history.scan.toBlock}, ${r.history.scan.blocksScanned} read from` +
      ` the node this run)`,
  );
  for (const f of r.history.flows) {
    L.push(
      `  last ${String(f.days).padStart(3)} days: minted ${f.minted.formatted}, burned ${f.burned.formatted}, wiped` +
        ` ${f.wiped.formatted}${f.complete ? "" : " (history starts later)"}`,
    );
  }
  L.push(`  ${r.history.reserveReports.length} som reserve report(s) attested`);
  L.push("");
  const g = r.governance;
  L.push(
    `Reserve Safe ${g.safe.address.address}: ${g.safe.threshold}-of-${g.safe.owners.length}, nonce ${g.safe.nonce},` +
      ` guard ${g.safe.guard ? who(g.safe.guard) : "none"}`,
  );
  for (const o of g.safe.owners) L.push(`  owner ${who(o)}`);
  if (g.reserveGuard) {
    L.push(
      `  ReserveGuard ${g.reserveGuard.address.address}` +
        ` (${g.reserveGuard.installed ? "installed" : "NOT installed"}), ${g.reserveGuard.pending.length} pending` +
        ` announcement(s)`,
    );
    for (const a of g.reserveGuard.pending)
      L.push(`    ${a.status}: ${a.headline} (executable ${isoTime(a.executableAt)}, expires ${isoTime(a.expiresAt)})`);
  }
  for (const e of g.executed.slice(0, 5))
    L.push(`  executed block ${e.block.blockNumber}${e.success ? "" : " FAILED"}: ${e.headline}`);
  for (const u of g.upgrades)
    L.push(
      `  ${u.initial ? "deployed" : "UPGRADED"} ${u.contract} -> implementation ${u.implementation.address} at block` +
        ` ${u.block.blockNumber}`,
    );
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
