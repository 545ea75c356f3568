/**
 * HTML building blocks of the reserve report page: escaping, figures, short addresses and hashes, signer lists,
 * and table(), the responsive table every section uses.
 *
 * The page reads from 360 to 1,440 pixels wide without scrolling sideways. Every table goes through
 * table(): it labels each data cell with its column's header and estimates the narrowest width the
 * table can take (its figures never wrap); below that width the CSS turns its rows into labelled
 * blocks (each figure beside its label), and a table too wide for the page is always blocks. A new
 * table (a section provider's, or more governance rows) gets this by using table(). Figures never
 * wrap (span.fig). Addresses and hashes show short, label first, with the full value one tap away in
 * a <details> (no script); the JSON keeps them whole. Print: one A4 rendering, the wide chart only.
 */
import { shortHex } from "./format";
import type { AttestedReport, BlockRef, Labelled, ReportSigner } from "./model";
import { METHOD_TEXT } from "./wording";

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function link(text: string, url: string | null): string {
  return url ? `<a href="${esc(url)}">${esc(text)}</a>` : esc(text);
}

/** A figure (amount, ratio): never wrapped. */
export function fig(text: string, testid?: string, cls?: string): string {
  return `<span class="fig${cls ? ` ${cls}` : ""}"${testid ? ` data-testid="${esc(testid)}"` : ""}>${esc(text)}</span>`;
}

/** A key figure: the number never wraps; its unit may go to the next line on a narrow phone. */
export function kpiFig(text: string): string {
  const m = /^(-?[\d,.]+%?)( .+)?$/.exec(text);
  return m ? `<span class="fig">${esc(m[1])}</span>${m[2] ? esc(m[2]) : ""}` : esc(text);
}

/** Label first, then the short address; the full address (linked where an explorer exists) one tap away. */
export function addr(l: Labelled, testid?: string): string {
  const t = testid ? ` data-testid="${esc(testid)}"` : "";
  return (
    `<details class="addr"><summary>${l.label ? `${esc(l.label)} ` : ""}<code>${esc(shortHex(l.address))}</code>` +
    `</summary><code class="full"${t}>${link(l.address, l.url)}</code></details>`
  );
}

/** A hash, short, the full value one tap away. */
export function hex(value: string, testid?: string): string {
  const t = testid ? ` data-testid="${esc(testid)}"` : "";
  if (shortHex(value) === value) return `<code${t}>${esc(value)}</code>`;
  return (
    `<details class="addr"><summary><code>${esc(shortHex(value))}</code></summary>` +
    `<code class="full"${t}>${esc(value)}</code></details>`
  );
}

/** An ISO time that breaks only between its date and its time of day. */
export function when(iso: string): string {
  const i = iso.indexOf("T");
  return i < 0
    ? esc(iso)
    : `<span class="fig">${esc(iso.slice(0, i + 1))}</span><wbr><span class="fig">${esc(iso.slice(i + 1))}</span>`;
}

export function blockCell(b: BlockRef): string {
  return `${link(String(b.blockNumber), b.url)}<br><small>${when(b.time)}</small>`;
}

/** Inside a table (not blocks), a signer list is at least this wide (rem): one line per signer. */
export const SIGNERS_MIN_REM = 23.5;

/** What a signer line says after the name: a check mark for every verified method. */
const METHOD_MARK: Record<ReportSigner["method"], string> = {
  "eip712-signature": "✓ signature verified",
  "onchain-approval": "✓ approved on chain",
  "erc1271-contract": "✓ contract signature (ERC-1271)",
  unverified: "✗ NOT verified",
};

/**
 * One line per signer, "attestor 1 (central bank) ✓ signature verified"; the address and the method's detail one
 * tap away.
 */
export function signersCell(signers: readonly ReportSigner[], testid?: string): string {
  const items = signers.map((s) => {
    const name = s.label ?? (s.address ? shortHex(s.address) : "unknown signer");
    const ok = s.method !== "unverified";
    return (
      `<li><details class="addr"><summary>${esc(name)} ` +
      `<span class="nw ${ok ? "ok" : "bad"}">${esc(METHOD_MARK[s.method])}</span></summary>` +
      `<code class="full">${esc(s.address || "?")}</code><small>${esc(METHOD_TEXT[s.method])}</small>` +
      `</details>${s.note ? `<small class="note-line bad">${esc(s.note)}</small>` : ""}</li>`
    );
  });
  return `<ul class="signers"${testid ? ` data-testid="${esc(testid)}"` : ""}>${items.join("")}</ul>`;
}

/**
 * A decoded call: its headline with addresses and hashes short, the full description (every value whole) one tap
 * away.
 */
