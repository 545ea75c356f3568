/**
 * The one mapping of chain and RPC errors to readable one-line user errors, for every command and
 * library: an unreachable node (below), an ethers / JSON-RPC / Hardhat provider error
 * ({@link chainErrorAsUserError}, {@link rpcErrorAsUserError}), a node that cannot be reached before a
 * provider exists ({@link rpcConnectError}), a revert with its custom error ({@link describeRevert}) and
 * Hardhat refusing to load ({@link hardhatSetupError}).
 *
 * A node that cannot be reached is a user mistake (the node is not running, the RPC URL is wrong),
 * whichever layer noticed it: Hardhat's provider (HH108 "Cannot connect to the network", HH109
 * "Network connection timed out") or Node's socket (ECONNREFUSED, ENOTFOUND, ...), possibly wrapped
 * as the cause of another error. The CLI runner (./cli.ts) maps such errors with
 * {@link unreachableNodeError}, so every command prints them as one line and exits 1.
 *
 * Duck-typed on purpose: src/chain never loads Hardhat (commands that sign offline use it too).
 */
import type { ErrorDescription, Interface } from "ethers";
import { UserError } from "./errors";
import { selectedNetwork } from "./network";

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

/** "cannot read the chain of network "<name>" (is the node running and the RPC URL right?): <detail>". */
export function cannotReadChain(network: string | undefined, detail: string): string {
  const where = network ? `network "${network}"` : "the network";
  return `cannot read the chain of ${where} (is the node running and the RPC URL right?): ${detail}`;
}

/**
 * `err` as a one-line {@link NodeUnreachableError} when it (or an error it wraps, up to a few levels:
 * `cause`, or Hardhat's `parent`) says the node could not be reached; otherwise undefined.
 * `network` names the network when the error itself does not (default: the selected network, HARDHAT_NETWORK).
 */
export function unreachableNodeError(
  err: unknown,
  network: string | undefined = selectedNetwork(),
): NodeUnreachableError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const e = fieldsOf(current);
    if (!e) return undefined;
    const hardhat =
      e._isHardhatError === true && typeof e.number === "number" && HARDHAT_CONNECTION_ERRORS.has(e.number);
    const socket = typeof e.code === "string" && SOCKET_CONNECTION_CODES.has(e.code);
    if (hardhat || socket) {
      const args = fieldsOf(e.messageArguments) as { network?: unknown } | undefined;
      const name = typeof args?.network === "string" ? args.network : network;
      const what = firstLine(err);
      const detail = socket && !what.includes(String(e.code)) ? `${what} (${String(e.code)})` : what;
      return new NodeUnreachableError(cannotReadChain(name, detail));
    }
    current = e.cause ?? e.parent;
  }
  return undefined;
}

/**
 * An error from the chain (Hardhat's provider cannot connect, an ethers call error, a JSON-RPC error) as a
 * one-line {@link UserError} naming the network; anything else unchanged (a bug: printed with its stack).
 */
export function chainErrorAsUserError(err: unknown, network: string): unknown {
  if (err instanceof UserError) return err;
  const e = err as {
    name?: unknown;
    code?: unknown;
    shortMessage?: unknown;
    message?: unknown;
    parent?: { message?: unknown };
  };
  if (!e || typeof e !== "object") return err;
  const fromChain =
    e.name === "HardhatError" ||
    e.name === "ProviderError" ||
    typeof e.shortMessage === "string" ||
    typeof e.code === "string";
  if (!fromChain) return err;
  const text = typeof e.shortMessage === "string" ? e.shortMessage : String(e.message ?? e.code);
  const cause = e.parent && typeof e.parent.message === "string" ? ` (${e.parent.message})` : "";
  return new UserError(`network "${network}": ${text.split("\n")[0]}${cause}`);
}

/** Runs `body`, turning chain errors into one-line user errors naming `network`. */
export async function onChain<T>(network: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw chainErrorAsUserError(err, network);
  }
}

/**
 * An RPC failure as a one-line user error ("<what>: could not coalesce error", a revert's reason):
 * ethers errors carry a `shortMessage` or a string `code`; anything else is returned unchanged (a bug).
 */
export function rpcErrorAsUserError(err: unknown, what: string): unknown {
  if (err instanceof UserError) return err;
  const e = err as { shortMessage?: unknown; code?: unknown; message?: unknown };
  if (e && typeof e === "object" && (typeof e.shortMessage === "string" || typeof e.code === "string")) {
    const text = typeof e.shortMessage === "string" ? e.shortMessage : String(e.message ?? e.code);
    return new UserError(`${what}: ${text.split("\n")[0]}`);
  }
  return err;
}

/** A node at `url` that could not be asked anything (fetch failed): "cannot reach RPC <url>: ECONNREFUSED". */
export function rpcConnectError(url: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new UserError(`cannot reach RPC ${url}: ${why}`);
}

/**
 * The raw revert data an error carries, if any: a node's JSON-RPC error `data` (where ethers or Hardhat put it), or
 * anvil's message "execution reverted: custom error 0x43228999: 0000…" (a custom error of a contract the caller's ABI
 * does not declare, e.g. the stablecoin's under the supply controller's call).
 */
export function revertDataOf(err: unknown): string | undefined {
  const nested = err as { data?: unknown; error?: { data?: unknown }; info?: { error?: { data?: unknown } } };
  for (const d of [nested.data, nested.error?.data, nested.info?.error?.data])
    if (typeof d === "string" && /^0x[0-9a-fA-F]{8}/.test(d)) return d;
  const m = /custom error (0x[0-9a-fA-F]{8}):? ?([0-9a-fA-F]*)/.exec(err instanceof Error ? err.message : String(err));
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** `data` decoded as one of `abi`'s custom errors, or null (another contract's error, or malformed data). */
function parsedError(abi: Interface, data: string): ErrorDescription | null {
  try {
    return abi.parseError(data);
  } catch {
    return null;
  }
}

/**
 * "AttestationReportNotNewer(asOf=1790000000, currentAsOf=1790000000)" for a decoded custom error, else the message.
 * `decoders`: the ABIs to decode raw revert data with when ethers could not (the contracts the call reaches).
 */
export function describeRevert(err: unknown, decoders: readonly Interface[] = []): string {
  const revert = (err as { revert?: { name: string; args: ArrayLike<unknown> } | null }).revert;
  if (revert && typeof revert.name === "string") {
    return `${revert.name}(${Array.from(revert.args).map(String).join(", ")})`;
  }
  const data = revertDataOf(err);
  const decoded = data ? decoders.map((d) => parsedError(d, data)).find((e) => e !== null) : undefined;
  if (decoded) return `${decoded.name}(${decoded.args.map(String).join(", ")})`;
  const message = err instanceof Error ? err.message : String(err);
  // Hardhat's in-process chain reports custom errors in the message when ethers could not decode them.
  const custom = /reverted with custom error '([A-Za-z0-9_]+\([^']*\))'/.exec(message);
  return custom ? custom[1] : message;
}

/** Hardhat refused the command (unknown network, bad configuration): a user error, one line. */
export class HardhatSetupError extends UserError {}

/** Hardhat's own error while loading (e.g. HH100, an unknown network) as a one-line user error; else undefined. */
export function hardhatSetupError(err: unknown): HardhatSetupError | undefined {
  return err instanceof Error && /^Hardhat(Plugin)?Error$/.test(err.name)
    ? new HardhatSetupError(err.message.split("\n")[0])
    : undefined;
}
