/** Entry point of the audit tool (scripts/audit.ts). */
export * from "./summary";
export { runAudit } from "./run";
export type { AuditOptions } from "./run";
