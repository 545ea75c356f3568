/**
 * A node that cannot be reached is a user mistake (the node is not running, the RPC URL is wrong),
 * whichever layer noticed it: Hardhat's provider (HH108 "Cannot connect to the network", HH109
 * "Network connection timed out") or Node's socket (ECONNREFUSED, ENOTFOUND, ...), possibly wrapped
 * as the cause of another error. The CLI runner (./cli.ts) maps such errors with
 * {@link unreachableNodeError}, so every command prints them as one line and exits 1.
 *
 * Duck-typed on purpose: src/chain never loads Hardhat (commands that sign offline use it too).
 */
import { UserError } from "./errors";

/** The node of a network could not be reached. */
export class NodeUnreachableError extends UserError {}

/** Hardhat error numbers of an unreachable or silent node (HH108 not running, HH109 timed out). */
const HARDHAT_CONNECTION_ERRORS: ReadonlySet<number> = new Set([108, 109]);

/** Node's socket and DNS error codes of an unreachable host. */
const SOCKET_CONNECTION_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

interface ErrorFields {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  parent?: unknown;
  number?: unknown;
  messageArguments?: unknown;
  _isHardhatError?: unknown;
}

function fieldsOf(err: unknown): ErrorFields | undefined {
  return err !== null && typeof err === "object" ? (err as ErrorFields) : undefined;
}

function firstLine(err: unknown): string {
  const e = fieldsOf(err);
  const text = e && typeof e.message === "string" && e.message !== "" ? e.message : String(err);
  return text.split("\n")[0].replace(/^HH\d+: /, "");
}

/**
 * `err` as a one-line {@link NodeUnreachableError} when it (or an error it wraps, up to a few levels:
 * `cause`, or Hardhat's `parent`) says the node could not be reached; otherwise undefined.
 * `network` names the network when the error itself does not (default: HARDHAT_NETWORK).
 */
export function unreachableNodeError(err: unknown, network: string | undefined = process.env.HARDHAT_NETWORK): NodeUnreachableError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const e = fieldsOf(current);
    if (!e) return undefined;
    const hardhat = e._isHardhatError === true && typeof e.number === "number" && HARDHAT_CONNECTION_ERRORS.has(e.number);
    const socket = typeof e.code === "string" && SOCKET_CONNECTION_CODES.has(e.code);
    if (hardhat || socket) {
      const args = fieldsOf(e.messageArguments) as { network?: unknown } | undefined;
      const name = typeof args?.network === "string" ? args.network : network;
      const where = name ? `network "${name}"` : "the network";
      const what = firstLine(err);
      const detail = socket && !what.includes(String(e.code)) ? `${what} (${String(e.code)})` : what;
      return new NodeUnreachableError(`cannot read the chain of ${where} (is the node running and the RPC URL right?): ${detail}`);
    }
    current = e.cause ?? e.parent;
  }
  return undefined;
}
