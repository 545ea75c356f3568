/** Schema problems -> messages a user can act on: file, line, field path, and "did you mean …?". */
import type { z } from "zod";
import { UserError } from "./errors";
import { keyOf } from "./jsonScan";
import type { PathKey } from "./jsonScan";

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

function formatIssues(source: string, issues: SchemaIssue[]): string {
  const one = (i: SchemaIssue): string => `${source}${i.line > 0 ? `:${i.line}` : ""}: ${i.field}: ${i.message}`;
  const shown = issues.slice(0, 3).map(one).join("; ");
  const more = issues.length > 3 ? `; and ${issues.length - 3} more problem(s)` : "";
  return shown + more;
}

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
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, p))
      return { found: false, value: undefined };
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
export function describeIssues(
  error: z.ZodError,
  schema: z.ZodType,
  value: unknown,
  lines: Map<PathKey, number>,
): SchemaIssue[] {
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
        out.push({
          line: lineFor(lines, [...path, key]),
          field: formatPath([...path, key]),
          message: `unknown field${hint}`,
        });
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

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}
