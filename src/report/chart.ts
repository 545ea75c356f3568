/**
 * The history chart as inline SVG: attested som reserves and circulating supply over time, as step
 * lines (a value holds until the next event). No script, font or external resource; the two series
 * differ by line style (solid / dashed) and marker shape as well as colour, so a black-and-white
 * print stays readable. Every point carries its block number and raw values (data-* attributes) so
 * a test can check it against the chain.
 *
 * It is drawn twice, for the two widths it is read at: a wide picture (screens from 48rem, and print)
 * and a narrow one (phones, where the wide one's text would shrink to a few pixels); the page's CSS
 * shows one. Time ticks fit the span (src/report/ticks.ts). Beside them, for screen readers, a
 * visually hidden table holds the same points.
 */
import { formatAmount } from "../chain/amounts";
import { isoTime } from "./format";
import type { SeriesPoint } from "./model";
import { chooseTimeTicks } from "./ticks";

export interface ChartOptions {
  tokenDecimals: number;
  valueDecimals: number;
  tokenSymbol: string;
  width?: number;
  height?: number;
}

interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** One drawing of the chart: its picture size in SVG units, margins, font size and tick budget. */
interface Layout {
  variant: "wide" | "narrow";
  width: number;
  height: number;
  margin: Margin;
  font: number;
  maxTicks: number;
}

/** Shown from 48rem up and in print: 800 units wide, at most 1,000 pixels (drawn at 0.88–1.25 × its size). */
const WIDE: Layout = {
  variant: "wide",
  width: 800,
  height: 330,
  margin: { top: 20, right: 24, bottom: 74, left: 64 },
  font: 12,
  maxTicks: 7,
};
/** Shown on phones: 360 units wide, drawn at 0.9–1.5 × its size (360 to 768 pixels). */
const NARROW: Layout = {
  variant: "narrow",
  width: 360,
  height: 300,
  margin: { top: 26, right: 16, bottom: 98, left: 46 },
  font: 13,
  maxTicks: 4,
};

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

/**
 * Geometry of the wide drawing (or of `layout`): y = top + plotHeight × (1 − value / yMax), x linear
 * in time from the first point to the last.
 */
export function chartGeometry(points: readonly SeriesPoint[], o: ChartOptions, layout: Layout = WIDE) {
  const M = layout.margin;
  const width = o.width ?? layout.width;
  const height = o.height ?? layout.height;
  const pw = width - M.left - M.right;
  const ph = height - M.top - M.bottom;
  const maxV = Math.max(
    0,
    ...points.map((p) => units(p.reserves, o.valueDecimals)),
    ...points.map((p) => units(p.circulating, o.tokenDecimals)),
  );
  const yMax = niceMax(maxV * 1.05);
  const t0 = points[0]?.timestamp ?? 0;
  const t1 = points[points.length - 1]?.timestamp ?? 1;
  const span = Math.max(1, t1 - t0);
  const x = (ts: number): number => M.left + (pw * (ts - t0)) / span;
  const y = (v: number): number => M.top + ph * (1 - v / yMax);
  return { width, height, pw, ph, yMax, t0, t1, x, y, margin: M };
}

const r2 = (n: number): string => (Math.round(n * 100) / 100).toString();

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function stepPath(
  points: readonly SeriesPoint[],
  value: (p: SeriesPoint) => number,
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  let d = "";
  points.forEach((p, i) => {
    const px = r2(x(p.timestamp));
    const py = r2(y(value(p)));
    if (i === 0) d += `M${px} ${py}`;
    else d += `H${px}V${py}`;
  });
  return d;
}

/** Approximate width of a label in SVG units (system sans-serif, digits and lower case). */
const textWidth = (s: string, font: number): number => s.length * font * 0.6;

