import { expect } from "chai";
import { Interface } from "ethers";
import { expectRejects } from "../helpers/rejects";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { assetIdFrom, documentHashOf } from "../../src/assets";
import { readProposal, writeProposal } from "../../src/custody/proposal";
import { summarizeSafeTx } from "../../src/custody/describe";
import { decodeEnvFor, reviewProposal } from "../../src/custody/review";
import {
  ASSET_KEY,
  ASSET_RECORD,
  FAR_EXPIRY,
  assetParamsArg,
  completedRecords,
  proposeToFile,
  reserveEnv,
  viewFor,
  safeFixture,
  writeCustodianKeystores,
} from "./fixtures";
import type { ReserveEnv } from "./fixtures";

/** The text a custodian reads for real actions on the real contracts. */
describe("safe: decoded summaries of the real contracts", function () {
  before(writeCustodianKeystores);

  async function env(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe23, fx.infra);
  }
  const envFx = (): Promise<ReserveEnv> => loadFixture(env);
  const summaryOf = async (e: ReserveEnv, requests: Parameters<typeof proposeToFile>[1]): Promise<string> =>
    readProposal(await proposeToFile(e, requests)).summary.join("\n");

  it("wipe under a legal order: the reference as text, the frozen account by record/owner name", async function () {
    const e = await envFx();
    const text = await summaryOf(e, [
      { action: "freeze", contract: "SomStablecoin", args: [e.holder] },
      { action: "wipe", contract: "SomStablecoin", args: { account: e.holder, legalOrderRef: "LEGAL-ORDER-2026-17" } },
    ]);
    expect(text).to.contain(
      `WIPE (burn) the whole balance of frozen account ${e.holder}, legal order "LEGAL-ORDER-2026-17" (0x`,
    );
    expect(text).to.contain("[2/2]").and.contain("Freeze");
  });

  it("createAsset: one line per struct field, shares in the asset's own units, enum and country by name, asset id by its key", async function () {
    const e = await envFx();
    const text = await summaryOf(e, [
      {
        action: "createAsset",
        contract: "AssetFactory",
        args: { params: assetParamsArg(e.safe.address, "cadastral:1-01-01-0001-0009", "BGB9") },
      },
    ]);
    const id9 = assetIdFrom("cadastral:1-01-01-0001-0009");
    expect(text).to.contain(
      `CREATE ASSET TOKEN "Bishkek Government Building 1" ("BGB9"), ` +
        `asset id keccak256("cadastral:1-01-01-0001-0009") (${id9}), 1,000,000 BGB9 (raw 1000000) total shares`,
    );
    expect(text).to.contain("params (struct (12 fields)):");
    expect(text).to.contain("assetClass (uint8) = 0 (RealEstate)");
    expect(text).to.contain("jurisdiction (uint16) = 417 (Kyrgyzstan)");
    expect(text).to.contain(`issuer (address) = ${e.safe.address} (the reserve Safe itself)`);
    expect(
      readProposal(
        await proposeToFile(e, [
          { action: "createAsset", contract: "AssetFactory", args: { params: assetParamsArg(e.safe.address) } },
        ]),
      ).context.preimages,
    ).to.deep.equal([ASSET_KEY]);
  });

  it("upgrades: the UUPS proxy and the beacon, named as such", async function () {
    const e = await envFx();
    const text = await summaryOf(e, [
      { action: "upgrade", contract: "SomStablecoin", args: { newImplementation: e.stablecoinV2, data: "0x" } },
      { action: "upgradeBeacon", contract: "AssetTokenBeacon", args: [e.assetTokenV2] },
    ]);
    expect(text).to.contain(`UPGRADE the proxy to implementation ${e.stablecoinV2}`);
    expect(text).to.contain(`SomStablecoin (${await e.token.getAddress()})`);
    expect(text).to.contain(
      `UPGRADE the beacon to implementation ${e.assetTokenV2} (Implementation:AssetTokenV2Mock@${e.assetTokenV2}) ` +
        `(every asset token behind it)`,
    );
    expect(text).to.contain(`AssetTokenBeacon (${e.beacon})`);
  });

  it("asset shares, roles of every contract, identities, documents, encumbrance, durations", async function () {
    const e = await envFx();
    const text = await summaryOf(e, [
      { action: "distribute", contract: ASSET_RECORD, args: { to: e.holder, amount: "25" } },
      { action: "forcedTransfer", contract: ASSET_RECORD, args: [e.holder, e.other, "30", "LEGAL-ORDER-2026-17"] },
      { action: "grantRole", contract: ASSET_RECORD, args: { role: "ENFORCER_ROLE", account: e.other } },
      { action: "grantRole", contract: "IdentityRegistry", args: { role: "KYC_OFFICER_ROLE", account: e.other } },
      { action: "grantRole", contract: "AssetFactory", args: { role: "ASSET_CREATOR_ROLE", account: e.other } },
      { action: "grantRole", contract: ASSET_RECORD, args: { role: "ISSUER_ROLE", account: e.other } },
      { action: "registerIdentity", contract: "IdentityRegistry", args: [e.other, "417", FAR_EXPIRY] },
      { action: "setDocument", contract: ASSET_RECORD, args: ["PROSPECTUS", "ipfs://p", documentHashOf("p")] },
      { action: "setEncumbrance", contract: ASSET_RECORD, args: ["Pledge", "PLEDGE-7"] },
      {
        action: "configureSubject",
        contract: "AttestationRegistry",
        args: [`keccak:${ASSET_KEY}`, "2592000", "500", hre.ethers.ZeroAddress],
      },
      { action: "setMaxReserveAge", contract: "SomStablecoin", args: ["172800"] },
    ]);
    expect(text).to.contain(`Send 25 BGB1 (raw 25) from the reserve Safe to ${e.holder}`);
    expect(text).to.contain(
      `FORCED TRANSFER of 30 BGB1 (raw 30) from ${e.holder} to ${e.other}, legal order "LEGAL-ORDER-2026-17"`,
    );
    for (const role of ["ENFORCER_ROLE", "KYC_OFFICER_ROLE", "ASSET_CREATOR_ROLE", "ISSUER_ROLE"])
      expect(text).to.contain(`Grant ${role} (0x`);
    expect(text).to.contain(
      `Register identity ${e.other}: country 417 (Kyrgyzstan), KYC valid until ${FAR_EXPIRY} (2100-01-01T00:00:00Z)`,
    );
    expect(text).to.contain('Set document "PROSPECTUS"');
    expect(text).to.contain('Set the encumbrance to 2 (Pledge), reference "PLEDGE-7"');
    expect(text)
      .to.contain(`Configure attested subject keccak256("${ASSET_KEY}")`)
      .and.contain("max age 2592000 s (30 days), max change 500 bps (5.00%)");
    expect(text).to.contain("Set the maximum reserve attestation age to 172800 s (2 days)");
  });

  it("countries by their ISO 3166-1 name (lists too); a code no country has is refused at propose and shouted in a hand-made file", async function () {
    const e = await envFx();
    const text = await summaryOf(e, [
      { action: "setAllowedCountries", contract: ASSET_RECORD, args: { countries: [417, 398, 840] } },
    ]);
    expect(text).to.contain(
      "countries (uint16[]) = [417 (Kyrgyzstan), 398 (Kazakhstan), 840 (United States of America)]",
    );
    for (const bad of ["999", "0", "KG", "417.5"]) {
      await expectRejects(
        proposeToFile(e, [{ action: "setAllowedCountries", contract: ASSET_RECORD, args: { countries: [417, bad] } }]),
        new RegExp(`"${bad.replace(".", "\\.")}" is not an ISO 3166-1 numeric country code`),
      );
      await expectRejects(
        proposeToFile(e, [
          { action: "registerIdentity", contract: "IdentityRegistry", args: [e.other, bad, FAR_EXPIRY] },
        ]),
        /is not an ISO 3166-1 numeric country code/,
      );
    }
    // the same call with 999 made by hand (not by our propose): the custodian's screen says what it is
    const file = await proposeToFile(e, [
      { action: "setAllowedCountries", contract: ASSET_RECORD, args: { countries: [417] } },
    ]);
    const p = readProposal(file);
    const data = new Interface(["function setAllowedCountries(uint16[] countries)"]).encodeFunctionData(
      "setAllowedCountries",
      [[417, 999]],
    );
    const handMade = { ...p, safeTx: { ...p.safeTx, data } };
    expect(
      summarizeSafeTx(decodeEnvFor(handMade, await viewFor(e.safe.address)), handMade.safeTx).join("\n"),
    ).to.contain("[417 (Kyrgyzstan), 999 (NOT AN ISO 3166-1 COUNTRY CODE)]");
  });

  it("a preimage the file attaches to a hash it does not match is never shown (labels are verified by hashing)", async function () {
    const e = await envFx();
    const file = await proposeToFile(e, [
      {
        action: "configureSubject",
        contract: "AttestationRegistry",
        args: [`keccak:${ASSET_KEY}`, "2592000", "0", hre.ethers.ZeroAddress],
      },
    ]);
    const p = readProposal(file);
    const forged = { ...p, context: { ...p.context, preimages: ["cadastral:SOMETHING-ELSE"] } };
    writeProposal(file, forged);
    // the file's preimages are only used when they hash to the value: the wrong one is never shown
    const view = await viewFor(e.safe.address);
    expect(reviewProposal(readProposal(file), view, file).summary.join("\n")).to.not.contain("SOMETHING-ELSE");
    const decoded = summarizeSafeTx(decodeEnvFor(forged, view), forged.safeTx).join("\n");
    expect(decoded).to.not.contain("SOMETHING-ELSE").and.not.contain("keccak256(");
    expect(decoded).to.contain(`Configure attested subject ${assetIdFrom(ASSET_KEY)}`);
  });

  it("supply controller: allowance and rate limit in KGSC, from the controller's record (it carries the token it mints)", async function () {
    const e = await envFx();
    const [controllerRecord] = (await completedRecords(e)).filter((r) => r.name === "SomSupplyController");
    expect(controllerRecord.token).to.deep.equal({ name: "Som Stablecoin", symbol: "KGSC", decimals: 2 });
    const file = await proposeToFile(e, [
      {
        action: "configureMinter",
        contract: "SomSupplyController",
        args: { minter: e.other, allowance: "5000.00", capacity: "1000.00", refillPerSecond: "0.50" },
      },
    ]);
    // what the custodian reads is rendered from the custodian's records, not from the file's context
    const p = readProposal(file);
    const forged = {
      ...p,
      context: {
        ...p.context,
        records: p.context.records.map((r) =>
          r.name === "SomSupplyController" ? { ...r, token: { decimals: 0, symbol: "FAKE" } } : r,
        ),
      },
    };
    const text = reviewProposal(forged, await viewFor(e.safe.address), file).summary.join("\n");
    expect(text)
      .to.contain("5,000.00 KGSC (raw 500000)")
      .and.contain("1,000.00 KGSC (raw 100000)")
      .and.contain("0.50 KGSC (raw 50)");
    expect(text).to.not.contain("FAKE");
  });

  it("an unknown enum name is refused when proposing", async function () {
    const e = await envFx();
    await proposeToFile(e, [{ action: "setEncumbrance", contract: ASSET_RECORD, args: ["Mortgage", "X"] }]).then(
      () => expect.fail("proposed"),
      (err: Error) => expect(err.message).to.contain("expected one of None, Lien, Pledge, Seizure, Other"),
    );
  });
});
