/**
 * The mutation operators, over the compact AST solc-js gives after parsing (`stopAfter: "parsing"`): every mutant is
 * one text edit at an exact byte range of one source file. No types are known at parsing, so an edit that does not
 * type-check is compiled, fails, and is counted as stillborn (never in the score).
 */
import crypto from "node:crypto";

export const OPERATORS = [
  "comparison", // == <-> !=, && <-> ||
  "boundary", // < <-> <=, > <-> >=
  "arithmetic", // + <-> -, * <-> /, % -> *
  "negation", // !x -> x
  "require", // require(...) statement removed
  "if-revert", // if (...) revert ... removed
  "modifier", // a modifier invocation removed (not a role check)
  "role", // onlyRole(...) removed, _checkRole(...) removed, hasRole(...) -> true
  "swap-args", // two adjacent arguments of a call swapped
  "delete-write", // an assignment, ++/-- or delete statement removed
  "delete-emit", // an emit statement removed
  "constant", // a number literal changed (0 -> 1, 1 -> 0, n -> n + 1, hex: last digit), true <-> false
  "return", // a returned boolean flipped
] as const;
export type Operator = (typeof OPERATORS)[number];

/** One mutant: one edit of one file. */
export interface Mutation {
  /** Stable id: `<contract>:<operator>:L<line>:<8 hex of the file, range and replacement>`. */
  id: string;
  contract: string;
  file: string;
  operator: Operator;
  line: number;
  /** Byte range in the file's UTF-8 text. */
  start: number;
  end: number;
  original: string;
  replacement: string;
}

/** A node of solc's compact AST: what the operators read of it. */
export interface AstNode {
  nodeType: string;
  src: string;
  [key: string]: unknown;
}

const isNode = (v: unknown): v is AstNode =>
  typeof v === "object" && v !== null && typeof (v as { nodeType?: unknown }).nodeType === "string";

function range(node: AstNode): [number, number] {
  const [s, l] = node.src.split(":").map(Number);
  return [s, s + l];
}

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const v of value) if (isNode(v)) out.push(v);
    if (isNode(value)) out.push(value);
  }
  return out;
}

const SWAP: Record<string, [Operator, string[]]> = {
  "==": ["comparison", ["!="]],
  "!=": ["comparison", ["=="]],
  "&&": ["comparison", ["||"]],
  "||": ["comparison", ["&&"]],
  "<": ["boundary", ["<="]],
  "<=": ["boundary", ["<"]],
  ">": ["boundary", [">="]],
  ">=": ["boundary", [">"]],
  "+": ["arithmetic", ["-"]],
  "-": ["arithmetic", ["+"]],
  "*": ["arithmetic", ["/"]],
  "/": ["arithmetic", ["*"]],
  "%": ["arithmetic", ["*"]],
};
const EMPTY = "{}";

function calleeName(call: AstNode): string | undefined {
  const expr = call.expression;
  if (!isNode(expr)) return undefined;
  if (expr.nodeType === "Identifier") return expr.name as string;
  if (expr.nodeType === "MemberAccess") return expr.memberName as string;
  return undefined;
}

const onlyRevert = (body: unknown): boolean =>
  isNode(body) &&
  (body.nodeType === "RevertStatement" ||
    (body.nodeType === "Block" &&
      Array.isArray(body.statements) &&
      body.statements.length === 1 &&
      isNode(body.statements[0]) &&
      body.statements[0].nodeType === "RevertStatement"));

interface Edit {
  operator: Operator;
  start: number;
  end: number;
  replacement: string;
}

/** One changed value per literal: 0 -> 1, 1 -> 0, n -> n + 1; a hex literal keeps its length (selectors: bytes4). */
function numberMutants(value: string): string[] {
  const clean = value.replace(/_/g, "");
  if (/^0x[0-9a-fA-F]+$/.test(clean)) {
    const last = parseInt(clean.slice(-1), 16);
    return [`${clean.slice(0, -1)}${((last + 1) % 16).toString(16)}`];
  }
  if (!/^[0-9]+$/.test(clean)) return [];
  const n = BigInt(clean);
  return [n === 1n ? "0" : (n + 1n).toString()];
}

/** Arguments worth swapping: names and member reads (a literal or a call swapped rarely type-checks). */
const SWAPPABLE = new Set(["Identifier", "MemberAccess", "IndexAccess"]);

