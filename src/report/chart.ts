/**
 * The history chart as inline SVG: attested som reserves and circulating supply over time, as step
 * lines (a value holds until the next event). No script, font or external resource; the two series
 * differ by line style (solid / dashed) and marker shape as well as colour, so a black-and-white
 * print stays readable. Every point carries its block number and raw values (data-* attributes) so
 * a test can check it against the chain.
 */
import { isoTime } from "./format";
import type { SeriesPoint } from "./model";

export interface ChartOptions {
  tokenDecimals: number;
  valueDecimals: number;
  tokenSymbol: string;
  width?: number;
  height?: number;
}

const M = { top: 20, right: 20, bottom: 48, left: 96 };

function units(raw: string, decimals: number): number {
  return Number(BigInt(raw)) / 10 ** decimals;
}

/** "1.25M", "980k", "12.5" */
export function compact(v: number): string {
  const abs = Math.abs(v);
  const f = (x: number): string => (Math.round(x * 100) / 100).toString();
  if (abs >= 1e9) return `${f(v / 1e9)}B`;
  if (abs >= 1e6) return `${f(v / 1e6)}M`;
  if (abs >= 1e3) return `${f(v / 1e3)}k`;
  return f(v);
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** The chart's y value of a raw amount (for tests: y = top + plotHeight × (1 − value / yMax)). */
export function chartGeometry(points: readonly SeriesPoint[], o: ChartOptions) {
  const width = o.width ?? 900;
  const height = o.height ?? 320;
  const pw = width - M.left - M.right;
  const ph = height - M.top - M.bottom;
  const maxV = Math.max(0, ...points.map((p) => units(p.reserves, o.valueDecimals)), ...points.map((p) => units(p.circulating, o.tokenDecimals)));
  const yMax = niceMax(maxV * 1.05);
  const t0 = points[0]?.timestamp ?? 0;
  const t1 = points[points.length - 1]?.timestamp ?? 1;
  const span = Math.max(1, t1 - t0);
  const x = (ts: number): number => M.left + (pw * (ts - t0)) / span;
  const y = (v: number): number => M.top + ph * (1 - v / yMax);
  return { width, height, pw, ph, yMax, t0, t1, x, y };
}

const r2 = (n: number): string => (Math.round(n * 100) / 100).toString();

function stepPath(points: readonly SeriesPoint[], value: (p: SeriesPoint) => number, x: (t: number) => number, y: (v: number) => number): string {
  let d = "";
  points.forEach((p, i) => {
    const px = r2(x(p.timestamp));
    const py = r2(y(value(p)));
    if (i === 0) d += `M${px} ${py}`;
    else d += `H${px}V${py}`;
  });
  return d;
}

export function renderChart(points: readonly SeriesPoint[], o: ChartOptions): string {
  if (points.length === 0) return '<p data-testid="chart-empty">No history yet.</p>';
  const g = chartGeometry(points, o);
  const res = (p: SeriesPoint): number => units(p.reserves, o.valueDecimals);
  const circ = (p: SeriesPoint): number => units(p.circulating, o.tokenDecimals);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * g.yMax);
  const xTicks = g.t1 === g.t0 ? [g.t0] : [0, 0.2, 0.4, 0.6, 0.8, 1].map((f) => Math.round(g.t0 + f * (g.t1 - g.t0)));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${g.width} ${g.height}" width="100%" data-testid="chart" data-y-max="${g.yMax}" data-plot-top="${M.top}" data-plot-height="${g.ph}">`,
    `<title id="chart-title">Attested som reserves and circulating ${o.tokenSymbol} over time</title>`,
    `<desc id="chart-desc">Step chart from ${isoTime(g.t0)} (block ${points[0].blockNumber}) to ${isoTime(g.t1)} (block ${points[points.length - 1].blockNumber}). Solid line with squares: attested som reserves. Dashed line with circles: circulating supply (total supply minus the reserve Safe's own balance).</desc>`,
    `<rect x="${M.left}" y="${M.top}" width="${g.pw}" height="${g.ph}" fill="#fff" stroke="#767676"/>`,
  );
  for (const v of yTicks) {
    const yy = r2(g.y(v));
    parts.push(`<line x1="${M.left}" x2="${M.left + g.pw}" y1="${yy}" y2="${yy}" stroke="#d0d0d0" stroke-width="1"/>`);
    parts.push(`<text x="${M.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="#1a1a1a">${compact(v)}</text>`);
  }
  xTicks.forEach((ts, i) => {
    const xx = r2(g.x(ts));
    // The last label ends at its tick, so it stays inside the picture.
    const anchor = xTicks.length > 1 && i === xTicks.length - 1 ? "end" : "middle";
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${M.top + g.ph}" y2="${M.top + g.ph + 5}" stroke="#1a1a1a"/>`);
    parts.push(`<text x="${xx}" y="${M.top + g.ph + 18}" text-anchor="${anchor}" font-size="12" fill="#1a1a1a">${isoTime(ts).slice(0, 10)}</text>`);
  });
  parts.push(`<text x="16" y="${M.top + g.ph / 2}" transform="rotate(-90 16 ${M.top + g.ph / 2})" text-anchor="middle" font-size="12" fill="#1a1a1a">som / ${o.tokenSymbol}</text>`);
  parts.push(`<path d="${stepPath(points, res, g.x, g.y)}" fill="none" stroke="#0b3d91" stroke-width="2.5"/>`);
  parts.push(`<path d="${stepPath(points, circ, g.x, g.y)}" fill="none" stroke="#9a3b00" stroke-width="2" stroke-dasharray="7 4"/>`);
  parts.push('<g data-testid="chart-points">');
  for (const p of points) {
    const xx = r2(g.x(p.timestamp));
    parts.push(
      `<g data-testid="chart-point" data-block="${p.blockNumber}" data-timestamp="${p.timestamp}" data-reserves="${p.reserves}" data-circulating="${p.circulating}" data-total-supply="${p.totalSupply}">` +
        `<rect class="pt-reserves" x="${r2(g.x(p.timestamp) - 2.5)}" y="${r2(g.y(res(p)) - 2.5)}" width="5" height="5" fill="#0b3d91"/>` +
        `<circle class="pt-circulating" cx="${xx}" cy="${r2(g.y(circ(p)))}" r="2.5" fill="#fff" stroke="#9a3b00" stroke-width="1.5"/></g>`,
    );
  }
  parts.push("</g>");
  const ly = g.height - 12;
  parts.push(
    `<line x1="${M.left}" x2="${M.left + 30}" y1="${ly}" y2="${ly}" stroke="#0b3d91" stroke-width="2.5"/><rect x="${M.left + 12.5}" y="${ly - 2.5}" width="5" height="5" fill="#0b3d91"/>`,
    `<text x="${M.left + 36}" y="${ly}" dominant-baseline="middle" font-size="12" fill="#1a1a1a">attested som reserves</text>`,
    `<line x1="${M.left + 220}" x2="${M.left + 250}" y1="${ly}" y2="${ly}" stroke="#9a3b00" stroke-width="2" stroke-dasharray="7 4"/><circle cx="${M.left + 235}" cy="${ly}" r="2.5" fill="#fff" stroke="#9a3b00" stroke-width="1.5"/>`,
    `<text x="${M.left + 256}" y="${ly}" dominant-baseline="middle" font-size="12" fill="#1a1a1a">circulating ${o.tokenSymbol}</text>`,
    "</svg>",
  );
  return parts.join("\n");
}
