/**
 * The one chain-error mapping (src/chain/chainErrors.ts): the messages the custodian commands, the
 * attestation commands and the deploy loader printed before they shared it.
 */
import { expect } from "chai";
import { Interface } from "ethers";
import {
  HardhatSetupError,
  UserError,
  cannotReadChain,
  chainErrorAsUserError,
  describeRevert,
  hardhatSetupError,
  revertDataOf,
  onChain,
  rpcConnectError,
  rpcErrorAsUserError,
} from "../../src/chain";
import { rpcErrorAsUserError as attestationAlias, describeRevert as attestationRevert } from "../../src/attestation";

describe("common: the one chain-error mapping", function () {
  it("an ethers or provider error names the network, with Hardhat's cause", async function () {
    const ethersError = Object.assign(new Error("long\nstack"), {
      code: "CALL_EXCEPTION",
      shortMessage: "execution reverted",
    });
    const mapped = chainErrorAsUserError(ethersError, "localhost");
    expect(mapped).to.be.instanceOf(UserError);
    expect((mapped as Error).message).to.equal('network "localhost": execution reverted');
    const hh = Object.assign(new Error("HH108: Cannot connect"), {
      name: "HardhatError",
      parent: new Error("ECONNREFUSED"),
    });
    expect((chainErrorAsUserError(hh, "x") as Error).message).to.equal(
      'network "x": HH108: Cannot connect (ECONNREFUSED)',
    );
    const bug = new Error("boom");
    expect(chainErrorAsUserError(bug, "x")).to.equal(bug);
    let thrown: unknown;
    await onChain("sepolia", async () => {
      throw ethersError;
    }).catch((e: unknown) => {
      thrown = e;
    });
    expect((thrown as Error).message).to.equal('network "sepolia": execution reverted');
  });

  it("an RPC error of the attestation commands, and a node that cannot be asked anything", function () {
    const err = Object.assign(new Error("x"), { code: "SERVER_ERROR", shortMessage: "server response 500" });
    expect((rpcErrorAsUserError(err, "RPC http://n") as Error).message).to.equal("RPC http://n: server response 500");
    const plain = new Error("bug");
    expect(rpcErrorAsUserError(plain, "RPC")).to.equal(plain);
    const fetchFailed = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    });
    expect(rpcConnectError("http://127.0.0.1:9", fetchFailed).message).to.equal(
      "cannot reach RPC http://127.0.0.1:9: ECONNREFUSED",
    );
  });

  it("a revert names its custom error, decoded or from Hardhat's message", function () {
    expect(describeRevert({ revert: { name: "AttestationReportNotNewer", args: [1n, 2n] } })).to.equal(
      "AttestationReportNotNewer(1, 2)",
    );
    expect(describeRevert(new Error("VM Exception: reverted with custom error 'Stale(5)'"))).to.equal("Stale(5)");
    expect(describeRevert("text")).to.equal("text");
  });

  it("anvil's raw revert data is decoded with the ABIs the caller knows (the contracts its call reaches)", function () {
    const abi = new Interface([
      "error SomStablecoinMintExceedsReserves(uint256 supply, uint256 amount, uint256 reserves)",
    ]);
    const data = abi.encodeErrorResult("SomStablecoinMintExceedsReserves", [100n, 401n, 500n]);
    const anvil = new Error(`execution reverted: custom error ${data.slice(0, 10)}: ${data.slice(10)}`);
    expect(revertDataOf(anvil)).to.equal(data);
    expect(describeRevert(anvil, [abi])).to.equal("SomStablecoinMintExceedsReserves(100, 401, 500)");
    expect(describeRevert(anvil, []), "unknown without the ABI").to.equal(anvil.message);
    expect(describeRevert(Object.assign(new Error("x"), { data }), [abi])).to.match(/^SomStablecoinMint/);
    expect(describeRevert(Object.assign(new Error("x"), { info: { error: { data } } }), [abi])).to.match(/^SomStable/);
    const other = new Interface(["error Other()"]);
    expect(describeRevert(anvil, [other, abi]), "the first ABI that decodes it").to.match(/^SomStablecoinMint/);
    expect(revertDataOf(new Error("execution reverted"))).to.equal(undefined);
  });

  it("Hardhat refusing to load is one line; other errors are not mapped", function () {
    const hh = Object.assign(new Error("HH100: Network nowhere doesn't exist\nmore"), { name: "HardhatError" });
    expect(hardhatSetupError(hh))
      .to.be.instanceOf(HardhatSetupError)
      .with.property("message", "HH100: Network nowhere doesn't exist");
    expect(hardhatSetupError(new Error("x"))).to.equal(undefined);
  });

  it("one wording for a chain that cannot be read (the report and the unreachable node say the same)", function () {
    expect(cannotReadChain("localhost", "boom")).to.equal(
      'cannot read the chain of network "localhost" (is the node running and the RPC URL right?): boom',
    );
    expect(cannotReadChain(undefined, "boom")).to.equal(
      "cannot read the chain of the network (is the node running and the RPC URL right?): boom",
    );
  });

  it("the old names of the attestation library are the kernel's functions", function () {
    expect(attestationAlias).to.equal(rpcErrorAsUserError);
    expect(attestationRevert).to.equal(describeRevert);
  });
});
