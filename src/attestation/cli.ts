/**
 * Shared plumbing of the attestation CLIs (scripts/attest/*): argument parsing and error reporting.
 * No output here except through the `report` callback of {@link runCli}.
 */
import { parseArgs } from "node:util";
import { UserError } from "../common";
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
