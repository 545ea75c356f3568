/**
 * The deployment journal: `deployments/<network>/_journal.json`, written before and after every
 * step so that a deployment killed at any point resumes without duplicating contracts.
 *
 * A step is marked "pending" with the deployer's nonce and the block number before it sends
 * anything, and "done" with its result afterwards. On resume, a pending creation step looks at
 * the contracts the deployer created from that nonce on (CREATE addresses are a function of
 * deployer and nonce) and adopts the one that matches instead of deploying again; a pending
 * state step re-checks the chain before acting. Files starting with "_" are not contract records.
 */
import fs from "node:fs";
import path from "node:path";

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

export interface JournalFile {
  network: string;
  chainId: number;
  deployer: string;
  entries: Record<string, JournalEntry>;
}

export class DeployJournal {
  private data: JournalFile;

  constructor(
    readonly file: string,
    network: string,
    chainId: number,
    deployer: string,
  ) {
    if (fs.existsSync(file)) {
      this.data = JSON.parse(fs.readFileSync(file, "utf8")) as JournalFile;
      if (this.data.chainId !== chainId) {
        throw new Error(`${file} belongs to chain ${this.data.chainId}, not ${chainId}; move it away to deploy afresh`);
      }
      if (this.data.deployer.toLowerCase() !== deployer.toLowerCase()) {
        throw new Error(
          `${file} was started by deployer ${this.data.deployer}; resume with that account or move the folder away`,
        );
      }
    } else {
      this.data = { network, chainId, deployer, entries: {} };
    }
  }

  static fileFor(deploymentsDir: string): string {
    return path.join(deploymentsDir, "_journal.json");
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
      result,
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
