import { expect } from "chai";
import {
  DEFAULT_RPC_TIMEOUT_MS,
  RPC_TIMEOUT_ENV,
  RpcTimeoutError,
  UserError,
  rpcTimeoutMs,
  withTimeout,
} from "../../src/chain";

describe("common: the bound of one RPC call", function () {
  it("is 15 s unless SOM_RPC_TIMEOUT_SECONDS sets whole seconds from 1 to 600; anything else is a user error", function () {
    expect(rpcTimeoutMs({})).to.equal(DEFAULT_RPC_TIMEOUT_MS).and.equal(15_000);
    expect(rpcTimeoutMs({ [RPC_TIMEOUT_ENV]: "" })).to.equal(15_000);
    expect(rpcTimeoutMs({ [RPC_TIMEOUT_ENV]: "1" })).to.equal(1_000);
    expect(rpcTimeoutMs({ [RPC_TIMEOUT_ENV]: "600" })).to.equal(600_000);
    for (const bad of ["0", "601", "1.5", "-3", "abc", " 5"]) {
      expect(() => rpcTimeoutMs({ [RPC_TIMEOUT_ENV]: bad }), bad).to.throw(UserError, "SOM_RPC_TIMEOUT_SECONDS");
    }
  });

  it("a call slower than the bound rejects with one line naming it; a faster one resolves", async function () {
    const never = new Promise<never>(() => undefined);
    const err = await withTimeout(never, "eth_chainId of http://x", 20).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(RpcTimeoutError);
    expect((err as Error).message).to.equal(
      "eth_chainId of http://x: no answer within 20 ms (is the RPC URL right and the node reachable?)",
    );
    expect(await withTimeout(Promise.resolve(7), "fast", 20)).to.equal(7);
  });
});
