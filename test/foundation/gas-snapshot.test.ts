import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compareSnapshots, describeComparison, readSnapshot, writeSnapshot } from "../../tools/gas/snapshot";

describe("foundation: gas snapshot gate", function () {
  it("passes growth up to 1% and fails above it", function () {
    const committed = { "a.op": 10_000, "b.op": 50_000 };
    expect(compareSnapshots(committed, { "a.op": 10_100, "b.op": 40_000 }).regressions).to.deep.equal([]);
    const c = compareSnapshots(committed, { "a.op": 10_101, "b.op": 50_000 });
    expect(c.regressions.map((r) => r.name)).to.deep.equal(["a.op"]);
    expect(describeComparison(c)[0]).to.contain("a.op 10000 -> 10101");
  });

  it("reports operations that disappeared or are not committed", function () {
    const c = compareSnapshots({ "a.op": 1 }, { "b.op": 1 });
    expect(c.missing).to.deep.equal(["a.op"]);
    expect(c.added).to.deep.equal(["b.op"]);
  });

  it("round-trips a sorted flat JSON file and rejects malformed figures", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gas-"));
    const file = path.join(dir, "gas.json");
    writeSnapshot(file, { "z.op": 2, "a.op": 1 });
    expect(fs.readFileSync(file, "utf8")).to.equal('{\n  "a.op": 1,\n  "z.op": 2\n}\n');
    expect(readSnapshot(file)).to.deep.equal({ "a.op": 1, "z.op": 2 });
    fs.writeFileSync(file, '{"a.op": "12"}');
    expect(() => readSnapshot(file)).to.throw(/"a.op" must be a positive integer/);
  });
});
