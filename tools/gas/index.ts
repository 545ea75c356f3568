/** Entry point of the gas tool (scripts/gas.ts). */
export * from "./snapshot";
export * from "./suite";
export { measureGas } from "./measure";
export type { GasOptions } from "./measure";
