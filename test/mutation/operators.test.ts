/** The mutation tool's operators, ids, sample and Trivial Compiler Equivalence, on a small fixture contract. */
import { expect } from "chai";
import {
  Compiler,
  applyMutation,
  codeKey,
  mutationsOf,
  selectMutants,
  stripMetadata,
  type Mutation,
} from "../../tools/mutation";
import { PROJECT_ROOT } from "../helpers/cli";
import { FIXTURE_FILE, FIXTURE_SOURCE, fixtureBuild } from "./fixture";

describe("mutation: operators over the solc-js AST, ids, sample, TCE", function () {
  this.timeout(120_000);
  let compiler: Compiler;
  let mutants: Mutation[];

  before(function () {
    compiler = new Compiler(fixtureBuild(), PROJECT_ROOT);
    mutants = mutationsOf("Fixture", FIXTURE_FILE, compiler.parseAll()[FIXTURE_FILE], FIXTURE_SOURCE);
  });

  const find = (operator: string, original: string, replacement: string): Mutation | undefined =>
    mutants.find((m) => m.operator === operator && m.original === original && m.replacement === replacement);

  const expected: [string, string, string][] = [
    ["comparison", "!=", "=="],
    ["boundary", ">", ">="],
    ["boundary", "<=", "<"],
    ["arithmetic", "+", "-"],
    ["arithmetic", "*", "/"],
    ["negation", "!", ""],
    ["require", 'require(amount > 0, "zero");', "{}"],
    ["if-revert", "if (msg.sender != owner) revert NotOwner();", "{}"],
    ["modifier", "onlyOwner", ""],
    ["role", "onlyRole(bytes32(0))", ""],
    ["role", "hasRole(bytes32(0), msg.sender)", "true"],
    ["swap-args", "from, to", "to, from"],
    ["delete-write", "total = total + amount * 2;", "{}"],
    ["delete-emit", "emit Moved(from, to, amount);", "{}"],
    ["constant", "7", "8"],
    ["constant", "2", "3"],
    ["constant", "0", "1"],
    ["return", "a <= total", "!(a <= total)"],
  ];
  for (const [operator, original, replacement] of expected)
    it(`${operator}: ${original} -> ${replacement || "(removed)"}`, function () {
      const m = find(operator, original, replacement);
      expect(m, mutants.map((x) => `${x.operator} ${x.original} -> ${x.replacement}`).join("\n")).to.not.equal(
        undefined,
      );
      const mutated = applyMutation(FIXTURE_SOURCE, m!);
      const at = Buffer.from(FIXTURE_SOURCE).subarray(0, m!.start).toString().length;
      expect(mutated.slice(0, at)).to.equal(FIXTURE_SOURCE.slice(0, at));
      expect(mutated.slice(at, at + replacement.length)).to.equal(replacement);
      expect(FIXTURE_SOURCE.split("\n")[m!.line - 1]).to.contain(original.split("\n")[0]);
    });

  it("ids are stable (contract, operator, line, hash of the edit), unique, in source order", function () {
    const again = mutationsOf("Fixture", FIXTURE_FILE, compiler.parseAll()[FIXTURE_FILE], FIXTURE_SOURCE);
    expect(again.map((m) => m.id)).to.deep.equal(mutants.map((m) => m.id));
    expect(new Set(mutants.map((m) => m.id)).size).to.equal(mutants.length);
    for (const m of mutants) expect(m.id).to.match(new RegExp(`^Fixture:${m.operator}:L${m.line}:[0-9a-f]{8}$`));
    expect(mutants.map((m) => m.start)).to.deep.equal([...mutants].map((m) => m.start).sort((a, b) => a - b));
  });

  it("the seeded sample is deterministic, draws every contract in turn, and differs by seed", function () {
    const two = [...mutants, ...mutants.map((m) => ({ ...m, contract: "Other", id: `Other${m.id.slice(7)}` }))];
    const a = selectMutants(two, { max: 10, seed: 25 }).map((m) => m.id);
    expect(selectMutants(two, { max: 10, seed: 25 }).map((m) => m.id)).to.deep.equal(a);
    expect(a.filter((id) => id.startsWith("Fixture:"))).to.have.length(5);
    expect(selectMutants(two, { max: 10, seed: 26 }).map((m) => m.id)).to.not.deep.equal(a);
    expect(selectMutants(two, { max: 3 }).map((m) => m.id)).to.deep.equal(two.slice(0, 3).map((m) => m.id));
  });

  it("TCE: a mutant compiling to the original's bytecode (metadata aside) is equivalent; others are not", function () {
    const original = compiler.compile([FIXTURE_FILE]);
    if (!original.ok) throw new Error(original.error);
    const compile = (m: Mutation) => compiler.compile([FIXTURE_FILE], FIXTURE_FILE, applyMutation(FIXTURE_SOURCE, m));
    const unused = compile(find("constant", "7", "8")!);
    const changed = compile(find("arithmetic", "*", "/")!);
    if (!unused.ok || !changed.ok) throw new Error("a mutant did not compile");
    expect(codeKey(unused.contracts)).to.equal(codeKey(original.contracts));
    const key = `${FIXTURE_FILE}:Fixture`;
    expect(unused.contracts[key].deployedBytecode).to.not.equal(original.contracts[key].deployedBytecode); // metadata
    expect(codeKey(changed.contracts)).to.not.equal(codeKey(original.contracts));
    expect(stripMetadata(`0x6001${"ab".repeat(3)}0003`)).to.equal("6001");
    const stillborn = compiler.compile(
      [FIXTURE_FILE],
      FIXTURE_FILE,
      FIXTURE_SOURCE.replace("total + amount", "total +"),
    );
    expect(stillborn.ok).to.equal(false);
  });
});
