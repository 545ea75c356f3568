/** A user mistake in an asset helper's input (bad key, unknown class, missing event). */
import { UserError } from "../chain/errors";
export class AssetsError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "AssetsError";
  }
}