export function decodedCall(headline: string, details: readonly string[]): string {
  const short = esc(headline.replace(/0x[0-9a-fA-F]{40,}/g, (h) => shortHex(h)));
  const full = details.length > 0 ? details : [headline];
  const more =
    full.length > 1 || short !== esc(headline)
      ? `<details class="more"><summary>the decoded call</summary>` +
        `<div class="pre">${esc(full.join("\n"))}</div></details>`
      : "";
  return `<span class="brk">${short}</span>${more}`;
}

export function docCell(r: AttestedReport): string {
  const uri = r.uri
    ? /^https?:\/\//.test(r.uri)
      ? `<a class="brk" href="${esc(r.uri)}">${esc(r.uri)}</a>`
      : `<span class="brk">${esc(r.uri)}</span>`
    : "<i>no URI</i>";
  return `${uri}<br>${hex(r.docHash)}`;
}

/** Plain text with every address or hash in it short, the full value one tap away (for a flow container, not a <p>). */
export function richText(text: string): string {
  return text
    .split(/\b(0x[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)\b/)
    .map((part, i) => (i % 2 === 1 ? hex(part) : esc(part)))
    .join("");
}

/**
 * A cell of a section provider's table: an address (with the name after it: label first) or hash short, an amount
 * as a figure.
 */
export function sectionCell(c: string): string {
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
  return row
    .replace(/^<tr\b/, '<tr role="row"')
    .replace(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/g, (_m, tag: string, attrs: string, inner: string) => {
      const span = Number(/\bcolspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
      const label = span < head.length ? head[col] : undefined;
      col += span;
      if (tag === "th") return `<th role="rowheader"${attrs}>${inner}</th>`;
      if (inner.trim() === "") return `<td role="cell"${attrs}></td>`;
      return (
        `<td role="cell"${attrs}>${label ? `<span class="lbl" aria-hidden="true">${esc(label)}</span>` : ""}` +
        `<div class="v">${inner}</div></td>`
      );
    });
}

/**
 * Viewport widths (px) below which a table's rows become blocks: the first one its estimated
 * narrowest table layout fits in. A table that cannot fit the page's widest text column (MAX_TEXT_PX)
 * is always blocks; a two-column table that fits a 360-pixel phone stays a table.
 */
export const MAX_TEXT_PX = 1160;
const PAGE_PX = MAX_TEXT_PX + 32; // the widest text column plus the body's 2 × 1 rem padding
export const STACK_BELOW = [640, 768, 896, 1024, PAGE_PX] as const;

/** Unescapes the few entities esc() writes, to measure text. */
const unesc = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Width of a text in em, by character class (DejaVu Sans, wider than most phones' system fonts). */
function textEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text)
    em += /[0-9]/.test(ch)
      ? 0.64
      : /[,.:;' ]/.test(ch)
        ? 0.32
        : /[A-Z]/.test(ch)
          ? 0.72
          : /[a-z]/.test(ch)
            ? 0.57
            : 0.62;
  return bold ? em * 1.12 : em;
}

/**
 * The narrowest a cell's content can be (em, roughly): its widest figure or no-wrap run, a signer
 * list's minimum width, or its longest word (text that breaks anywhere and the contents of closed
 * <details> count nothing).
 */
function cellMinEm(inner: string): number {
  let em = /class="signers"/.test(inner) ? SIGNERS_MIN_REM : 0;
  for (const m of inner.matchAll(/<span class="(?:fig|nw)\b[^"]*"[^>]*>([^<]*)<\/span>/g))
    em = Math.max(em, textEm(unesc(m[1])));
  const text = inner
    .replace(/<(\w+) class="brk"[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(/<code class="full"[\s\S]*?<\/code>/g, " ")
    .replace(/<div class="pre">[\s\S]*?<\/div>/g, " ")
    .replace(/<[^>]+>/g, " ");
  for (const w of unesc(text).split(/\s+/)) em = Math.max(em, textEm(w));
  return em;
}

/**
 * The stacking class of a table: "s<px>" (blocks up to that viewport width), "sall" (always blocks) or "" (always
 * a table).
 */
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

export function table(caption: string, head: readonly string[], rows: readonly string[], testid?: string): string {
  return (
    `<table class="${["rt", stackClass(head, rows)].filter(Boolean).join(" ")}"` +
    ` role="table"${testid ? ` data-testid="${testid}"` : ""}><caption>${esc(caption)}</caption>` +
    `<thead role="rowgroup">` +
    `<tr role="row">${head.map((h) => `<th scope="col" role="columnheader">${esc(h)}</th>`).join("")}</tr>` +
    `</thead>` +
    `<tbody role="rowgroup">\n${rows.map((row) => labelCells(row, head)).join("\n")}\n</tbody></table>`
  );
}
