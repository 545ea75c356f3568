/**
 * Safe{Wallet} interop with fixed vectors: the Transaction Builder batch (version "1.0", its checksum as the
 * Builder computes it), the Transaction Service body, and the import of a Transaction Service JSON.
 */
import { expect } from "chai";
import { Signature, Wallet, getAddress, id } from "ethers";
import { canonicalAddressAndHash } from "../../src/safe/artifacts";
import {
  fromTxServiceJson,
  serializeForChecksum,
  toTxBuilderBatch,
  toTxServiceBody,
  txBuilderChecksum,
} from "../../src/custody/interop";
import type { TxBuilderBatch } from "../../src/custody/interop";
import { encodeMultiSendCall } from "../../src/safe/multisend";
import type { Proposal } from "../../src/custody/proposal";
import { buildSafeTx, safeTxHash, signSafeTx } from "../../src/safe/safeTx";

const SAFE = getAddress("0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe");
const TOKEN = getAddress("0x1111111111111111111111111111111111111111");
const DATA =
  "0xa9059cbb" +
  "0000000000000000000000002222222222222222222222222222222222222222" +
  "000000000000000000000000000000000000000000000000000000000000c350";

function proposal(tx = buildSafeTx({ to: TOKEN, data: DATA, nonce: 3n })): Proposal {
  return {
    version: 1,
    chainId: 97,
    safe: SAFE,
    nonce: tx.nonce,
    safeTx: tx,
    safeTxHash: safeTxHash(97, SAFE, tx),
    description: "",
    summary: [],
    context: { records: [], owners: [], threshold: 0 },
    signatures: [],
    createdAt: "",
  };
}

describe("safe: Safe{Wallet} interop", function () {
  it("serializes as the Transaction Builder does (sorted keys, undefined as null)", function () {
    expect(serializeForChecksum({ b: 1, a: [true, "x"], c: { d: null, e: undefined } })).to.equal(
      '{["a","b","c"][true,"x"],1,{["d","e"]null,null,},}',
    );
  });

  it("a batch file: version 1.0, chain id as a string, one transaction per call, checksum pinned", function () {
    const batch = toTxBuilderBatch(proposal(), {
      name: "p.json",
      description: "Send 500.00 KGSC",
      owner: TOKEN,
      createdAt: 1_790_000_000_000,
    });
    expect(batch.version).to.equal("1.0");
    expect(batch.chainId).to.equal("97");
    expect(batch.meta.createdFromSafeAddress).to.equal(SAFE);
    expect(batch.transactions).to.deep.equal([
      { to: TOKEN, value: "0", data: DATA, contractMethod: null, contractInputsValues: null },
    ]);
    expect(batch.meta.checksum).to.equal(PINNED_CHECKSUM);
    // the name does not enter the checksum (the Builder nulls it); any other field does
    expect(txBuilderChecksum({ ...batch, meta: { ...batch.meta, name: "other" } })).to.equal(PINNED_CHECKSUM);
    const edited: TxBuilderBatch = { ...batch, transactions: [{ ...batch.transactions[0], value: "1" }] };
    expect(txBuilderChecksum(edited)).to.not.equal(PINNED_CHECKSUM);
  });

  it("a MultiSendCallOnly batch becomes its member calls", function () {
    const ms = canonicalAddressAndHash("MultiSendCallOnly").address;
    const calls = [
      { to: TOKEN, value: 0n, data: DATA, operation: 0 as const },
      { to: SAFE, value: 5n, data: "0x", operation: 0 as const },
    ];
    const batch = toTxBuilderBatch(
      proposal(buildSafeTx({ to: ms, data: encodeMultiSendCall(calls), operation: 1, nonce: 0n })),
      { name: "b", description: "", createdAt: 0 },
    );
    expect(batch.transactions.map((t) => [t.to, t.value, t.data])).to.deep.equal([
      [TOKEN, "0", DATA],
      [SAFE, "5", "0x"],
    ]);
  });

  it("the Transaction Service body maps every SafeTx field, the hash, sender and sorted signatures", async function () {
    const p = proposal();
    const [a, b] = [new Wallet(id("owner-a")), new Wallet(id("owner-b"))];
    const sigs = await Promise.all(
      [a, b].map(async (w) => ({ signer: w.address, signature: await signSafeTx(w, 97, SAFE, p.safeTx) })),
    );
    const body = toTxServiceBody(p, sigs);
    const low = BigInt(a.address) < BigInt(b.address) ? sigs[0] : sigs[1];
    const high = low === sigs[0] ? sigs[1] : sigs[0];
    expect(body).to.deep.equal({
      to: TOKEN,
      value: "0",
      data: DATA,
      operation: 0,
      safeTxGas: "0",
      baseGas: "0",
      gasPrice: "0",
      gasToken: "0x0000000000000000000000000000000000000000",
      refundReceiver: "0x0000000000000000000000000000000000000000",
      nonce: "3",
      contractTransactionHash: p.safeTxHash,
      sender: low.signer,
      signature: `${low.signature}${high.signature.slice(2)}`,
      origin: "som-reserve",
    });
  });

  it("imports a Transaction Service transaction: fields, hash and EOA confirmations; a wrong hash is refused", async function () {
    const p = proposal();
    const w = new Wallet(id("owner-a"));
    const sig = Signature.from(await signSafeTx(w, 97, SAFE, p.safeTx)).serialized;
    const json = {
      safe: SAFE,
      to: TOKEN,
      value: "0",
      data: DATA,
      operation: 0,
      gasToken: "0x0000000000000000000000000000000000000000",
      safeTxGas: 0,
      baseGas: 0,
      gasPrice: "0",
      refundReceiver: "0x0000000000000000000000000000000000000000",
      nonce: 3,
      safeTxHash: p.safeTxHash,
      dataDecoded: { method: "transfer", parameters: [{ name: "value", value: "999999" }] },
      confirmations: [
        { owner: w.address, submissionDate: "2026-01-01T00:00:00Z", signature: sig, signatureType: "EOA" },
      ],
    };
    const imported = fromTxServiceJson(json, 97);
    expect(imported.safeTx).to.deep.equal(p.safeTx);
    expect(imported.safeTxHash).to.equal(p.safeTxHash);
    expect(imported.signatures).to.deep.equal([
      { signer: w.address, signature: sig, signedAt: "2026-01-01T00:00:00Z" },
    ]);
    expect(imported.summary).to.deep.equal([]); // dataDecoded is never used
    expect(() => fromTxServiceJson(json, 56)).to.throw(/not the hash of its fields on chain 56/);
    expect(() => fromTxServiceJson({ ...json, operation: 2 }, 97)).to.throw(/operation must be 0 or 1/);
  });
});

/** keccak256 of the Builder serialization of the batch above (computed once, pinned against regressions). */
const PINNED_CHECKSUM = "0x1df7dd39a7ee19b2ba4cd540a2edd6326895b3e564e966bf8a4e6f5cfb07a664";
