/**
 * The one parser of option values for every command (scripts/ through src/<folder>/cli): numbers, addresses,
 * choices and JSON files named by an option. A malformed value is an {@link OptionValueError} (a
 * {@link UsageError}, so the CLI runner prints one line `error: --nonce: ...` and exits 1), never a
 * SyntaxError or TypeError from BigInt, JSON.parse or getAddress (a stack trace, exit 2). Commands parse
 * their options with these before anything is read from a chain or written.
 *
 *   integerOption(o, "local-account", { max: 999 })   -> number | undefined
 *   bigintOption(o, "nonce")                           -> bigint | undefined (non-negative unless `min` says)
 *   addressOption(o, "guard")                          -> checksummed address | undefined
 *   enumOption(o, "step", ["create", "mint"])          -> one of them | undefined
 *   jsonFileOption(o, "batch", schema)                 -> the file's checked content | undefined
 *   keystoreFileOption(o, "keystore")                  -> the path of a JSON keystore file | undefined
 *   outputFileOption(o, "out", { overwrite: false })   -> a path whose folder exists | undefined
 */
import fs from "node:fs";
import path from "node:path";
import { getAddress, isAddress } from "ethers";
import { UsageError } from "./cli";
import type { ParsedOptions } from "./cli";
import { isUserError } from "./errors";
import { readJsonFile, z } from "./schema";

/** A malformed option value: not a number, out of range, not an address, not one of the choices, a bad file. */
export class OptionValueError extends UsageError {}

/** The string value of `--name`, or undefined when not given. */
export function stringOption(o: ParsedOptions, name: string): string | undefined {
  const value = o[name];
  return typeof value === "string" ? value : undefined;
}

/** Decimal integer text (an optional minus sign, digits only: no 0x, exponent, fraction or spaces inside). */
const INTEGER = /^-?[0-9]+$/;

/** `text` as an integer within [min, max]; `what` names it in the error ("--nonce"). */
export function parseIntegerText(text: string, what: string, bounds: { min?: bigint; max?: bigint } = {}): bigint {
  const min = bounds.min ?? 0n;
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) {
    throw new OptionValueError(
      `${what}: expected ${min >= 0n ? "a non-negative" : "an"} integer, got ${JSON.stringify(text)}`,
    );
  }
  const value = BigInt(trimmed);
  if (value < min) throw new OptionValueError(`${what}: must be at least ${min}, got ${trimmed}`);
  if (bounds.max !== undefined && value > bounds.max)
    throw new OptionValueError(`${what}: must be at most ${bounds.max}, got ${trimmed}`);
  return value;
}

/** `--name` as a bigint (default bounds: 0 and above); undefined when not given. */
export function bigintOption(
  o: ParsedOptions,
  name: string,
  bounds: { min?: bigint; max?: bigint } = {},
): bigint | undefined {
  const text = stringOption(o, name);
  return text === undefined ? undefined : parseIntegerText(text, `--${name}`, bounds);
}

/** `--name` as a safe integer (default bounds: 0 to Number.MAX_SAFE_INTEGER); undefined when not given. */
export function integerOption(
  o: ParsedOptions,
  name: string,
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  const value = bigintOption(o, name, {
    min: BigInt(bounds.min ?? 0),
    max: BigInt(bounds.max ?? Number.MAX_SAFE_INTEGER),
  });
  return value === undefined ? undefined : Number(value);
}

/** `text` as a checksummed address; `what` names it in the error. */
export function parseAddressText(text: string, what: string): string {
  const trimmed = text.trim();
  if (!isAddress(trimmed)) {
    throw new OptionValueError(
      `${what}: expected a 0x address of 20 bytes (40 hex digits, a mixed-case one with a valid checksum), ` +
        `got ${JSON.stringify(text)}`,
    );
  }
  return getAddress(trimmed);
}

/** `--name` as a checksummed address; undefined when not given. */
export function addressOption(o: ParsedOptions, name: string): string | undefined {
  const text = stringOption(o, name);
  return text === undefined ? undefined : parseAddressText(text, `--${name}`);
}

/** `--name` as one of `choices`; undefined when not given. */
export function enumOption<T extends string>(o: ParsedOptions, name: string, choices: readonly T[]): T | undefined {
  const text = stringOption(o, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new OptionValueError(`--${name} must be one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
  return text as T;
}

/**
 * The JSON file `file` given to `--name`, checked against `schema` (the kernel's one schema reader): a missing
 * file, invalid JSON (line:column) or a wrong shape is one {@link OptionValueError} naming the option and the file.
 */
export function readOptionFile<S extends z.ZodType>(file: string, name: string, schema: S): z.output<S> {
  try {
    return readJsonFile(file, schema);
  } catch (err) {
    if (isUserError(err)) throw new OptionValueError(`--${name} ${err.message}`);
    throw err;
  }
}

/** `--name <file.json>` read by {@link readOptionFile}; undefined when not given. */
export function jsonFileOption<S extends z.ZodType>(
  o: ParsedOptions,
  name: string,
  schema: S,
): z.output<S> | undefined {
  const file = stringOption(o, name);
  return file === undefined ? undefined : readOptionFile(file, name, schema);
}

/**
 * `--name <file>` that a command will write: its folder must exist (a missing folder is one line here, not a
 * stack trace after the work is done); an existing file is refused unless `overwrite`. Undefined when not given.
 */
export function outputFileOption(o: ParsedOptions, name: string, { overwrite = true } = {}): string | undefined {
  const file = stringOption(o, name);
  if (file === undefined || file === "") return undefined;
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new OptionValueError(`--${name} ${file}: folder ${path.dirname(file)} does not exist`);
  if (fs.existsSync(file) && (!overwrite || fs.statSync(file).isDirectory()))
    throw new OptionValueError(`--${name} ${file} already exists; choose another file`);
  return file;
}

/** What every encrypted JSON keystore (Web3 Secret Storage, as ethers reads it) has: version 3. */
const KEYSTORE_SHAPE = z.object({ version: z.union([z.literal(3), z.literal("3")]) });

/**
 * `--name <keystore.json>` (default `--keystore`): an encrypted JSON keystore file, checked before anything is
 * printed or a password asked (a missing file or not a keystore is one line); undefined when not given.
 */
export function keystoreFileOption(o: ParsedOptions, name = "keystore"): string | undefined {
  const file = stringOption(o, name);
  if (file === undefined || file === "") return undefined;
  readOptionFile(file, name, KEYSTORE_SHAPE);
  return file;
}
