/**
 * The one schema reader for every JSON file the project reads (deploy configs, proposals, signature
 * files, attestation reports, deployment records): zod schemas, checked with messages a user can act on.
 *
 *   - invalid JSON is reported by line:column (never by character position);
 *   - a key written twice in one object is rejected (JSON.parse would silently keep the last one);
 *   - every schema problem names the file, the line and the field path, e.g.
 *       deploy/config/sepolia.json:7: reserveSafe.treshold: unknown field (did you mean "threshold"?)
 *   - unknown fields are rejected when the schema is strict (`z.strictObject`), with a suggestion
 *     taken from the fields the schema knows at that place.
 *
 * Use {@link readJsonFile} for a file, {@link parseJsonText} for text already in memory.
 * Errors are {@link SchemaError} (a {@link UserError}: printed as one line by the CLI runner).
 */
import fs from "node:fs";
import { z } from "zod";
import { UserError } from "./errors";

export { z };

/** One problem found in a JSON document. */
export interface SchemaIssue {
  /** 1-based line of the field (or of the closest enclosing object that exists); 0 when unknown. */
  line: number;
  /** Dotted field path, e.g. `reserveSafe.owners[2]`; "(top level)" for the document itself. */
  field: string;
  message: string;
}

/** A JSON file that does not match what the project expects. The first line says it all. */
export class SchemaError extends UserError {
  constructor(
    readonly source: string,
    readonly issues: SchemaIssue[],
  ) {
    super(formatIssues(source, issues));
  }
}

/** A file that is not JSON at all, reported by line:column. */
export class JsonSyntaxError extends UserError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`${source}:${line}:${column}: invalid JSON: ${detail}`);
  }
}

/** A JSON file that cannot be read (missing, a folder, unreadable). */
export class JsonFileError extends UserError {}

function formatIssues(source: string, issues: SchemaIssue[]): string {
  const one = (i: SchemaIssue): string => `${source}${i.line > 0 ? `:${i.line}` : ""}: ${i.field}: ${i.message}`;
  const shown = issues.slice(0, 3).map(one).join("; ");
  const more = issues.length > 3 ? `; and ${issues.length - 3} more problem(s)` : "";
  return shown + more;
}

// ---------------------------------------------------------------------------------------------
// Locating JSON paths: a small scanner over the (valid or not) text that records where each value
// and each key starts, and reports the first syntax error by line:column.
// ---------------------------------------------------------------------------------------------

type PathKey = string;
const keyOf = (path: readonly PropertyKey[]): PathKey => JSON.stringify(path.map((p) => (typeof p === "number" ? p : String(p))));

interface Located {
  /** Line of each value (for object members: the line of its key). */
  lines: Map<PathKey, number>;
}

class JsonScanner {
  private pos = 0;
  /** Line of `pos` (only whitespace holds line breaks in valid JSON, so ws() keeps it). */
  private line = 1;
  readonly lines = new Map<PathKey, number>();

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  scan(): Located {
    this.ws();
    this.value([], this.line);
    this.ws();
    if (this.pos < this.text.length) this.fail("unexpected text after the end of the document");
    return { lines: this.lines };
  }

  private fail(detail: string, at: number = this.pos): never {
    let line = 1;
    let col = 1;
    for (let i = 0; i < at && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    throw new JsonSyntaxError(this.source, line, col, detail);
  }

  private ws(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "\n") this.line++;
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else break;
    }
  }

  private describe(): string {
    if (this.pos >= this.text.length) return "unexpected end of file";
    return `unexpected ${JSON.stringify(this.text[this.pos])}`;
  }

  private value(path: PropertyKey[], line: number): void {
    this.lines.set(keyOf(path), line);
    const c = this.text[this.pos];
    if (c === "{") return this.object(path);
    if (c === "[") return this.array(path);
    if (c === '"') {
      this.string();
      return;
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.fail(`${this.describe()} where a value was expected`);
  }

  private object(path: PropertyKey[]): void {
    this.pos++; // {
    this.ws();
    const seen = new Set<string>();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail(`${this.describe()} where a field name in double quotes was expected`);
      const keyStart = this.pos;
      const keyLine = this.line;
      const key = this.string();
      if (seen.has(key)) this.fail(`field ${JSON.stringify(key)} appears twice in the same object`, keyStart);
      seen.add(key);
      this.ws();
      if (this.text[this.pos] !== ":") this.fail(`${this.describe()} where ":" was expected after field ${JSON.stringify(key)}`);
      this.pos++;
      this.ws();
      this.value([...path, key], keyLine);
      this.ws();
      const c = this.text[this.pos];
      if (c === ",") {
        const comma = this.pos++;
        this.ws();
        if (this.text[this.pos] === "}") this.fail('trailing comma before "}"', comma);
        continue;
      }
      if (c === "}") {
        this.pos++;
        return;
      }
      this.fail(`${this.describe()} where "," or "}" was expected`);
    }
  }

  private array(path: PropertyKey[]): void {
    this.pos++; // [
    this.ws();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      this.ws();
      this.value([...path, i], this.line);
      this.ws();
      const c = this.text[this.pos];
      if (c === ",") {
        const comma = this.pos++;
        this.ws();
        if (this.text[this.pos] === "]") this.fail('trailing comma before "]"', comma);
        continue;
      }
      if (c === "]") {
        this.pos++;
        return;
      }
      this.fail(`${this.describe()} where "," or "]" was expected`);
    }
  }

  /** Scans a string literal; returns its decoded value. */
  private string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated string", start);
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      }
      if (c === "\n") this.fail("line break inside a string");
      if (c === "\\") {
        const e = this.text[this.pos + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail("bad \\u escape in a string");
          this.pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail("bad escape in a string");
        this.pos += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) this.fail("control character inside a string");
      this.pos++;
    }
  }

  private number(): void {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (!m) this.fail("malformed number");
    this.pos += m[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9A-Za-z_.]/.test(next)) this.fail("malformed number");
  }
}

