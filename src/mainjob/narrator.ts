/** Plain-words narration of the main job: numbered steps, each transaction with its hash and gas. */
import type { TransactionReceipt } from "ethers";
import { UserError } from "../chain/errors";

/** A step of the main job that did not have its expected effect: printed as one line, exit 1. */
export class StepFailedError extends UserError {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(`step "${step}" did not have its expected effect: ${message}`);
  }
}

export class Narrator {
  private current = "";
  /** Step 0 is the deployment; the lifecycle proper is steps 1 to 8. */
  private count = -1;

  constructor(private readonly out: (line: string) => void) {}

  step(title: string): void {
    this.count += 1;
    this.current = title;
    this.out("");
    this.out(`${this.count}. ${title}`);
  }

  say(line: string): void {
    this.out(`   ${line}`);
  }

  tx(what: string, receipt: TransactionReceipt | null): void {
    if (!receipt) throw new StepFailedError(this.current, `${what}: no receipt`);
    this.out(`   - ${what}: tx ${receipt.hash}, gas ${receipt.gasUsed.toLocaleString("en-US")}`);
  }

  /** Throws {@link StepFailedError} unless `ok`. */
  expect(ok: boolean, message: string): void {
    if (!ok) throw new StepFailedError(this.current, message);
    this.out(`   ok: ${message}`);
  }
}
