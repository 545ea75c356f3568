/** Shared pieces of every domain library: user errors, the CLI runner, RPC timeouts, constants. */
export * from "./errors";
export * from "./cli";
export * from "./timeout";
export * from "./unreachable";
export * from "./constants";
