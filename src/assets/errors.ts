/** A user mistake in an asset helper's input (bad key, unknown class, missing event). */
export class AssetsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssetsError";
  }
}
