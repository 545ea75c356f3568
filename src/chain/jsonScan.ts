/**
 * Locating JSON paths: a small scanner over the (valid or not) text that records where each value and each
 * key starts, rejects a key written twice in one object, and reports the first syntax error by line:column.
 */
import { UserError } from "./errors";

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

/** A path as a map key. */
export type PathKey = string;
export const keyOf = (path: readonly PropertyKey[]): PathKey =>
  JSON.stringify(path.map((p) => (typeof p === "number" ? p : String(p))));

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
      if (this.text[this.pos] !== ":")
        this.fail(`${this.describe()} where ":" was expected after field ${JSON.stringify(key)}`);
      this.pos++;
      this.ws();
      this.value([...path, key], keyLine);
      if (!this.anotherMember("}")) return;
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
      if (!this.anotherMember("]")) return;
    }
  }

  /**
   * After a member of an object or array: skips whitespace, then consumes a "," and returns true (another member
   * follows) or consumes `close` and returns false (the object or array ends). Anything else fails, and so does a
   * comma just before `close`.
   */
  private anotherMember(close: "}" | "]"): boolean {
    this.ws();
    const c = this.text[this.pos];
    if (c === ",") {
      const comma = this.pos++;
      this.ws();
      if (this.text[this.pos] === close) this.fail(`trailing comma before "${close}"`, comma);
      return true;
    }
    if (c !== close) this.fail(`${this.describe()} where "," or "${close}" was expected`);
    this.pos++;
    return false;
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
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
            this.fail("bad \\u escape in a string");
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
