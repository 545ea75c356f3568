/**
 * The watcher's state without a chain (src/watch/state.ts): deliveries and conditions recorded in the journal are
 * there after a restart (loadState), a line torn by a kill -9 mid-append is ignored, and a compaction (saveState,
 * at a cursor move) makes the lines before it void, even when the process died before the journal was emptied.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { emptyState, loadState, recordCondition, recordDelivery, saveState } from "../../src/watch/state";

describe("watch: state journal and compaction", function () {
  let dir: string;
  let file: string;

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-watch-state-"));
    file = path.join(dir, "watch-state.json");
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a restart finds every delivery and condition recorded since the last compaction", function () {
    const s = emptyState(31337);
    saveState(file, s);
    recordDelivery(file, s, "mint:0x1:0|console");
    recordDelivery(file, s, "mint:0x1:0|http://h");
    recordCondition(file, s, "reserves-stale:100");
    const again = loadState(file, 31337);
    expect(again.delivered).to.deep.equal(["mint:0x1:0|console", "mint:0x1:0|http://h"]);
    expect(again.conditions).to.deep.equal(["reserves-stale:100"]);
  });

  it("a line torn by a kill -9 mid-append is ignored; the lines before it count", function () {
    const s = emptyState(31337);
    recordDelivery(file, s, "a|console");
    fs.appendFileSync(`${file}.journal`, '{"g":0,"d":"b|cons');
    expect(loadState(file, 31337).delivered).to.deep.equal(["a|console"]);
  });

  it("a compaction voids the lines before it, even when the journal was not emptied (kill -9 in between)", function () {
    const s = emptyState(31337);
    recordDelivery(file, s, "a|console");
    const stale = fs.readFileSync(`${file}.journal`, "utf8");
    s.cursor = { block: 7, hash: `0x${"11".repeat(32)}` };
    s.delivered = [];
    saveState(file, s);
    expect(fs.existsSync(`${file}.journal`)).to.equal(false);
    fs.writeFileSync(`${file}.journal`, stale); // as if the process died between the rename and the removal
    const again = loadState(file, 31337);
    expect(again.delivered).to.deep.equal([]);
    expect(again.cursor?.block).to.equal(7);
    recordDelivery(file, again, "b|console");
    expect(loadState(file, 31337).delivered).to.deep.equal(["b|console"]);
  });

  it("a state of another chain is refused in one line", function () {
    saveState(file, emptyState(1));
    expect(() => loadState(file, 31337)).to.throw(`${file} is the state of chain 1, not 31337: move it away`);
  });
});
