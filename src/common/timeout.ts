import { UserError } from "./errors";

/** Default bound of one RPC call made by a command (milliseconds). */
export const DEFAULT_RPC_TIMEOUT_MS = 15_000;

/** Raised when a network call does not answer in time. */
export class RpcTimeoutError extends UserError {}

/**
 * Resolves like `promise`, or rejects with a one-line {@link RpcTimeoutError} naming `what` after
 * `ms` milliseconds. Every RPC call a command makes goes through this (or a provider wrapped by
 * {@link withTimeout}), so no command hangs on an unreachable node.
 */
export async function withTimeout<T>(promise: Promise<T>, what: string, ms: number = DEFAULT_RPC_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RpcTimeoutError(`${what}: no answer within ${Math.round(ms / 1000)} s (is the RPC URL right and the node reachable?)`)), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
