/**
 * Every invariant docs/invariants.md lists is asserted (issue 29). The invariants are the first cells of the
 * document's "| invariant | where it is checked |" tables; MAP below sends each one, by its exact text, to the test
 * file of its section and to the checks in that file that assert it (a check function's name, an assertion's
 * message, a test title: text that must occur in the file). The test fails when the document lists an invariant the
 * map does not have (add its assertion, then its row here), when the map keeps an invariant the document no longer
 * lists, or when a cited check no longer occurs in its file.
 */
/* eslint-disable @stylistic/max-len -- the map's keys are the invariants of docs/invariants.md verbatim */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";

const DOC = "docs/invariants.md";

/** Text that must occur in `file` (default: the test file named in the section's heading). */
interface Check {
  file?: string;
  needles: string[];
}

const STABLECOIN = "test/invariants/stablecoin.invariants.test.ts";
const ASSET = "test/invariants/asset.invariants.test.ts";
const BOUNDS = "test/attestation/bounds.property.test.ts";
const DESK = "test/market/desk.property.test.ts";
const HARNESS = "test/invariants/harness.ts";

/** Section heading (up to its first " (") -> invariant text -> the checks asserting it. */
export const MAP: Record<string, Record<string, Check[]>> = {
  Stablecoin: {
    "sum of the balances of all actors == `totalSupply`": [
      { needles: ["async function checkInvariants(", "sum of balances == totalSupply"] },
    ],
    "at every successful mint, `totalSupply` ≤ the registry's CURRENT `latestReport(SOM_RESERVES)` value, and that report is within `maxReserveAge`":
      [{ needles: ["async function mintStep(", "exceeds the attested reserves", "on a stale report"] }],
    "no account other than the reserve gains from a mint": [
      { needles: ["if (a === m.mintTo) continue;", "mint credited"] },
    ],
    "a frozen account's balance never decreases, except by `wipe`": [
      { needles: ['before.frozen[a] && !command.startsWith("wipe")', "lost tokens"] },
    ],
    "no balance reaches bit 255: each actor's raw balance word (ERC-7201 slot 0) is exactly the frozen flag · 2^255 + the balance":
      [{ needles: ["STABLECOIN_STORAGE_SLOT", "raw balance word of", "below bit 255"] }],
    "model == chain: every balance, allowance (all owner–holder pairs, the wallet's included), permit nonce, frozen flag, paused flag, `totalSupply`, reserve address, supply controller, each minter's allowance and bucket (capacity, refill, what it holds at the block's time), the wallet's accepting flag, reserve cache, registry report":
      [
        {
          needles: [
            "balance of ${a}",
            "allowance ${o} -> ${sp}",
            "permit nonce of ${o}",
            "frozen flag of ${a}",
            "${where}: paused",
            "${where}: totalSupply",
            "${where}: reserve`",
            "${where}: supply controller",
            "(active, allowance, capacity, refill, available)",
            "wallet accepts",
            "reserve cache",
            "registry report",
          ],
        },
      ],
    "an EIP-3009 nonce used or canceled stays so (`authorizationState` true for every nonce the model holds used): a canceled authorization can never be used":
      [{ needles: ["used or canceled`).to.equal(true)", "transferWithAuthorization of the canceled nonce"] }],
    "every revert is the predicted custom error with the predicted arguments, every success predicted": [
      { needles: ["expectOutcome(actual, expected"] },
      { file: HARNESS, needles: ["export function expectOutcome(", "chain vs model"] },
    ],
  },
  "Asset token": {
    "sum of balances == `totalSupply` ≤ `totalShares`": [
      { needles: ["sum of balances == totalSupply", "<= totalShares"] },
    ],
    "frozen tokens never move except by `forcedTransfer` / `recoverWallet`: after every other command each holder still has ≥ min(frozen, balance) of its balance before":
      [{ needles: ["const ORDINARY = new Set(", "ORDINARY.has(command)", "spent frozen tokens"] }],
    "every transfer into or out of an unverified or expired holder fails": [{ needles: ["with an unverified party"] }],
    "`forcedTransfer(a, a, x)` never changes the frozen amount": [
      { needles: ["forcedTransfer(a, a, x) changed the frozen amount"] },
    ],
    "model == chain: balance, frozen amount, full-freeze flag, KYC expiry of every actor, `totalSupply`, paused": [
      { needles: ["${where}: account ${a}", "expiry: m.acc[a].expiry", "${where}: totalSupply", "${where}: paused"] },
    ],
    "every revert is the predicted custom error with the predicted arguments": [
      { needles: ["expectOutcome(actual, expected"] },
      { file: HARNESS, needles: ["export function expectOutcome("] },
    ],
    "holder rules on every crediting path (transfer, transferFrom, forced transfer, recovery; the reserve exempt): country allowed, balance cap, holder cap — predicted by `ruleOutcome`":
      [
        {
          needles: [
            "function ruleOutcome(",
            "ruleOutcome(m, to, value, true)",
            "ruleOutcome(m, p.to, lost.balance, false)",
          ],
        },
      ],
    "`holderCount` == number of actors with a non-zero balance; `holderRules()` == the model's rules; `canReceive(a)` == verified, not fully frozen and the rules allow one more unit":
      [{ needles: ["${where}: holderCount", "${where}: rules", "canReceive(${a})"] }],
    "the reserve never inherits frozen state: a recovery into the reserve of a wallet with a frozen amount or a full freeze is refused (`AssetTokenInvalidRecovery`)":
      [{ needles: ['p.to === "reserve" && (lost.frozen !== 0n || lost.full)', "AssetTokenInvalidRecovery"] }],
    "only the reserve moves, recovers or freezes the reserve's shares (`AssetTokenReserveOnly`)": [
      { needles: ["function authOutcome(", "AssetTokenReserveOnly", "authOutcome(m, p.lost, p.byReserve, r)"] },
    ],
  },
  "Attestation change bound": {
    "every acceptance or refusal of a report matches the per-report rule exactly (time-scaled bound)": [
      { needles: ["holds over time against any sequence of reports", "withinBound(last.value, target, bps, dt)"] },
    ],
    "every pair of accepted reports satisfies the over-time guarantee (`v_k ≤ v_j·exp(b·T)`, `v_k ≥ v_j·exp(−b·T/(1−b))`, one report ≤ `b`)":
      [{ needles: ["`up ${j}->${k}`", "`down ${j}->${k}`", "`one report ${j}`"] }],
    "after a full window a move is accepted exactly when it changes the value by at most `maxChangeBps` of the old value, for values up to 2^190":
      [{ needles: ["accepts a move exactly when", "(1n << 190n) - 1n"] }],
  },
  "Redemption desk": {
    "the desk's stablecoin balance ≥ the sum of the open requests (escrow); it equals the escrow plus the plain transfers into the desk, which no command moves":
      [
        {
          needles: [
            "desk balance >= sum of open requests (escrow)",
            "desk balance = escrow + stray transfers",
            "a plain transfer into the desk is stray surplus",
          ],
        },
      ],
    "`totalSupply` fell by exactly the settled amounts (at par, no fee)": [
      { needles: ["supply fell by exactly the settled amounts"] },
    ],
    "request ids are never reused": [{ needles: ["request ids are never reused"] }],
    "each open request reads back (requester, amount, deadline, open); `isOverdue` == open and past the deadline": [
      { needles: ["await f.desk.request(id)", "isOverdue(id)).to.equal(now > r.deadline)"] },
    ],
    "a third open request, or settling / rejecting an unknown request, reverts with the predicted error": [
      { needles: ['"RedemptionDeskTooManyOpenRequests"', '"RedemptionDeskNotOpen"'] },
    ],
  },
};

