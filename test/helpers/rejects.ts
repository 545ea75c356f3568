import { expect } from "chai";

/** Awaits `p` and asserts it rejects with a message matching `pattern` (and of class `type` when given). */
export async function expectRejects(
  p: Promise<unknown>,
  pattern: RegExp,
  type?: new (...args: never[]) => Error,
): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (type) expect(e).to.be.instanceOf(type);
    expect((e as Error).message).to.match(pattern);
    return e as Error;
  }
  return expect.fail(`expected a rejection matching ${pattern}`);
}
