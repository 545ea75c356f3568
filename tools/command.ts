/**
 * The one shape of a developer command (scripts/audit.ts, gas.ts, check-coverage.ts, bench-report.ts):
 * the script parses its options, calls one function of tools/ that prints through a Printer and resolves
 * to the exit code, and hands the promise to runCommand.
 */

/** Where a tool prints: console in the scripts, a collecting stub in tests. */
export interface Printer {
  log(line: string): void;
  error(line: string): void;
}

export interface FailureStyle {
  /** Exit code when the command throws (default 2). */
  code?: number;
  /** Print the stack (default) or the message alone. */
  stack?: boolean;
}

/** Sets process.exitCode from the command's result; a thrown error is printed and exits with `failure.code`. */
export function runCommand(command: Promise<number>, failure: FailureStyle = {}): void {
  command.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const stack = failure.stack ?? true;
      console.error(err instanceof Error ? ((stack ? err.stack : undefined) ?? err.message) : err);
      process.exitCode = failure.code ?? 2;
    },
  );
}
