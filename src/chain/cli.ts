/**
 * The one CLI runner of the project. Every command (`npm run <command> -- [options]`) has a thin
 * entry point under scripts/ that calls {@link runCommand}:
 *   - `--help` prints the usage and exits 0;
 *   - options are parsed strictly: an unknown option is a one-line error;
 *   - a {@link UserError} prints one line (`error: ...`) and exits 1, with no stack trace; so does a
 *     node that cannot be reached, whichever layer noticed it (./chainErrors.ts);
 *   - anything else is a bug: printed with its stack, exit 2.
 */
import { parseArgs } from "node:util";
import { UserError, isUserError } from "./errors";
import { unreachableNodeError } from "./chainErrors";

export type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;
export type ParsedOptions = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** A usage mistake: unknown option, missing required option. */
export class UsageError extends UserError {}

/**
 * Options of a command from their names: each plain name is a string option, a name ending in "[]" may be
 * repeated, a name ending in "?" is a boolean flag. `options("network", "arg[]", "dry-run?")`.
 */
export function options(...names: string[]): OptionSpec {
  const spec: OptionSpec = {};
  for (const n of names) {
    if (n.endsWith("?")) spec[n.slice(0, -1)] = { type: "boolean" };
    else if (n.endsWith("[]")) spec[n.slice(0, -2)] = { type: "string", multiple: true };
    else spec[n] = { type: "string" };
  }
  return spec;
}

export interface CommandSpec {
  /** e.g. "npm run sign -- --proposal <file> --keystore <file> --records deployments/<network>" */
  usage: string;
  /** Longer text printed under the usage by --help. */
  help?: string;
  options: OptionSpec;
}

/** Parses `argv` strictly against `spec`; unknown or malformed options become {@link UsageError}. */
export function parseCliArgs(argv: string[], spec: OptionSpec, usage: string): ParsedOptions {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values as ParsedOptions;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new UsageError(`${msg} (usage: ${usage}; --help for more)`);
  }
}

/** The string value of `--name`, or the environment variable `envVar`, else an error naming both. */
export function requireOption(options: ParsedOptions, name: string, usage: string, envVar?: string): string {
  const value = options[name];
  if (typeof value === "string" && value !== "") return value;
  const fromEnv = envVar ? process.env[envVar] : undefined;
  if (fromEnv) return fromEnv;
  throw new UsageError(`missing --${name}${envVar ? ` (or ${envVar})` : ""} (usage: ${usage})`);
}

/** The values of a repeatable string option. */
export function listOption(options: ParsedOptions, name: string): string[] {
  const value = options[name];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? [value] : [];
}

/** One line for a user error: the first line of its message. */
export function oneLine(err: Error): string {
  return err.message.split("\n")[0];
}

/**
 * Runs a command: handles --help, parses options, runs `main`, maps errors to exit codes.
 * Returns the promise so tests can await it; sets `process.exitCode`, never calls process.exit.
 */
export async function runCommand(
  spec: CommandSpec,
  main: (options: ParsedOptions) => Promise<void>,
  argv: string[] = process.argv.slice(2),
  printError: (line: string) => void = console.error,
): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(`usage: ${spec.usage}${spec.help ? `\n\n${spec.help}` : ""}`);
    return;
  }
  try {
    await main(parseCliArgs(argv, { ...spec.options, help: { type: "boolean", short: "h" } }, spec.usage));
  } catch (thrown) {
    const err = isUserError(thrown) ? thrown : (unreachableNodeError(thrown) ?? thrown);
    if (isUserError(err)) {
      printError(`error: ${oneLine(err)}`);
      process.exitCode = 1;
    } else {
      printError(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 2;
    }
  }
}