function drawing(points: readonly SeriesPoint[], o: ChartOptions, L: Layout): string {
  const g = chartGeometry(points, o, L);
  const M = g.margin;
  const wide = L.variant === "wide";
  const id = wide ? "chart" : "chart-narrow";
  const f = L.font;
  const txt = `font-size="${f}" fill="#1a1a1a"`;
  const res = (p: SeriesPoint): number => units(p.reserves, o.valueDecimals);
  const circ = (p: SeriesPoint): number => units(p.circulating, o.tokenDecimals);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((q) => q * g.yMax);
  const xTicks = chooseTimeTicks(g.t0, g.t1, L.maxTicks);
  const bottom = M.top + g.ph;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${g.width} ${g.height}" width="100%" class="chart-${L.variant}" data-testid="${id}" data-y-max="${g.yMax}" data-plot-top="${M.top}" data-plot-height="${g.ph}" data-x-unit="${xTicks.unit}">`,
    `<title id="${id}-title">Attested som reserves and circulating ${esc(o.tokenSymbol)} over time</title>`,
    `<desc id="${id}-desc">Step chart from ${isoTime(g.t0)} (block ${points[0].blockNumber}) ` +
      `to ${isoTime(g.t1)} (block ${points[points.length - 1].blockNumber}). ` +
      `Solid line with squares: attested som reserves. ` +
      `Dashed line with circles: circulating supply (total supply minus the reserve Safe's own balance). ` +
      `The same points are in the table that follows.</desc>`,
    `<rect x="${M.left}" y="${M.top}" width="${g.pw}" height="${g.ph}" fill="#fff" stroke="#767676"/>`,
  );
  for (const v of yTicks) {
    const yy = r2(g.y(v));
    parts.push(`<line x1="${M.left}" x2="${M.left + g.pw}" y1="${yy}" y2="${yy}" stroke="#d0d0d0" stroke-width="1"/>`);
    parts.push(
      `<text x="${M.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle" ${txt}>${compact(v)}</text>`,
    );
  }
  for (const tick of xTicks.ticks) {
    const xx = g.x(tick.t);
    const half = textWidth(tick.label, f) / 2;
    // A label that would run past the picture's right edge ends at its tick instead.
    const anchor = xx + half > g.width - 2 ? "end" : "middle";
    parts.push(`<line x1="${r2(xx)}" x2="${r2(xx)}" y1="${bottom}" y2="${bottom + 5}" stroke="#1a1a1a"/>`);
    parts.push(
      `<text class="x-tick" x="${r2(xx)}" y="${bottom + f + 6}" text-anchor="${anchor}" ` +
        `data-timestamp="${tick.t}" ${txt}>${esc(tick.label)}</text>`,
    );
  }
  const captionY = bottom + 2 * f + 14;
  parts.push(
    `<text class="x-caption" x="${wide ? M.left + g.pw / 2 : g.width / 2}" y="${captionY}" text-anchor="middle" ` +
      `font-size="${wide ? f : 12}" fill="#1a1a1a">${esc(xTicks.caption)}</text>`,
  );
  if (wide) {
    parts.push(
      `<text x="16" y="${M.top + g.ph / 2}" transform="rotate(-90 16 ${M.top + g.ph / 2})" text-anchor="middle" ` +
        `${txt}>som / ${esc(o.tokenSymbol)}</text>`,
    );
  } else {
    parts.push(`<text x="4" y="${M.top - 10}" ${txt}>som / ${esc(o.tokenSymbol)}</text>`);
  }
  parts.push(`<path d="${stepPath(points, res, g.x, g.y)}" fill="none" stroke="#0b3d91" stroke-width="2.5"/>`);
  parts.push(
    `<path d="${stepPath(points, circ, g.x, g.y)}" fill="none" ` +
      `stroke="#9a3b00" stroke-width="2" stroke-dasharray="7 4"/>`,
  );
  parts.push(`<g data-testid="${wide ? "chart-points" : "chart-narrow-points"}">`);
  for (const p of points) {
    const marks =
      `<rect class="pt-reserves" x="${r2(g.x(p.timestamp) - 2.5)}" y="${r2(g.y(res(p)) - 2.5)}" ` +
      `width="5" height="5" fill="#0b3d91"/>` +
      `<circle class="pt-circulating" cx="${r2(g.x(p.timestamp))}" cy="${r2(g.y(circ(p)))}" r="2.5" ` +
      `fill="#fff" stroke="#9a3b00" stroke-width="1.5"/>`;
    parts.push(
      wide
        ? `<g data-testid="chart-point" data-block="${p.blockNumber}" data-timestamp="${p.timestamp}" ` +
            `data-reserves="${p.reserves}" data-circulating="${p.circulating}" ` +
            `data-total-supply="${p.totalSupply}">${marks}</g>`
        : `<g>${marks}</g>`,
    );
  }
  parts.push("</g>");
  // Legend: one row on the wide picture, two on the narrow one.
  const legend = (x: number, y: number, dashed: boolean, text: string): string =>
    dashed
      ? `<line x1="${x}" x2="${x + 30}" y1="${y}" y2="${y}" ` +
        `stroke="#9a3b00" stroke-width="2" stroke-dasharray="7 4"/>` +
        `<circle cx="${x + 15}" cy="${y}" r="2.5" fill="#fff" stroke="#9a3b00" stroke-width="1.5"/>` +
        `<text x="${x + 36}" y="${y}" dominant-baseline="middle" ${txt}>${esc(text)}</text>`
      : `<line x1="${x}" x2="${x + 30}" y1="${y}" y2="${y}" stroke="#0b3d91" stroke-width="2.5"/>` +
        `<rect x="${x + 12.5}" y="${y - 2.5}" width="5" height="5" fill="#0b3d91"/>` +
        `<text x="${x + 36}" y="${y}" dominant-baseline="middle" ${txt}>${esc(text)}</text>`;
  if (wide) {
    const ly = g.height - 12;
    parts.push(
      legend(M.left, ly, false, "attested som reserves"),
      legend(M.left + 220, ly, true, `circulating ${o.tokenSymbol}`),
    );
  } else {
    parts.push(
      legend(12, g.height - 32, false, "attested som reserves"),
      legend(12, g.height - 12, true, `circulating ${o.tokenSymbol}`),
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}

/** The chart's points as a table (visually hidden: for screen readers, beside the pictures). */
function dataTable(points: readonly SeriesPoint[], o: ChartOptions): string {
  const rows = points.map(
    (p) =>
      `<tr><th scope="row">${p.blockNumber}</th><td>${isoTime(p.timestamp)}</td>` +
      `<td>${esc(formatAmount(BigInt(p.reserves), { decimals: o.valueDecimals, symbol: "som" }))}</td>` +
      `<td>${esc(formatAmount(BigInt(p.circulating), { decimals: o.tokenDecimals, symbol: o.tokenSymbol }))}</td></tr>`,
  );
  return (
    `<div class="sr-only"><table data-testid="chart-data">` +
    `<caption>Data of the chart: attested som reserves and circulating ${esc(o.tokenSymbol)} ` +
    `after each block with a change</caption>` +
    `<thead><tr><th scope="col">Block</th><th scope="col">Time (UTC)</th><th scope="col">Attested som reserves</th>` +
    `<th scope="col">Circulating ${esc(o.tokenSymbol)}</th></tr></thead>` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table></div>`
  );
}

/** The wide and the narrow drawing, and the data table (the page's CSS shows one drawing). */
export function renderChart(points: readonly SeriesPoint[], o: ChartOptions): string {
  if (points.length === 0) return '<p data-testid="chart-empty">No history yet.</p>';
  return [drawing(points, o, WIDE), drawing(points, o, NARROW), dataTable(points, o)].join("\n");
}
