/**
 * Renders a {@link ReserveReport} as plain text (terminal, ./text.ts) and as one standalone HTML page (inline
 * CSS and SVG, no script, no external asset, readable when printed; ./page.ts, its sections in
 * ./pageSections.ts, its building blocks in ./html.ts). Key figures carry data-testid attributes so the
 * browser test can read them back and compare them with the chain.
 */
export { renderText } from "./text";
export { renderHtml } from "./page";
