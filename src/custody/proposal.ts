/**
 * Proposal files: one JSON file per Safe transaction, written by `propose`, signed offline by `sign`,
 * executed by `execute`. Bigints are decimal strings. Reading validates every field and names the bad one.
 */
import fs from "node:fs";
import { getAddress, isHexString } from "ethers";
import type { JsonFragment } from "ethers";
import type { ContextRecord, ProposalContext } from "./context";
import { recoverSafeTxSigner, safeTxHash } from "../safe/safeTx";
import type { Operation, SafeTx } from "../safe/safeTx";
import { UserError } from "../chain";
import { readJsonFile, z } from "../chain/schema";

export const PROPOSAL_VERSION = 1;
export const SIGNATURE_FILE_VERSION = 1;

export interface SignatureEntry {
  signer: string;
  /** 65-byte EIP-712 signature (r ++ s ++ v, v = 27/28). */
  signature: string;
  signedAt: string;
}

export interface Proposal {
  version: typeof PROPOSAL_VERSION;
  chainId: number;
  safe: string;
  nonce: bigint;
  safeTx: SafeTx;
  safeTxHash: string;
  /** What the proposer says this is (free text; the signer relies on the decoding, not on this). */
  description: string;
  /** Summary lines written by propose; sign refuses the file if its own decoding differs. */
  summary: string[];
  context: ProposalContext;
  signatures: SignatureEntry[];
  createdAt: string;
}

/** A detached signature (written by `sign --out`, merged by `execute --signatures`). */
export interface SignatureFile {
  version: typeof SIGNATURE_FILE_VERSION;
  kind: "safe-tx-signature";
  chainId: number;
  safe: string;
  safeTxHash: string;
  signer: string;
  signature: string;
  signedAt: string;
}

export class ProposalError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ProposalError";
  }
}

/** JSON form (bigints as decimal strings). */
export function proposalToJson(p: Proposal): string {
  return `${JSON.stringify(p, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`;
}

export function writeProposal(file: string, p: Proposal): void {
  fs.writeFileSync(file, proposalToJson(p));
}

export function readProposal(file: string): Proposal {
  if (!fs.existsSync(file)) throw new ProposalError(`proposal file ${file} not found`);
  return parseProposal(readJsonFile(file, z.unknown()), file);
}