/** The edits the operators make in one contract definition (interfaces and their members are not mutated). */
function editsOf(contract: AstNode, text: Buffer): Edit[] {
  const edits: Edit[] = [];
  const slice = (s: number, e: number): string => text.subarray(s, e).toString("utf8");
  const add = (operator: Operator, node: AstNode, replacement: string): void => {
    const [start, end] = range(node);
    edits.push({ operator, start, end, replacement });
  };
  // A removed statement: solc's range stops before its `;` (and an if's before its body's), which goes too.
  const remove = (operator: Operator, node: AstNode): void => {
    const [start, end] = range(node);
    const semicolon = /^\s*;/.exec(slice(end, Math.min(end + 64, text.length)));
    edits.push({ operator, start, end: end + (semicolon ? semicolon[0].length : 0), replacement: EMPTY });
  };
  const visit = (node: AstNode, inFunction: boolean): void => {
    switch (node.nodeType) {
      case "FunctionDefinition":
      case "ModifierDefinition": {
        if (node.nodeType === "FunctionDefinition" && node.kind !== "constructor") {
          for (const m of (node.modifiers as AstNode[]) ?? []) {
            const name = isNode(m.modifierName) ? String(m.modifierName.name ?? "") : "";
            if (m.kind === "baseConstructorSpecifier") continue;
            add(/role/i.test(name) ? "role" : "modifier", m, "");
          }
        }
        if (isNode(node.body)) visit(node.body, true);
        return;
      }
      case "VariableDeclaration":
        // state variables and constants: only their initial values are mutated
        if (isNode(node.value)) visit(node.value, inFunction);
        return;
      case "BinaryOperation": {
        const swap = SWAP[node.operator as string];
        if (swap && isNode(node.leftExpression) && isNode(node.rightExpression)) {
          const [, leftEnd] = range(node.leftExpression);
          const [rightStart] = range(node.rightExpression);
          const gap = slice(leftEnd, rightStart);
          const at = gap.indexOf(node.operator as string);
          if (at >= 0)
            for (const r of swap[1])
              edits.push({
                operator: swap[0],
                start: leftEnd + at,
                end: leftEnd + at + (node.operator as string).length,
                replacement: r,
              });
        }
        break;
      }
      case "UnaryOperation":
        if (node.operator === "!" && node.prefix === true && isNode(node.subExpression)) {
          const [start] = range(node);
          edits.push({ operator: "negation", start, end: start + 1, replacement: "" });
        }
        break;
      case "ExpressionStatement": {
        const e = node.expression;
        if (!isNode(e)) break;
        if (e.nodeType === "FunctionCall") {
          const name = calleeName(e);
          if (name === "require") remove("require", node);
          else if (name === "_checkRole") remove("role", node);
        } else if (
          e.nodeType === "Assignment" ||
          (e.nodeType === "UnaryOperation" && ["++", "--", "delete"].includes(e.operator as string))
        )
          remove("delete-write", node);
        break;
      }
      case "IfStatement":
        if (onlyRevert(node.trueBody) && !node.falseBody) remove("if-revert", node);
        break;
      case "EmitStatement":
        remove("delete-emit", node);
        break;
      case "FunctionCall": {
        const name = calleeName(node);
        if (name === "hasRole" && inFunction) add("role", node, "true");
        const args = (node.arguments as AstNode[]) ?? [];
        if (node.kind !== "typeConversion")
          for (let i = 0; i + 1 < args.length; i++) {
            const [aStart, aEnd] = range(args[i]);
            const [bStart, bEnd] = range(args[i + 1]);
            if (!SWAPPABLE.has(args[i].nodeType) || !SWAPPABLE.has(args[i + 1].nodeType)) continue;
            const a = slice(aStart, aEnd);
            const b = slice(bStart, bEnd);
            if (a !== b)
              edits.push({ operator: "swap-args", start: aStart, end: bEnd, replacement: b + slice(aEnd, bStart) + a });
          }
        break;
      }
      case "Literal":
        if (node.kind === "number" && !node.subdenomination)
          for (const r of numberMutants(String(node.value))) add("constant", node, r);
        if (node.kind === "bool") add("constant", node, node.value === "true" ? "false" : "true");
        break;
      case "Return": {
        const e = node.expression;
        if (!isNode(e)) break;
        const flips =
          (e.nodeType === "BinaryOperation" &&
            ["==", "!=", "<", "<=", ">", ">=", "&&", "||"].includes(String(e.operator))) ||
          (e.nodeType === "UnaryOperation" && e.operator === "!");
        if (flips) add("return", e, `!(${slice(...range(e))})`);
        break;
      }
      default:
        break;
    }
    for (const child of children(node)) visit(child, inFunction);
  };
  for (const member of (contract.nodes as AstNode[]) ?? []) visit(member, false);
  return edits;
}

function lineOf(text: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text[i] === 0x0a) line++;
  return line;
}

/** Every mutant of one source file (its parsed AST and UTF-8 text), in source order, ids stable. */
export function mutationsOf(contract: string, file: string, ast: AstNode, source: string): Mutation[] {
  const text = Buffer.from(source, "utf8");
  const defs = ((ast.nodes as AstNode[]) ?? []).filter(
    (n) => n.nodeType === "ContractDefinition" && n.contractKind !== "interface",
  );
  const seen = new Set<string>();
  const out: Mutation[] = [];
  const edits = defs.flatMap((d) => editsOf(d, text));
  edits.sort((a, b) => a.start - b.start || a.end - b.end || a.operator.localeCompare(b.operator));
  for (const e of edits) {
    const original = text.subarray(e.start, e.end).toString("utf8");
    if (original === e.replacement) continue;
    const key = `${file}:${e.start}:${e.end}:${e.replacement}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hash = crypto.createHash("sha256").update(key).digest("hex").slice(0, 8);
    const line = lineOf(text, e.start);
    out.push({
      id: `${contract}:${e.operator}:L${line}:${hash}`,
      contract,
      file,
      operator: e.operator,
      line,
      start: e.start,
      end: e.end,
      original,
      replacement: e.replacement,
    });
  }
  return out;
}

/** The file's text with the mutant's edit applied. */
export function applyMutation(source: string, m: Pick<Mutation, "start" | "end" | "replacement">): string {
  const text = Buffer.from(source, "utf8");
  return Buffer.concat([text.subarray(0, m.start), Buffer.from(m.replacement, "utf8"), text.subarray(m.end)]).toString(
    "utf8",
  );
}
