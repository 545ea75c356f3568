/**
 * The one base class for mistakes a user can fix (bad input, missing file, wrong network, refused
 * risk). The CLI runner (./cli.ts) prints such an error as one line and exits 1; anything that is
 * not a UserError is a bug and is printed with its stack (exit 2).
 *
 * Every domain error class of src/ that reports a user mistake extends this class.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** True for errors the user can fix: printed as one line. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
