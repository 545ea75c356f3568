/**
 * Shared pieces of every domain library: user errors, the CLI runner, the network selector, chain-error mapping, RPC
 * timeouts, constants.
 */
export * from "./errors";
export * from "./cli";
export * from "./options";
export * from "./network";
export * from "./timeout";
export * from "./chainErrors";
export * from "./constants";