/** The listed invariants: section (heading up to " (") -> its test file and the first cells of its invariant tables. */
export function listedInvariants(markdown: string): Map<string, { file?: string; invariants: string[] }> {
  const out = new Map<string, { file?: string; invariants: string[] }>();
  let section: { file?: string; invariants: string[] } | undefined;
  let inTable = false;
  for (const line of markdown.split("\n")) {
    const heading = /^##+ (.*)$/.exec(line);
    if (heading) {
      const title = heading[1];
      const name = title.split(" (")[0].trim();
      section = { file: /`(test\/[^`]+\.ts)`/.exec(title)?.[1], invariants: [] };
      out.set(name, section);
      inTable = false;
      continue;
    }
    if (/^\|\s*invariant\s*\|/.test(line)) {
      inTable = true;
      continue;
    }
    if (!/^\|/.test(line)) {
      inTable = false;
      continue;
    }
    if (!inTable || /^\|[\s|:-]+\|$/.test(line) || !section) continue;
    section.invariants.push(line.split("|")[1].trim());
  }
  for (const [name, s] of out) if (s.invariants.length === 0) out.delete(name);
  return out;
}

describe("docs: every invariant docs/invariants.md lists is asserted", function () {
  const listed = listedInvariants(fs.readFileSync(path.join(PROJECT_ROOT, DOC), "utf8"));

  it("the document lists invariants in the four sections", function () {
    expect([...listed.keys()]).to.deep.equal([
      "Stablecoin",
      "Asset token",
      "Attestation change bound",
      "Redemption desk",
    ]);
    for (const [name, s] of listed) expect(s.file, `${name}: the heading names its test file`).to.be.a("string");
  });

  it("every listed invariant is in the map, and the map has no invariant the document does not list", function () {
    const missing: string[] = [];
    const stale: string[] = [];
    for (const [name, s] of listed)
      for (const inv of s.invariants) if (!MAP[name]?.[inv]) missing.push(`${name}: ${inv}`);
    for (const [name, entries] of Object.entries(MAP))
      for (const inv of Object.keys(entries))
        if (!listed.get(name)?.invariants.includes(inv)) stale.push(`${name}: ${inv}`);
    expect(missing, "listed in docs/invariants.md but not mapped to an assertion").to.deep.equal([]);
    expect(stale, "mapped but no longer listed in docs/invariants.md").to.deep.equal([]);
  });

  it("every mapped assertion occurs in the test file it cites", function () {
    const absent: string[] = [];
    for (const [name, entries] of Object.entries(MAP)) {
      const sectionFile = listed.get(name)?.file;
      for (const [inv, checks] of Object.entries(entries)) {
        expect(checks.length, `${name}: ${inv}: at least one check`).to.be.greaterThan(0);
        for (const c of checks) {
          const file = c.file ?? sectionFile;
          if (!file) throw new Error(`${name}: no test file for ${inv}`);
          const text = fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");
          for (const needle of c.needles) if (!text.includes(needle)) absent.push(`${file}: ${needle} (${inv})`);
        }
      }
    }
    expect(absent, "cited checks missing from their files").to.deep.equal([]);
  });

  it("the map's files are the sections' own (no assertion borrowed from elsewhere but the shared harness)", function () {
    for (const [name, entries] of Object.entries(MAP))
      for (const checks of Object.values(entries))
        for (const c of checks) if (c.file) expect([STABLECOIN, ASSET, BOUNDS, DESK, HARNESS], name).to.include(c.file);
  });
});
