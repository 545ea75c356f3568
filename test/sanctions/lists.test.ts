/**
 * Sanctions lists as files (src/sanctions/lists.ts), the legal reference a freeze carries (reference.ts) and the
 * chunks of freezes that fit a block (apply.ts): the synthetic fixtures of test/sanctions/fixtures/, malformed ones
 * included.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { Interface, ZeroAddress, getAddress } from "ethers";
import { SanctionsListError, readSanctionsList } from "../../src/sanctions/lists";
import {
  combinedListHash,
  decodeReference,
  describeReference,
  encodeReference,
  withReference,
} from "../../src/sanctions/reference";
import { BLOCK_HEADROOM, calldataGas, freezeChunks, suspensions } from "../../src/sanctions/apply";
import type { ScreeningDiff } from "../../src/sanctions/diff";
import { UserError } from "../../src/chain/errors";

const FIXTURES = path.join(__dirname, "fixtures");
const fixture = (f: string) => path.join(FIXTURES, f);

function listError(file: string, pattern: RegExp): void {
  try {
    readSanctionsList(file);
  } catch (e) {
    expect(e).to.be.instanceOf(SanctionsListError);
    expect(e).to.be.instanceOf(UserError);
    expect((e as Error).message.split("\n")).to.have.length(1);
    expect((e as Error).message).to.match(pattern);
    return;
  }
  expect.fail(`no error for ${file}`);
}

describe("sanctions: list files", function () {
  it("OFAC SDN advanced XML: the ETH and BSC addresses of every distinct party, its FixedRef as the entry id", function () {
    const l = readSanctionsList(fixture("ofac-sdn-advanced.xml"));
    expect(l.format).to.equal("ofac-xml");
    expect(l.name).to.equal("OFAC SDN");
    expect(l.date).to.equal("2025-08-14");
    expect(l.hash).to.equal(
      `0x${createHash("sha256")
        .update(fs.readFileSync(fixture("ofac-sdn-advanced.xml")))
        .digest("hex")}`,
    );
    expect(l.entries.map((e) => [e.address, e.entryId])).to.deep.equal([
      ["0x98d1Fd3D35B5E04201927B11906A2A2b565a91A3", "90001"],
      ["0xC1f8B587253d3fe6Fe1C75e344F1871749C06664", "90002"],
      ["0x6211C9748199bA869d947006e1C8839965A3dc37", "90002"],
    ]);
  });

  it("the CSV and JSON forms: entries with their list, id and date; addresses checksummed", function () {
    const csv = readSanctionsList(fixture("national.csv"));
    expect(csv.format).to.equal("csv");
    expect(csv.name).to.equal("KG national list");
    expect(csv.date).to.equal("2026-11-20");
    expect(csv.entries[1]).to.deep.equal({
      address: "0x87609848d6f83B792E021c6eF0c860715Ac767B6",
      list: "KG national list",
      entryId: "KG-2026-015",
      date: "2026-11-02",
    });
    const json = readSanctionsList(fixture("uk-eu.json"));
    expect(json.name).to.equal("EU 2025/2033 + UK OFSI");
    expect(json.entries.map((e) => e.entryId)).to.deep.equal(["RUS2201", "A7A5-03"]);
  });

  it("a malformed list is one line naming the file and the line or element", function () {
    listError(fixture("ofac-malformed.xml"), /ofac-malformed\.xml:\d+:\d+: malformed XML/);
    listError(
      fixture("ofac-bad-checksum.xml"),
      /<DistinctParty FixedRef="90002"> <Feature ID="92004">: .* wrong checksum/,
    );
    listError(fixture("national-bad-date.csv"), /national-bad-date\.csv:3: date "2026-13-02" is not YYYY-MM-DD/);
    listError(fixture("national-zero.csv"), /line 2: the zero address cannot be listed/);
    listError(fixture("uk-eu-unknown-field.json"), /entries\[0\]\.name: unknown field/);
    listError(fixture("missing.csv"), /no such list file/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-lists-"));
    const other = path.join(dir, "list.txt");
    fs.writeFileSync(other, "0x00");
    listError(other, /unknown list format ".txt"/);
    const header = path.join(dir, "h.csv");
    fs.writeFileSync(header, "addr,list\n");
    listError(header, /h\.csv:1: the header must be "address,list,entryId,date"/);
    const short = path.join(dir, "s.csv");
    fs.writeFileSync(short, `address,list,entryId,date\n${getAddress(`0x${"12".repeat(20)}`)},KG\n`);
    listError(short, /s\.csv:2: expected 4 fields/);
    const notXml = path.join(dir, "x.xml");
    fs.writeFileSync(notXml, "<Other/>");
    listError(notXml, /no <Sanctions> root/);
  });
});

describe("sanctions: the legal reference on chain", function () {
  const ref = { listHash: `0x${"ab".repeat(32)}`, lists: "OFAC SDN", date: "2025-08-14", entryIds: ["OFAC SDN:90001"] };

  it("round-trips, and only its exact encoding decodes", function () {
    expect(decodeReference(encodeReference(ref))).to.deep.equal(ref);
    const encoded = encodeReference(ref);
    expect(decodeReference(`${encoded}00`)).to.equal(undefined);
    expect(decodeReference(`0x${"00".repeat(32)}${encoded.slice(66)}`)).to.equal(undefined);
    expect(decodeReference("0x1234")).to.equal(undefined);
    expect(describeReference(ref)).to.contain("sanctions list OFAC SDN of 2025-08-14").and.contain("(OFAC SDN:90001)");
  });

  it("appended to freezeBatch's calldata, which still decodes to the same accounts", function () {
    const iface = new Interface(["function freezeBatch(address[] accounts)"]);
    const plain = iface.encodeFunctionData("freezeBatch", [[getAddress(`0x${"11".repeat(20)}`)]]);
    const data = withReference(plain, ref);
    expect(data.startsWith(plain)).to.equal(true);
    expect(iface.decodeFunctionData("freezeBatch", data)[0]).to.deep.equal([getAddress(`0x${"11".repeat(20)}`)]);
    expect(decodeReference(`0x${data.slice(plain.length)}`)).to.deep.equal(ref);
  });

  it("several lists: the sha256 of their hashes in order; one list: its own hash", function () {
    const a = { hash: `0x${"01".repeat(32)}` };
    const b = { hash: `0x${"02".repeat(32)}` };
    expect(combinedListHash([a])).to.equal(a.hash);
    expect(combinedListHash([a, b])).to.equal(
      `0x${createHash("sha256")
        .update(Buffer.from(`${"01".repeat(32)}${"02".repeat(32)}`, "hex"))
        .digest("hex")}`,
    );
  });
});

describe("sanctions: freezes that fit a block", function () {
  const diff = (n: number): ScreeningDiff => ({
    format: "som-sanctions-diff/1",
    chainId: 31337,
    block: 1,
    stablecoin: ZeroAddress,
    lists: [],
    listHash: `0x${"cd".repeat(32)}`,
    listNames: "KG national list",
    date: "2026-11-02",
    toFreeze: Array.from({ length: n }, (_, i) => ({
      address: getAddress(`0x${(i + 1).toString(16).padStart(40, "0")}`),
      entries: [`KG national list:KG-${i}`],
      balance: "0",
      contract: false,
    })),
    alreadyFrozen: [],
    counterparties: [
      { address: ZeroAddress, name: "x", status: "Active", eligible: true, entries: [] },
      { address: ZeroAddress, name: "y", status: "Suspended", eligible: false, entries: [] },
    ],
    delisted: [],
    affectedBalance: "0",
  });

  it("every chunk within half the block gas limit, in order, each with its own entries as reference", function () {
    const d = diff(1000);
    const limit = 30_000_000n;
    const chunks = freezeChunks(d, limit);
    const entriesOf = new Map(d.toFreeze.map((s) => [s.address, s.entries]));
    expect(chunks.length).to.be.greaterThan(1);
    expect(chunks.flatMap((c) => c.addresses)).to.deep.equal(d.toFreeze.map((s) => s.address));
    for (const c of chunks) {
      expect(Number(c.gasBound)).to.be.at.most(Number(limit) * BLOCK_HEADROOM);
      expect(c.reference.entryIds).to.deep.equal(c.addresses.flatMap((a) => entriesOf.get(a) ?? []));
      expect(c.gasBound).to.be.greaterThan(calldataGas(c.data));
    }
    // the first chunk is the largest that fits: one more address would not
    const [first] = freezeChunks(diff(chunks[0].addresses.length + 1), limit);
    expect(first.addresses.length).to.equal(chunks[0].addresses.length);
    expect(freezeChunks(diff(1), 100_000n)).to.have.length(1);
    expect(freezeChunks(diff(0), limit)).to.deep.equal([]);
  });

  it("suspends the Active listed counterparties only, the lists' hash as the reason", function () {
    expect(suspensions(diff(0))).to.deep.equal([{ account: ZeroAddress, reason: `0x${"cd".repeat(32)}` }]);
  });
});
