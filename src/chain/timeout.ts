import { UserError } from "./errors";

/** Default bound of one RPC call made by a command (milliseconds). */
export const DEFAULT_RPC_TIMEOUT_MS = 15_000;

/** Raised when a network call does not answer in time. */
export class RpcTimeoutError extends UserError {}

/** The environment variable that sets the bound of one RPC call, in whole seconds (1 to 600). */
export const RPC_TIMEOUT_ENV = "SOM_RPC_TIMEOUT_SECONDS";

/**
 * The bound of one RPC call (milliseconds): `SOM_RPC_TIMEOUT_SECONDS` when set (a slow public RPC may
 * need more), else {@link DEFAULT_RPC_TIMEOUT_MS}. A value that is not a whole number of seconds from 1
 * to 600 is a one-line user error, never silently replaced.
 */
export function rpcTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[RPC_TIMEOUT_ENV];
  if (raw === undefined || raw === "") return DEFAULT_RPC_TIMEOUT_MS;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1 || Number(raw) > 600) {
    throw new UserError(`${RPC_TIMEOUT_ENV}=${JSON.stringify(raw)}: must be a whole number of seconds from 1 to 600`);
  }
  return Number(raw) * 1000;
}

/**
 * Resolves like `promise`, or rejects with a one-line {@link RpcTimeoutError} naming `what` after
 * `ms` milliseconds. Every RPC call a command makes goes through this (or a provider wrapped by
 * {@link withTimeout}), so no command hangs on an unreachable node.
 */
export async function withTimeout<T>(promise: Promise<T>, what: string, ms: number = rpcTimeoutMs()): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RpcTimeoutError(
            `${what}: no answer within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}` +
              ` (is the RPC URL right and the node reachable?)`,
          ),
        ),
      ms,
    );
    timer.unref?.();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
