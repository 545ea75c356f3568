/** The one schema reader (src/chain/schema.ts) every JSON file of the project goes through. */
import { expect } from "chai";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  JsonFileError,
  JsonSyntaxError,
  SchemaError,
  closest,
  parseJsonText,
  readJsonFile,
  z,
} from "../../src/chain/schema";
import { UserError } from "../../src/chain/errors";

const Schema = z.strictObject({
  reserveSafe: z.strictObject({ owners: z.array(z.string()), threshold: z.number() }),
  chainId: z.number(),
  minters: z.array(z.strictObject({ address: z.string() })).optional(),
});

const fail = (text: string): Error => {
  try {
    parseJsonText(text, Schema, "cfg.json");
  } catch (e) {
    expect(e).to.be.instanceOf(UserError);
    return e as Error;
  }
  throw new Error("no error");
};

describe("common: the schema reader", function () {
  it("names file, line and field; a misspelt field is suggested once, not also reported missing", function () {
    const e = fail('{\n  "reserveSafe": {\n    "owners": ["a", 3],\n    "treshold": 2\n  },\n  "chainId": "x"\n}');
    expect(e).to.be.instanceOf(SchemaError);
    expect(e.message).to.equal(
      "cfg.json:3: reserveSafe.owners[1]: expected string, found number 3; " +
        'cfg.json:4: reserveSafe.treshold: unknown field (did you mean "threshold"?); ' +
        'cfg.json:6: chainId: expected number, found the text "x"',
    );
  });

  it("reports fields inside lists and missing fields at their object's line", function () {
    const e = fail(
      '{\n  "reserveSafe": { "owners": [], "threshold": 1 },\n  "chainId": 1,\n' +
        '  "minters": [\n    { "adress": "0x" }\n  ]\n}',
    );
    expect(e.message).to.contain('cfg.json:5: minters[0].adress: unknown field (did you mean "address"?)');
    expect(fail('{\n "reserveSafe": { "owners": [] },\n "chainId": 1 }').message).to.contain(
      "cfg.json:2: reserveSafe.threshold: missing (expected number)",
    );
  });

  it("reports invalid JSON by line:column, and a field written twice", function () {
    expect(fail('{\n  "chainId": 1,\n}')).to.be.instanceOf(JsonSyntaxError);
    expect(fail('{\n  "chainId": 1,\n}').message).to.equal('cfg.json:2:15: invalid JSON: trailing comma before "}"');
    expect(fail('{\n  "chainId": 1\n  "x": 2\n}').message).to.equal(
      'cfg.json:3:3: invalid JSON: unexpected "\\"" where "," or "}" was expected',
    );
    expect(fail('{"chainId": 1, "chainId": 2}').message).to.match(
      /^cfg\.json:1:16: invalid JSON: field "chainId" appears twice/,
    );
    expect(fail("").message).to.equal("cfg.json:1:1: invalid JSON: unexpected end of file where a value was expected");
  });

  it("reads files (a missing one is a one-line user error) and suggests only close names", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-schema-"));
    const file = path.join(dir, "ok.json");
    fs.writeFileSync(file, '\uFEFF{ "reserveSafe": { "owners": ["a"], "threshold": 1 }, "chainId": 5 }');
    expect(readJsonFile(file, Schema).chainId).to.equal(5);
    expect(() => readJsonFile(path.join(dir, "nope.json"), Schema)).to.throw(
      JsonFileError,
      "nope.json: cannot read (no such file)",
    );
    expect(closest("treshold", ["threshold", "owners"])).to.equal("threshold");
    expect(closest("banana", ["threshold", "owners"])).to.equal(undefined);
  });

  const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 7_2026;
  it(`valid JSON reads as JSON.parse reads it, and a key written twice anywhere is refused (seed ${SEED})`, function () {
    // parseJsonText takes JSON.parse and a key count on valid text, and the locating scanner otherwise: both paths
    // must agree on every value, including keys and quotes inside strings.
    console.log(`      fast-check seed ${SEED}, 100 runs`);
    const key = fc.string({ maxLength: 6 });
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 2 }), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        expect(parseJsonText(text, z.unknown(), "v.json")).to.deep.equal(JSON.parse(text));
      }),
      { seed: SEED, numRuns: 100 },
    );
    fc.assert(
      fc.property(value, key, fc.jsonValue({ maxDepth: 1 }), (v, k, x) => {
        const dup = `{${JSON.stringify(k)}: ${JSON.stringify(x)}, ${JSON.stringify(k)}: 1}`;
        const text = `{"a": ${JSON.stringify(v)}, "b": [0, ${dup}]}`;
        expect(() => parseJsonText(text, z.unknown(), "v.json")).to.throw(JsonSyntaxError, /appears twice/);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
