/**
 * The deployment journal: `deployments/<network>/.som/journal.json` (a dot-folder, so that
 * hardhat-deploy's loader, which skips names starting with ".", never reads it as a deployment),
 * written before and after every step so that a deployment killed at any point resumes without
 * duplicating anything.
 *
 * A step is marked "pending" with the deployer's nonce and the block number before it sends
 * anything, and "done" with its result afterwards. On resume (see steps.ts), a pending CREATE step
 * adopts the contract the deployer created from that nonce on; a CREATE2 step (the reserve Safe)
 * adopts the code at its predicted address; a state step re-reads the chain before acting.
 *
 * The journal is bound to a fingerprint of the configuration it was started with: a run with a
 * changed configuration stops before sending anything and says which fields changed, because the
 * steps already done (and the reserve Safe's predicted address) were made for the old values.
 */
import fs from "node:fs";
import path from "node:path";
import { keccak256, toUtf8Bytes } from "ethers";
import { UserError } from "../chain/errors";
import { readJsonFile, z } from "../chain/schema";

export interface StepResult {
  address?: string;
  transactionHash?: string;
  blockNumber?: number;
  /** What happened, in plain words (for the log and auditors). */
  note?: string;
}

export interface JournalEntry {
  step: string;
  status: "pending" | "done";
  /** Deployer nonce when the step started. */
  fromNonce: number;
  /** Block number when the step started. */
  fromBlock: number;
  updatedAt: string;
  result?: StepResult;
}

const entrySchema = z.strictObject({
  step: z.string(),
  status: z.enum(["pending", "done"]),
  fromNonce: z.number().int(),
  fromBlock: z.number().int(),
  updatedAt: z.string(),
  result: z
    .strictObject({
      address: z.string().optional(),
      transactionHash: z.string().optional(),
      blockNumber: z.number().int().optional(),
      note: z.string().optional(),
    })
    .optional(),
});

const journalSchema = z.strictObject({
  version: z.literal(2),
  network: z.string(),
  chainId: z.number().int(),
  deployer: z.string(),
  /** keccak256 of the canonical JSON of `config`. */
  configFingerprint: z.string(),
  /** The configuration the deployment was started with (for the "what changed" message). */
  config: z.record(z.string(), z.unknown()),
  entries: z.record(z.string(), entrySchema),
});

export type JournalFile = z.output<typeof journalSchema>;

/** The journal was started by another account, on another chain, or with another configuration. */
export class JournalMismatchError extends UserError {}

/** JSON with object keys sorted, so equal configurations give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });
}

/** Fingerprint of a configuration (what the chain state depends on). */
export function configFingerprint(config: Record<string, unknown>): string {
  return keccak256(toUtf8Bytes(canonicalJson(config)));
}

/** Leaf paths whose values differ between two JSON values: ["reserveSafe.owners[0]: "a" → "b"", ...]. */
export function describeChanges(before: unknown, after: unknown, at = ""): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) =>
      describeChanges(before[k], after[k], Array.isArray(before) ? `${at}[${k}]` : at ? `${at}.${k}` : k),
    );
  }
  if (canonicalJson(before) === canonicalJson(after)) return [];
  const show = (v: unknown): string => (v === undefined ? "(absent)" : canonicalJson(v));
  return [`${at || "(config)"}: ${show(before)} → ${show(after)}`];
}

export class DeployJournal {
  private data: JournalFile;

  /**
   * Opens (or starts) the journal of `file`. Throws {@link JournalMismatchError} before anything is
   * sent when the existing journal belongs to another chain, another deployer or another configuration.
   * @param config what the deployment depends on (the validated configuration, without file names).
   * @param configFile the configuration's file, for messages.
   */
  constructor(
    readonly file: string,
    network: string,
    chainId: number,
    deployer: string,
    config: Record<string, unknown>,
    configFile = "the configuration",
  ) {
    const fingerprint = configFingerprint(config);
    const folder = path.dirname(path.dirname(file));
    const fresh = `move ${folder} away (or delete it on a throwaway chain) to start a new deployment`;
    const legacy = path.join(folder, "_journal.json");
    if (!fs.existsSync(file) && fs.existsSync(legacy)) {
      // A deployment started by the previous version (journal without a configuration fingerprint):
      // starting afresh here would deploy every contract again.
      throw new JournalMismatchError(
        `${legacy} was written by an older version of the deploy command; nothing was sent. ` +
          `Finish that deployment with the version that started it, or ${fresh}`,
      );
    }
    if (fs.existsSync(file)) {
      this.data = readJsonFile(file, journalSchema);
      if (this.data.chainId !== chainId) {
        throw new JournalMismatchError(
          `${file} belongs to chain ${this.data.chainId}, not ${chainId}; nothing was sent; ${fresh}`,
        );
      }
      if (this.data.deployer.toLowerCase() !== deployer.toLowerCase()) {
        throw new JournalMismatchError(
          `${file} was started by deployer ${this.data.deployer}, not ${deployer}; nothing was sent; ` +
            `resume with that account, or ${fresh}`,
        );
      }
      if (this.data.configFingerprint !== fingerprint) {
        const changes = describeChanges(this.data.config, JSON.parse(canonicalJson(config)));
        const shown = changes.slice(0, 4).join("; ") + (changes.length > 4 ? `; and ${changes.length - 4} more` : "");
        throw new JournalMismatchError(
          `${configFile} changed since this deployment started (${shown}); nothing was sent. ` +
            `The steps already done were made for the old values: restore them to resume, or ${fresh}`,
        );
      }
    } else {
      this.data = {
        version: 2,
        network,
        chainId,
        deployer,
        configFingerprint: fingerprint,
        config: JSON.parse(canonicalJson(config)) as Record<string, unknown>,
        entries: {},
      };
    }
  }

  /** deployments/<network>/.som/journal.json */
  static fileFor(deploymentsDir: string): string {
    return path.join(deploymentsDir, ".som", "journal.json");
  }

  get(step: string): JournalEntry | undefined {
    return this.data.entries[step];
  }

  isDone(step: string): boolean {
    return this.data.entries[step]?.status === "done";
  }

  markPending(step: string, fromNonce: number, fromBlock: number): void {
    this.data.entries[step] = { step, status: "pending", fromNonce, fromBlock, updatedAt: new Date().toISOString() };
    this.save();
  }

  markDone(step: string, result: StepResult): void {
    const prev = this.data.entries[step];
    this.data.entries[step] = {
      step,
      status: "done",
      fromNonce: prev?.fromNonce ?? -1,
      fromBlock: prev?.fromBlock ?? -1,
      updatedAt: new Date().toISOString(),
      result: JSON.parse(JSON.stringify(result)) as StepResult,
    };
    this.save();
  }

  /** Every step in the order it was first started. */
  entries(): JournalEntry[] {
    return Object.values(this.data.entries);
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }
}
