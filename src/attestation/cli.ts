/**
 * Shared plumbing of the attestation CLIs (scripts/attest/*): argument parsing and error reporting.
 * No output here except through the `report` callback of {@link runCli}.
 */
import { parseArgs } from "node:util";
import { JsonRpcProvider, Network } from "ethers";
import { DEFAULT_RPC_TIMEOUT_MS, UserError, withTimeout } from "../common";
import { KeystoreError } from "../keys/keystore";
import { AttestationInputError } from "./report";

export type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
export type ParsedOptions = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** Parses `argv` strictly against `spec`; unknown or malformed options become {@link AttestationInputError}. */
export function parseCliArgs(argv: string[], spec: OptionSpec, usage: string): ParsedOptions {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values as ParsedOptions;
  } catch (err) {
    throw new AttestationInputError(`${err instanceof Error ? err.message : String(err)}\nusage: ${usage}`);
  }
}

/** The string value of `--name`, or the environment variable `envVar`, else an error naming both. */
export function requireOption(options: ParsedOptions, name: string, usage: string, envVar?: string): string {
  const value = options[name];
  if (typeof value === "string" && value !== "") return value;
  const fromEnv = envVar ? process.env[envVar] : undefined;
  if (fromEnv) return fromEnv;
  throw new AttestationInputError(`missing --${name}${envVar ? ` (or ${envVar})` : ""}\nusage: ${usage}`);
}

/** The values of a repeatable string option. */
export function listOption(options: ParsedOptions, name: string): string[] {
  const value = options[name];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? [value] : [];
}

/**
 * An RPC failure as a one-line user error ("cannot reach the RPC: ECONNREFUSED", a revert's reason):
 * ethers errors carry a `shortMessage`; anything else is returned unchanged (a bug).
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

/** True for mistakes the user can fix (printed as one line); anything else is a bug (printed with its stack). */
export function isUserError(err: unknown): err is Error {
  return err instanceof AttestationInputError || err instanceof KeystoreError || err instanceof UserError;
}

/** Runs a CLI main function: user errors print one line and exit 1; bugs print the stack and exit 2. */
export function runCli(main: () => Promise<void>, printError: (line: string) => void = console.error): void {
  main().catch((err: unknown) => {
    if (isUserError(err)) {
      printError(`error: ${err.message}`);
      process.exitCode = 1;
    } else {
      printError(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 2;
    }
  });
}

/**
 * A JSON-RPC provider for `url` whose chain id is read first, once, within `timeoutMs` (an unreachable or
 * silent node is one line, no retries, no hang); the provider then never re-detects the network.
 */
export async function connectRpc(url: string, timeoutMs = DEFAULT_RPC_TIMEOUT_MS): Promise<JsonRpcProvider> {
  let chainId: bigint;
  try {
    const res = await withTimeout(
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        signal: AbortSignal.timeout(timeoutMs),
      }),
      `RPC ${url}`,
      timeoutMs,
    );
    const body = (await withTimeout(res.json() as Promise<{ result?: string }>, `RPC ${url}`, timeoutMs));
    if (typeof body.result !== "string") throw new UserError(`RPC ${url}: eth_chainId returned no chain id`);
    chainId = BigInt(body.result);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    throw new UserError(`cannot reach RPC ${url}: ${why}`);
  }
  const network = Network.from(chainId);
  return new JsonRpcProvider(url, network, { staticNetwork: network });
}
