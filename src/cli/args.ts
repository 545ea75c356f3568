/** A tiny, strict argument parser for our CLIs: `--flag value`, `--switch`, repeated flags. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ArgSpec {
  /** Flags that take a value. */
  values: readonly string[];
  /** Flags that take no value. */
  switches?: readonly string[];
  /** Value flags that may be repeated. */
  repeated?: readonly string[];
}

export interface ParsedArgs {
  values: Record<string, string[]>;
  switches: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const values: Record<string, string[]> = {};
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const [flag, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (spec.switches?.includes(flag)) {
      if (inline !== undefined) throw new UsageError(`--${flag} takes no value`);
      switches.add(flag);
      continue;
    }
    if (!spec.values.includes(flag)) {
      const known = [...spec.values, ...(spec.switches ?? [])].map((f) => `--${f}`).join(", ");
      throw new UsageError(`unknown option --${flag} (known: ${known})`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError(`--${flag} needs a value`);
    if (values[flag] && !spec.repeated?.includes(flag)) throw new UsageError(`--${flag} given twice`);
    (values[flag] ??= []).push(value);
  }
  return { values, switches };
}

export function one(args: ParsedArgs, flag: string): string | undefined {
  return args.values[flag]?.[0];
}

export function required(args: ParsedArgs, flag: string): string {
  const v = one(args, flag);
  if (v === undefined) throw new UsageError(`--${flag} is required`);
  return v;
}
