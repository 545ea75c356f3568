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
import { parseJsonLocated } from "./jsonScan";
import type { PathKey } from "./jsonScan";
import { SchemaError, describeIssues } from "./schemaIssues";

export { z };
export { JsonSyntaxError, parseJsonLocated } from "./jsonScan";
export { SchemaError, closest, describeIssues, editDistance, formatPath, knownKeysAt } from "./schemaIssues";
export type { SchemaIssue } from "./schemaIssues";
export { addIssue, decimalString, hexAddress, hexBytes, hexBytes32, nonNegativeInt } from "./schemaFields";

/** A JSON file that cannot be read (missing, a folder, unreadable). */
export class JsonFileError extends UserError {}

/**
 * Parses `text` as JSON and checks it against `schema`. `source` names the text in messages
 * (usually the file path). Throws {@link JsonSyntaxError} or {@link SchemaError}.
 */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S, source: string): z.output<S> {
  const { value, lines } = parseJsonLocated(text, source);
  return checkJsonValue(value, schema, source, lines);
}

/** Checks an already-parsed value (lines unknown unless given). */
export function checkJsonValue<S extends z.ZodType>(
  value: unknown,
  schema: S,
  source: string,
  lines: Map<PathKey, number> = new Map(),
): z.output<S> {
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
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : (code ?? String(err));
    throw new JsonFileError(`${file}: cannot read (${why})`);
  }
  return parseJsonText(text, schema, file);
}
