/** Entry point of the coverage tool (scripts/check-coverage.ts). */
export * from "./thresholds";
export { coverageGate } from "./gate";