/** Parses JSON text (reporting syntax errors by line:column) and returns the value with the line of each path. */
export function parseJsonLocated(text: string, source: string): { value: unknown; lines: Map<PathKey, number> } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { lines } = new JsonScanner(body, source).scan();
  return { value: JSON.parse(body) as unknown, lines };
}

// ---------------------------------------------------------------------------------------------
// Issues -> messages
// ---------------------------------------------------------------------------------------------

/** Dotted path for messages: `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** Edit distance (Levenshtein), for "did you mean …?". */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** The known name closest to `word`, if it is close enough to be a typo. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(word, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}

interface ZodDefLike {
  type?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

const defOf = (s: z.ZodType): ZodDefLike => (s as unknown as { _zod: { def: ZodDefLike } })._zod.def;

/** Field names a schema knows for objects reached by `path` (empty when none or unknown). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const out = new Set<string>();
  const visit = (s: z.ZodType | undefined, rest: readonly PropertyKey[], depth: number): void => {
    if (!s || depth > 64) return;
    const d = defOf(s);
    switch (d.type) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "catch":
      case "readonly":
      case "nonoptional":
        return visit(d.innerType, rest, depth + 1);
      case "pipe":
        return visit(d.in, rest, depth + 1);
      case "lazy":
        return visit(d.getter?.(), rest, depth + 1);
      case "union":
        for (const o of d.options ?? []) visit(o, rest, depth + 1);
        return;
      case "intersection":
        visit(d.left, rest, depth + 1);
        visit(d.right, rest, depth + 1);
        return;
      case "object":
        if (rest.length === 0) {
          for (const k of Object.keys(d.shape ?? {})) out.add(k);
          return;
        }
        return visit(d.shape?.[String(rest[0])], rest.slice(1), depth + 1);
      case "array":
        return rest.length === 0 ? undefined : visit(d.element, rest.slice(1), depth + 1);
      case "tuple":
        return rest.length === 0 ? undefined : visit(d.items?.[Number(rest[0])], rest.slice(1), depth + 1);
      case "record":
        return rest.length === 0 ? undefined : visit(d.valueType, rest.slice(1), depth + 1);
      default:
        return;
    }
  };
  visit(schema, path, 0);
  return [...out];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, p)) return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return { found: true, value: cur };
}

function lineFor(lines: Map<PathKey, number>, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const line = lines.get(keyOf(path.slice(0, n)));
    if (line !== undefined) return line;
  }
  return 0;
}

/** Turns zod issues into located, readable issues. */
export function describeIssues(error: z.ZodError, schema: z.ZodType, value: unknown, lines: Map<PathKey, number>): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  // A misspelt field is reported once, as unknown with a suggestion, not also as the field missing.
  const suggested = new Set<PathKey>();
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const guess = closest(key, known);
        if (guess !== undefined) suggested.add(keyOf([...path, guess]));
        const hint = guess ? ` (did you mean "${guess}"?)` : known.length ? ` (known fields: ${known.join(", ")})` : "";
        out.push({ line: lineFor(lines, [...path, key]), field: formatPath([...path, key]), message: `unknown field${hint}` });
      }
    }
  }
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") continue;
    const path = issue.path as PropertyKey[];
    const at = valueAt(value, path);
    if (!at.found && suggested.has(keyOf(path))) continue;
    let message = issue.message;
    if (issue.code === "invalid_type" && !at.found) message = `missing (expected ${issue.expected})`;
    else if (!at.found) message = `missing (${issue.message})`;
    else if (issue.code === "invalid_type") message = `expected ${issue.expected}, found ${describeValue(at.value)}`;
    out.push({ line: lineFor(lines, path), field: formatPath(path), message });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Adds a custom issue at `path` (relative to the value being refined), for cross-field checks. */
export function addIssue(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}

/**
 * Parses `text` as JSON and checks it against `schema`. `source` names the text in messages
 * (usually the file path). Throws {@link JsonSyntaxError} or {@link SchemaError}.
 */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S, source: string): z.output<S> {
  const { value, lines } = parseJsonLocated(text, source);
  return checkJsonValue(value, schema, source, lines);
}

/** Checks an already-parsed value (lines unknown unless given). */
export function checkJsonValue<S extends z.ZodType>(value: unknown, schema: S, source: string, lines: Map<PathKey, number> = new Map()): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SchemaError(source, describeIssues(result.error, schema, value, lines));
}

/** Reads a JSON file and checks it against `schema`; every error names the file (and line and field). */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : code ?? String(err);
    throw new JsonFileError(`${file}: cannot read (${why})`);
  }
  return parseJsonText(text, schema, file);
}

// ---------------------------------------------------------------------------------------------
// Reusable field schemas
// ---------------------------------------------------------------------------------------------

/** A 0x-prefixed 20-byte hex address (any case; checksums are checked by ethers where needed). */
export const hexAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x address (40 hex digits)");
/** 0x-prefixed hex bytes of any even length. */
export const hexBytes = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, "expected 0x-prefixed hex bytes");
/** A 32-byte hex value (hashes). */
export const hexBytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "expected a 0x-prefixed 32-byte hex value");
/** A non-negative integer written as a decimal string (token amounts in base units, uint256 values). */
export const decimalString = z.string().regex(/^(0|[1-9][0-9]*)$/, "expected a non-negative whole number written as a decimal string");
/** A non-negative safe integer. */
export const nonNegativeInt = z.number().int("expected a whole number").nonnegative("expected a number ≥ 0");