class Fields {
  constructor(
    private readonly source: string,
    private readonly obj: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  private fail(field: string, why: string): never {
    throw new ProposalError(`${this.source}: field ${this.prefix}${field} ${why}`);
  }
  has(field: string): boolean {
    return field in this.obj && this.obj[field] !== undefined;
  }
  raw(field: string): unknown {
    if (!(field in this.obj)) this.fail(field, "is missing");
    return this.obj[field];
  }
  str(field: string): string {
    const v = this.raw(field);
    if (typeof v !== "string") this.fail(field, `must be a string, got ${JSON.stringify(v)}`);
    return v;
  }
  address(field: string): string {
    const v = this.str(field);
    try {
      return getAddress(v);
    } catch {
      return this.fail(field, `is not an address: ${JSON.stringify(v)}`);
    }
  }
  hex(field: string, bytes?: number): string {
    const v = this.str(field);
    if (!isHexString(v, bytes) || (bytes === undefined && v.length % 2 !== 0)) {
      this.fail(field, `must be 0x-hex${bytes ? ` of ${bytes} bytes` : ""}, got ${JSON.stringify(v.slice(0, 80))}`);
    }
    return v.toLowerCase();
  }
  uint(field: string): bigint {
    const v = this.raw(field);
    if (typeof v !== "string" || !/^(0|[1-9][0-9]*)$/.test(v))
      this.fail(field, `must be a decimal integer string, got ${JSON.stringify(v)}`);
    return BigInt(v);
  }
  int(field: string): number {
    const v = this.raw(field);
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
      this.fail(field, `must be a non-negative integer, got ${JSON.stringify(v)}`);
    return v;
  }
  obj2(field: string): Fields {
    const v = this.raw(field);
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(field, "must be an object");
    return new Fields(this.source, v as Record<string, unknown>, `${this.prefix}${field}.`);
  }
  arr(field: string): unknown[] {
    const v = this.raw(field);
    if (!Array.isArray(v)) this.fail(field, "must be an array");
    return v;
  }
  child(field: string, v: unknown): Fields {
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(field, "must be an object");
    return new Fields(this.source, v as Record<string, unknown>, `${this.prefix}${field}.`);
  }
}

function parseSafeTx(f: Fields): SafeTx {
  const operation = f.int("operation");
  if (operation !== 0 && operation !== 1)
    throw new ProposalError(`field safeTx.operation must be 0 (call) or 1 (delegatecall)`);
  return {
    to: f.address("to"),
    value: f.uint("value"),
    data: f.hex("data"),
    operation: operation as Operation,
    safeTxGas: f.uint("safeTxGas"),
    baseGas: f.uint("baseGas"),
    gasPrice: f.uint("gasPrice"),
    gasToken: f.address("gasToken"),
    refundReceiver: f.address("refundReceiver"),
    nonce: f.uint("nonce"),
  };
}

function parseRecord(f: Fields): ContextRecord {
  const abi = f.arr("abi") as JsonFragment[];
  const rec: ContextRecord = { name: f.str("name"), contract: f.str("contract"), address: f.address("address"), abi };
  if (f.has("token")) {
    const t = f.obj2("token");
    const decimals = t.int("decimals");
    if (decimals > 77) throw new ProposalError(`field token.decimals of record ${rec.name} is out of range`);
    rec.token = { decimals, symbol: t.str("symbol") };
  }
  return rec;
}

function parseSignature(f: Fields): SignatureEntry {
  return { signer: f.address("signer"), signature: f.hex("signature", 65), signedAt: f.str("signedAt") };
}

/** Validates a parsed proposal JSON; errors name the source and the field. */
export function parseProposal(json: unknown, source = "proposal"): Proposal {
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new ProposalError(`${source}: not a proposal object`);
  const f = new Fields(source, json as Record<string, unknown>, "");
  const version = f.int("version");
  if (version !== PROPOSAL_VERSION)
    throw new ProposalError(`${source}: field version is ${version}, this tool reads version ${PROPOSAL_VERSION}`);
  const safeTx = parseSafeTx(f.obj2("safeTx"));
  const nonce = f.uint("nonce");
  if (nonce !== safeTx.nonce)
    throw new ProposalError(`${source}: field nonce (${nonce}) differs from safeTx.nonce (${safeTx.nonce})`);
  const ctx = f.obj2("context");
  const records = ctx.arr("records").map((r, i) => parseRecord(ctx.child(`records[${i}]`, r)));
  const owners = ctx.arr("owners").map((o, i) => {
    try {
      return getAddress(String(o));
    } catch {
      throw new ProposalError(`${source}: field context.owners[${i}] is not an address`);
    }
  });
  const preimages = ctx.has("preimages") ? ctx.arr("preimages") : undefined;
  if (preimages && !preimages.every((t) => typeof t === "string"))
    throw new ProposalError(`${source}: field context.preimages must be an array of strings`);
  const summary = f.arr("summary");
  if (!summary.every((s) => typeof s === "string"))
    throw new ProposalError(`${source}: field summary must be an array of strings`);
  return {
    version: PROPOSAL_VERSION,
    chainId: f.int("chainId"),
    safe: f.address("safe"),
    nonce,
    safeTx,
    safeTxHash: f.hex("safeTxHash", 32),
    description: f.str("description"),
    summary: summary as string[],
    context: {
      records,
      owners,
      threshold: ctx.int("threshold"),
      ...(preimages ? { preimages: preimages as string[] } : {}),
    },
    signatures: f.arr("signatures").map((s, i) => parseSignature(f.child(`signatures[${i}]`, s))),
    createdAt: f.str("createdAt"),
  };
}

/** Throws unless the file's safeTxHash is the EIP-712 hash of its own fields (chain id and Safe included). */
export function verifyProposalHash(
  p: Proposal,
  source = "proposal",
  recomputed = safeTxHash(p.chainId, p.safe, p.safeTx),
): void {
  if (recomputed !== p.safeTxHash.toLowerCase()) {
    throw new ProposalError(
      `${source}: safeTxHash ${p.safeTxHash} does not match the SafeTx fields (recomputed ${recomputed}); ` +
        "the file was altered after it was proposed: do not sign, ask the proposer for a fresh file",
    );
  }
}

/** Adds a signature after checking it recovers to its claimed signer over this proposal's hash. */
export function addSignature(p: Proposal, entry: SignatureEntry): Proposal {
  const recovered = recoverSafeTxSigner(p.safeTxHash, entry.signature);
  if (recovered !== getAddress(entry.signer)) {
    throw new ProposalError(
      `signature claimed by ${entry.signer} was made by ${recovered} (or over another transaction)`,
    );
  }
  if (p.signatures.some((s) => getAddress(s.signer) === recovered))
    throw new ProposalError(`${recovered} has already signed this proposal`);
  return { ...p, signatures: [...p.signatures, { ...entry, signer: recovered }] };
}

export function signatureFileFor(p: Proposal, entry: SignatureEntry): SignatureFile {
  return {
    version: SIGNATURE_FILE_VERSION,
    kind: "safe-tx-signature",
    chainId: p.chainId,
    safe: p.safe,
    safeTxHash: p.safeTxHash,
    signer: entry.signer,
    signature: entry.signature,
    signedAt: entry.signedAt,
  };
}

export function readSignatureFile(file: string): SignatureFile {
  if (!fs.existsSync(file)) throw new ProposalError(`signature file ${file} not found`);
  const json = readJsonFile(file, z.unknown());
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new ProposalError(`${file}: not a signature file (a JSON object)`);
  const f = new Fields(file, json as Record<string, unknown>, "");
  if (f.int("version") !== SIGNATURE_FILE_VERSION || f.str("kind") !== "safe-tx-signature") {
    throw new ProposalError(`${file}: not a version ${SIGNATURE_FILE_VERSION} Safe signature file`);
  }
  return {
    version: SIGNATURE_FILE_VERSION,
    kind: "safe-tx-signature",
    chainId: f.int("chainId"),
    safe: f.address("safe"),
    safeTxHash: f.hex("safeTxHash", 32),
    signer: f.address("signer"),
    signature: f.hex("signature", 65),
    signedAt: f.str("signedAt"),
  };
}

/** Merges a detached signature into the proposal (same Safe, chain and hash required). */
export function mergeSignatureFile(p: Proposal, s: SignatureFile, source = "signature file"): Proposal {
  if (
    s.safeTxHash !== p.safeTxHash.toLowerCase() ||
    s.chainId !== p.chainId ||
    getAddress(s.safe) !== getAddress(p.safe)
  ) {
    throw new ProposalError(
      `${source} signs ${s.safeTxHash} on Safe ${s.safe} chain ${s.chainId}, not this proposal (${p.safeTxHash})`,
    );
  }
  return addSignature(p, { signer: s.signer, signature: s.signature, signedAt: s.signedAt });
}
