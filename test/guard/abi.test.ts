/**
 * The ReserveGuard ABI the tooling owns (src/guard/contract.ts: what the offline safe:sign uses, so it runs before
 * anything is compiled) is the compiled contract's: every fragment equals an entry of the artifact and every entry
 * of the artifact is owned, so the two cannot drift.
 */
import { expect } from "chai";
import hre from "hardhat";
import { Interface } from "ethers";
import { RESERVE_GUARD_ABI, reserveGuardInterface } from "../../src/guard/contract";

describe("guard: the owned ReserveGuard ABI equals the compiled artifact's", function () {
  it("the same functions, events and errors, with the same parameters, names and mutability", async function () {
    const compiled = new Interface((await hre.artifacts.readArtifact("ReserveGuard")).abi);
    const owned = reserveGuardInterface() as unknown as Interface;
    const withoutConstructor = (i: Interface): string[] =>
      i
        .format()
        .filter((f) => !f.startsWith("constructor"))
        .sort();
    expect(withoutConstructor(owned)).to.deep.equal(withoutConstructor(compiled));
    expect(RESERVE_GUARD_ABI).to.have.length(withoutConstructor(compiled).length);
    // full JSON of each fragment (types, tuples, outputs, mutability); an event input is indexed or not (the
    // human-readable form leaves "not" implicit)
    type Fragment = { type: string; name?: string; inputs?: { indexed?: boolean }[] };
    const json = (i: Interface): Fragment[] =>
      (JSON.parse(i.formatJson()) as Fragment[])
        .filter((f) => f.type !== "constructor")
        .map((f) =>
          f.type === "event" ? { ...f, inputs: f.inputs?.map((p) => ({ ...p, indexed: p.indexed === true })) } : f,
        )
        .sort((a, b) => `${a.type}:${a.name ?? ""}`.localeCompare(`${b.type}:${b.name ?? ""}`));
    expect(json(owned)).to.deep.equal(json(compiled));
  });
});
