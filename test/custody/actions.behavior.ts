/**
 * Named actions -> end-to-end cases against the real contracts. Each case: the requests to propose (against
 * record names), and the on-chain effect to check after the Safe executed them. The same tables run with the
 * 2-of-3 and the 3-of-5 reserve Safe (flows.test.ts).
 */
import { expect } from "chai";
import hre from "hardhat";
import { Wallet, encodeBytes32String, id } from "ethers";
import { assetIdFrom, documentHashOf } from "../../src/assets";
import type { CallRequest } from "../../src/custody/actions";
import { ASSET_RECORD, COUNTRY_KG, FAR_EXPIRY, SOM_RESERVES, assetParamsArg } from "./fixtures";
import type { ReserveEnv } from "./fixtures";

export interface ActionCase {
  name: string;
  requests(env: ReserveEnv): CallRequest[] | Promise<CallRequest[]>;
  expectEffect(env: ReserveEnv, before: Snapshot): Promise<unknown>;
}

export interface Snapshot {
  safeBalance: bigint;
  holderBalance: bigint;
  supply: bigint;
  assetSafe: bigint;
  assetHolder: bigint;
  assetOther: bigint;
  assetSupply: bigint;
}

export async function snapshot(env: ReserveEnv): Promise<Snapshot> {
  return {
    safeBalance: await env.token.balanceOf(env.safe.address),
    holderBalance: await env.token.balanceOf(env.holder),
    supply: await env.token.totalSupply(),
    assetSafe: await env.asset.balanceOf(env.safe.address),
    assetHolder: await env.asset.balanceOf(env.holder),
    assetOther: await env.asset.balanceOf(env.other),
    assetSupply: await env.asset.totalSupply(),
  };
}

export const REF = (s: string): string => encodeBytes32String(s);
/** Fixed addresses (not signers) for identities created by a case. */
const NEWCOMER = new Wallet(id("newcomer")).address;
const NEWCOMER2 = new Wallet(id("newcomer-2")).address;

const T = "SomStablecoin";
const C = "SomSupplyController";
const R = "AttestationRegistry";
const I = "IdentityRegistry";
const F = "AssetFactory";
const A = ASSET_RECORD;

/** SomStablecoin behind its UUPS proxy (amounts in KGSC units: decimals and symbol read from chain). */
export const STABLECOIN_ACTION_CASES: ActionCase[] = [
  {
    name: "distribute: transfer 250.50 KGSC from the reserve to a holder",
    requests: (e) => [{ action: "distribute", contract: T, args: { to: e.holder, value: "250.50" } }],
    expectEffect: async (e, b) => {
      expect(await e.token.balanceOf(e.holder)).to.equal(b.holderBalance + 25050n);
      expect(await e.token.balanceOf(e.safe.address)).to.equal(b.safeBalance - 25050n);
    },
  },
  {
    name: "burn for redemption: the Safe burns its own 100.00 KGSC with a payout reference",
    requests: () => [{ action: "burn", contract: T, args: { amount: "100.00", redemptionRef: "REDEEM-2026-001" } }],
    expectEffect: async (e, b) => {
      expect(await e.token.totalSupply()).to.equal(b.supply - 10000n);
      expect(await e.token.balanceOf(e.safe.address)).to.equal(b.safeBalance - 10000n);
    },
  },
  {
    name:
      "configureMinter on the supply controller: a 5,000.00 KGSC allowance, " +
      "1,000.00 at once refilling 0.50 a second",
    requests: (e) => [
      {
        action: "configureMinter",
        contract: C,
        args: { minter: e.other, allowance: "5000.00", capacity: "1000.00", refillPerSecond: "0.50" },
      },
    ],
    expectEffect: async (e) => {
      const st = await e.controller.minterState(e.other);
      expect([st.active, st.allowance, st.capacity, st.refillPerSecond]).to.deep.equal([true, 500000n, 100000n, 50n]);
    },
  },
  {
    name: "setRateLimit (batch: configure, then change the rate limit)",
    requests: (e) => [
      {
        action: "configureMinter",
        contract: C,
        args: { minter: e.other, allowance: "5000.00", capacity: "1000.00", refillPerSecond: "0.50" },
      },
      { action: "setRateLimit", contract: C, args: { minter: e.other, capacity: "10.00", refillPerSecond: "0.01" } },
    ],
    expectEffect: async (e) => {
      const st = await e.controller.minterState(e.other);
      expect([st.capacity, st.refillPerSecond, st.available]).to.deep.equal([1000n, 1n, 1000n]);
    },
  },
  {
    name: "removeMinter (batch: configure, then remove)",
    requests: (e) => [
      {
        action: "configureMinter",
        contract: C,
        args: { minter: e.other, allowance: "1.00", capacity: "1.00", refillPerSecond: "0" },
      },
      { action: "removeMinter", contract: C, args: { minter: e.other } },
    ],
    expectEffect: async (e) => {
      expect(await e.controller.isMinter(e.other)).to.equal(false);
      expect(await e.controller.minterAllowance(e.other)).to.equal(0n);
    },
  },
  {
    name:
      "mint into the reserve within the attested reserves " +
      "(batch: make the Safe a minter, mint through the controller)",
    requests: (e) => [
      {
        action: "configureMinter",
        contract: C,
        args: { minter: e.safe.address, allowance: "300.00", capacity: "300.00", refillPerSecond: "0" },
      },
      { action: "mint", contract: C, args: { amount: "300.00" } },
    ],
    expectEffect: async (e, b) => {
      expect(await e.token.balanceOf(e.safe.address)).to.equal(b.safeBalance + 30000n);
      expect(await e.controller.minterAllowance(e.safe.address)).to.equal(0n);
    },
  },
  {
    name: "freeze",
    requests: (e) => [{ action: "freeze", contract: T, args: [e.holder] }],
    expectEffect: async (e) => expect(await e.token.isFrozen(e.holder)).to.equal(true),
  },
  {
    name: "freeze then unfreeze (batch)",
    requests: (e) => [
      { action: "freeze", contract: T, args: [e.holder] },
      { action: "unfreeze", contract: T, args: [e.holder] },
    ],
    expectEffect: async (e) => expect(await e.token.isFrozen(e.holder)).to.equal(false),
  },
  {
    name: "freezeBatch / unfreezeBatch",
    requests: (e) => [
      { action: "freezeBatch", contract: T, args: [[e.holder, e.other]] },
      { action: "unfreezeBatch", contract: T, args: [[e.other]] },
    ],
    expectEffect: async (e) => {
      expect(await e.token.isFrozen(e.holder)).to.equal(true);
      expect(await e.token.isFrozen(e.other)).to.equal(false);
    },
  },
  {
    name: "wipe a frozen account under a legal order (batch: freeze, wipeFrozen)",
    requests: (e) => [
      { action: "freeze", contract: T, args: [e.holder] },
      { action: "wipe", contract: T, args: { account: e.holder, legalOrderRef: "LEGAL-ORDER-2026-17" } },
    ],
    expectEffect: async (e, b) => {
      expect(b.holderBalance).to.be.greaterThan(0n);
      expect(await e.token.balanceOf(e.holder)).to.equal(0n);
      expect(await e.token.totalSupply()).to.equal(b.supply - b.holderBalance);
      expect(await e.token.isFrozen(e.holder)).to.equal(true);
    },
  },
  {
    name: "pause",
    requests: () => [{ action: "pause", contract: T }],
    expectEffect: async (e) => expect(await e.token.paused()).to.equal(true),
  },
  {
    name: "pause then unpause (batch)",
    requests: () => [
      { action: "pause", contract: T },
      { action: "unpause", contract: T },
    ],
    expectEffect: async (e) => expect(await e.token.paused()).to.equal(false),
  },
  {
    name: "grantRole PAUSER_ROLE",
    requests: (e) => [{ action: "grantRole", contract: T, args: { role: "PAUSER_ROLE", account: e.other } }],
    expectEffect: async (e) => expect(await e.token.hasRole(id("PAUSER_ROLE"), e.other)).to.equal(true),
  },
  {
    name: "revokeRole COMPLIANCE_ROLE from the Safe itself",
    requests: (e) => [
      { action: "revokeRole", contract: T, args: { role: "COMPLIANCE_ROLE", account: e.safe.address } },
    ],
    expectEffect: async (e) => expect(await e.token.hasRole(id("COMPLIANCE_ROLE"), e.safe.address)).to.equal(false),
  },
  {
    name: "upgrade the UUPS proxy to SomStablecoinV2Mock (upgradeToAndCall; implementation from prepareUpgrade)",
    requests: (e) => [{ action: "upgrade", contract: T, args: { newImplementation: e.stablecoinV2, data: "0x" } }],
    expectEffect: async (e, b) => {
      const proxy = await e.token.getAddress();
      expect(await hre.upgrades.erc1967.getImplementationAddress(proxy)).to.equal(e.stablecoinV2);
      const v2 = await hre.ethers.getContractAt("SomStablecoinV2Mock", proxy);
      expect(await v2.version()).to.equal("2");
      expect(await v2.balanceOf(e.safe.address)).to.equal(b.safeBalance);
    },
  },
  {
    name: "setReserve / setReserveFeed (the real AttestationRegistry) / setMaxReserveAge (batch)",
    requests: (e) => [
      { action: "setReserve", contract: T, args: [e.other] },
      { action: "setReserveFeed", contract: T, args: [R] },
      { action: "setMaxReserveAge", contract: T, args: ["86400"] },
    ],
    expectEffect: async (e) => {
      expect(await e.token.reserve()).to.equal(e.other);
      expect(await e.token.reserveFeed()).to.equal(await e.registry.getAddress());
      expect((await e.token.reserveSnapshot()).maxAge).to.equal(86400n);
    },
  },
  {
    name: "rescueERC20 (amount in the rescued token's units: 18 decimals)",
    requests: (e) => [
      { action: "rescueERC20", contract: T, args: { token: "StrayToken", to: e.other, amount: "12.34" } },
    ],
    expectEffect: async (e) => expect(await e.stray.balanceOf(e.other)).to.equal(12_340000000000000000n),
  },
  {
    name: "approve a spender",
    requests: (e) => [{ action: "approve", contract: T, args: [e.other, "10.00"] }],
    expectEffect: async (e) => expect(await e.token.allowance(e.safe.address, e.other)).to.equal(1000n),
  },
  {
    name: "beginDefaultAdminTransfer then cancelDefaultAdminTransfer (batch)",
    requests: (e) => [
      { action: "beginDefaultAdminTransfer", contract: T, args: [e.other] },
      { action: "cancelDefaultAdminTransfer", contract: T },
    ],
    expectEffect: async (e) => {
      const [pending] = await e.token.pendingDefaultAdmin();
      expect(pending).to.equal(hre.ethers.ZeroAddress);
      expect(await e.token.defaultAdmin()).to.equal(e.safe.address);
    },
  },
  {
    name: "beginDefaultAdminTransfer",
    requests: (e) => [{ action: "beginDefaultAdminTransfer", contract: T, args: [e.other] }],
    expectEffect: async (e) => expect((await e.token.pendingDefaultAdmin())[0]).to.equal(e.other),
  },
];

const ASSET_SUBJECT_KEY = "cadastral:1-01-01-0001-0001";

/** The real AttestationRegistry (initialized with the Safe as admin). */
export const ATTESTATION_ACTION_CASES: ActionCase[] = [
  {
    name: "addAttestor",
    requests: (e) => [{ action: "addAttestor", contract: R, args: [e.other] }],
    expectEffect: async (e) => {
      expect(await e.registry.isAttestor(e.other)).to.equal(true);
      expect(await e.registry.attestorSetVersion()).to.equal(1n);
    },
  },
  {
    name: "removeAttestor",
    requests: (e) => [{ action: "removeAttestor", contract: R, args: [e.attestors[2]] }],
    expectEffect: async (e) => {
      expect(await e.registry.isAttestor(e.attestors[2])).to.equal(false);
      expect(await e.registry.attestors()).to.have.length(2);
    },
  },
  {
    name: "setThreshold (setAttestationThreshold)",
    requests: () => [{ action: "setAttestationThreshold", contract: R, args: ["3"] }],
    expectEffect: async (e) => expect(await e.registry.threshold()).to.equal(3n),
  },
  {
    name: "setMaxFutureSkew",
    requests: () => [{ action: "setMaxFutureSkew", contract: R, args: ["600"] }],
    expectEffect: async (e) => expect(await e.registry.maxFutureSkew()).to.equal(600n),
  },
  {
    name: "configureSubject: the som reserves (listener = the stablecoin) and an asset valuation (batch)",
    requests: () => [
      {
        action: "configureSubject",
        contract: R,
        args: { subject: "SOM_RESERVES", maxAge: "172800", maxChangeBps: "1000", listener: T },
      },
      {
        action: "configureSubject",
        contract: R,
        args: {
          subject: `keccak:${ASSET_SUBJECT_KEY}`,
          maxAge: "2592000",
          maxChangeBps: "0",
          listener: hre.ethers.ZeroAddress,
        },
      },
    ],
    expectEffect: async (e) => {
      const som = await e.registry.subjectConfig(SOM_RESERVES);
      expect([som.maxAge, som.maxChangeBps, som.listener]).to.deep.equal([172800n, 1000n, await e.token.getAddress()]);
      expect((await e.registry.subjectConfig(assetIdFrom(ASSET_SUBJECT_KEY))).maxAge).to.equal(2592000n);
    },
  },
  {
    name: "allowOutOfBoundsReport",
    requests: async (e) => {
      const digest = await e.registry.reportDigest({
        subject: SOM_RESERVES,
        value: 1n,
        asOf: 1n,
        docHash: hre.ethers.ZeroHash,
        uri: "",
      });
      return [{ action: "allowOutOfBoundsReport", contract: R, args: [digest] }];
    },
    expectEffect: async (e) => {
      const digest = await e.registry.reportDigest({
        subject: SOM_RESERVES,
        value: 1n,
        asOf: 1n,
        docHash: hre.ethers.ZeroHash,
        uri: "",
      });
      expect(await e.registry.isOutOfBoundsReportAllowed(digest)).to.equal(true);
    },
  },
];

/** IdentityRegistry, AssetFactory, one AssetToken and the AssetToken beacon. */
export const TOKENIZATION_ACTION_CASES: ActionCase[] = [
  {
    name: "identity: registerIdentity",
    requests: () => [{ action: "registerIdentity", contract: I, args: [NEWCOMER, COUNTRY_KG, FAR_EXPIRY] }],
    expectEffect: async (e) => {
      expect(await e.identity.isVerified(NEWCOMER)).to.equal(true);
      expect((await e.identity.identity(NEWCOMER)).country).to.equal(417n);
    },
  },
  {
    name: "identity: updateIdentity",
    requests: (e) => [
      { action: "updateIdentity", contract: I, args: { account: e.holder, country: "398", kycExpiry: "4000000000" } },
    ],
    expectEffect: async (e) => {
      const idn = await e.identity.identity(e.holder);
      expect([idn.country, idn.kycExpiry]).to.deep.equal([398n, 4000000000n]);
    },
  },
  {
    name: "identity: removeIdentity",
    requests: (e) => [{ action: "removeIdentity", contract: I, args: [e.other] }],
    expectEffect: async (e) => expect(await e.identity.isVerified(e.other)).to.equal(false),
  },
  {
    name: "identity: registerIdentities, updateIdentities, removeIdentities (batch)",
    requests: () => [
      {
        action: "registerIdentities",
        contract: I,
        args: [
          [NEWCOMER, NEWCOMER2],
          [COUNTRY_KG, COUNTRY_KG],
          [FAR_EXPIRY, FAR_EXPIRY],
        ],
      },
      { action: "updateIdentities", contract: I, args: [[NEWCOMER], ["860"], [FAR_EXPIRY]] },
      { action: "removeIdentities", contract: I, args: [[NEWCOMER2]] },
    ],
    expectEffect: async (e) => {
      expect((await e.identity.identity(NEWCOMER)).country).to.equal(860n);
      expect(await e.identity.isVerified(NEWCOMER2)).to.equal(false);
    },
  },
  {
    name: "factory: createAsset (a second building)",
    requests: (e) => [
      {
        action: "createAsset",
        contract: F,
        args: { params: assetParamsArg(e.safe.address, "cadastral:1-01-01-0001-0002", "BGB2") },
      },
    ],
    expectEffect: async (e) => {
      expect(await e.factory.assetCount()).to.equal(2n);
      const token = await hre.ethers.getContractAt(
        "AssetToken",
        await e.factory.assetById(assetIdFrom("cadastral:1-01-01-0001-0002")),
      );
      expect(await token.symbol()).to.equal("BGB2");
      expect(await token.hasRole(id("ISSUER_ROLE"), e.safe.address)).to.equal(true);
      expect((await token.assetInfo()).totalShares).to.equal(1_000_000n);
    },
  },
  {
    name: "asset: mint shares into the reserve",
    requests: () => [{ action: "mint", contract: A, args: { amount: "500" } }],
    expectEffect: async (e, b) => {
      expect(await e.asset.balanceOf(e.safe.address)).to.equal(b.assetSafe + 500n);
      expect(await e.asset.totalSupply()).to.equal(b.assetSupply + 500n);
    },
  },
  {
    name: "asset: burn shares held by the reserve with a reference",
    requests: () => [{ action: "burn", contract: A, args: { amount: "50", ref: "DISPOSAL-2026-01" } }],
    expectEffect: async (e, b) => {
      expect(await e.asset.balanceOf(e.safe.address)).to.equal(b.assetSafe - 50n);
      expect(await e.asset.totalSupply()).to.equal(b.assetSupply - 50n);
    },
  },
  {
    name: "asset: distribute shares to a verified holder",
    requests: (e) => [{ action: "distribute", contract: A, args: { to: e.holder, amount: "25" } }],
    expectEffect: async (e, b) => expect(await e.asset.balanceOf(e.holder)).to.equal(b.assetHolder + 25n),
  },
  {
    name: "asset: setFrozenTokens",
    requests: (e) => [{ action: "setFrozenTokens", contract: A, args: [e.holder, "40"] }],
    expectEffect: async (e) => expect(await e.asset.getFrozenTokens(e.holder)).to.equal(40n),
  },
  {
    name: "asset: freeze",
    requests: (e) => [{ action: "freeze", contract: A, args: [e.holder] }],
    expectEffect: async (e) => expect(await e.asset.isFrozen(e.holder)).to.equal(true),
  },
  {
    name: "asset: freeze then unfreeze (batch)",
    requests: (e) => [
      { action: "freeze", contract: A, args: [e.holder] },
      { action: "unfreeze", contract: A, args: [e.holder] },
    ],
    expectEffect: async (e) => expect(await e.asset.isFrozen(e.holder)).to.equal(false),
  },
  {
    name: "asset: forcedTransfer under a legal order",
    requests: (e) => [
      {
        action: "forcedTransfer",
        contract: A,
        args: { from: e.holder, to: e.other, amount: "30", legalOrderRef: "LEGAL-ORDER-2026-17" },
      },
    ],
    expectEffect: async (e, b) => {
      expect(await e.asset.balanceOf(e.holder)).to.equal(b.assetHolder - 30n);
      expect(await e.asset.balanceOf(e.other)).to.equal(b.assetOther + 30n);
    },
  },
  {
    name: "asset: recoverWallet",
    requests: (e) => [
      {
        action: "recoverWallet",
        contract: A,
        args: { lostWallet: e.holder, newWallet: e.other, ref: "RECOVERY-2026-03" },
      },
    ],
    expectEffect: async (e, b) => {
      expect(await e.asset.balanceOf(e.holder)).to.equal(0n);
      expect(await e.asset.balanceOf(e.other)).to.equal(b.assetOther + b.assetHolder);
      expect(await e.asset.isFrozen(e.holder)).to.equal(true);
    },
  },
  {
    name: "asset: holder rules (allowed countries, maximum holders, maximum balance; batch)",
    requests: () => [
      { action: "setAllowedCountries", contract: A, args: { countries: [417, 398] } },
      { action: "setMaxHolders", contract: A, args: { newMax: "50" } },
      { action: "setMaxBalance", contract: A, args: { newMax: "500" } },
    ],
    expectEffect: async (e) => {
      expect(await e.asset.isCountryAllowed(417)).to.equal(true);
      expect(await e.asset.isCountryAllowed(840)).to.equal(false);
      const rules = await e.asset.holderRules();
      expect([rules.maxHolders, rules.maxBalance]).to.deep.equal([50n, 500n]);
    },
  },
  {
    name: "asset: pause",
    requests: () => [{ action: "pause", contract: A }],
    expectEffect: async (e) => expect(await e.asset.paused()).to.equal(true),
  },
  {
    name: "asset: pause then unpause (batch)",
    requests: () => [
      { action: "pause", contract: A },
      { action: "unpause", contract: A },
    ],
    expectEffect: async (e) => expect(await e.asset.paused()).to.equal(false),
  },
  {
    name: "asset: setDocument",
    requests: () => [
      {
        action: "setDocument",
        contract: A,
        args: ["PROSPECTUS", "ipfs://bafy-prospectus", documentHashOf("prospectus v1")],
      },
    ],
    expectEffect: async (e) => {
      const [uri, hash] = await e.asset.getDocument(REF("PROSPECTUS"));
      expect([uri, hash]).to.deep.equal(["ipfs://bafy-prospectus", documentHashOf("prospectus v1")]);
    },
  },
  {
    name: "asset: setDocument then removeDocument (batch)",
    requests: () => [
      {
        action: "setDocument",
        contract: A,
        args: ["VALUATION-2026", "ipfs://bafy-valuation", documentHashOf("valuation")],
      },
      { action: "removeDocument", contract: A, args: ["VALUATION-2026"] },
    ],
    expectEffect: async (e) => {
      expect(await e.asset.getAllDocuments()).to.not.include(REF("VALUATION-2026"));
      expect(await e.asset.documentHistory(REF("VALUATION-2026"))).to.have.length(2);
    },
  },
  {
    name: "asset: setEncumbrance (enum by name)",
    requests: () => [{ action: "setEncumbrance", contract: A, args: { status: "Lien", ref: "LIEN-2026-5" } }],
    expectEffect: async (e) => {
      expect((await e.asset.assetInfo()).encumbrance).to.equal(1n);
      expect((await e.asset.encumbranceHistory()).at(-1)?.ref).to.equal(REF("LIEN-2026-5"));
    },
  },
  {
    name: "asset: setCustodian",
    requests: (e) => [{ action: "setCustodian", contract: A, args: [e.other] }],
    expectEffect: async (e) => expect((await e.asset.assetInfo()).custodian).to.equal(e.other),
  },
  {
    name: "asset: grantRole ENFORCER_ROLE, revokeRole PAUSER_ROLE (batch)",
    requests: (e) => [
      { action: "grantRole", contract: A, args: { role: "ENFORCER_ROLE", account: e.other } },
      { action: "revokeRole", contract: A, args: { role: "PAUSER_ROLE", account: e.safe.address } },
    ],
    expectEffect: async (e) => {
      expect(await e.asset.hasRole(id("ENFORCER_ROLE"), e.other)).to.equal(true);
      expect(await e.asset.hasRole(id("PAUSER_ROLE"), e.safe.address)).to.equal(false);
    },
  },
  {
    name: "beacon: upgradeTo AssetTokenV2Mock (implementation from prepareUpgrade); every asset follows",
    requests: (e) => [{ action: "upgradeBeacon", contract: "AssetTokenBeacon", args: [e.assetTokenV2] }],
    expectEffect: async (e, b) => {
      const beacon = await hre.ethers.getContractAt("UpgradeableBeacon", e.beacon);
      expect(await beacon.implementation()).to.equal(e.assetTokenV2);
      const v2 = await hre.ethers.getContractAt("AssetTokenV2Mock", await e.asset.getAddress());
      expect(await v2.version()).to.equal("2");
      expect(await v2.balanceOf(e.holder)).to.equal(b.assetHolder);
    },
  },
];

/** One Safe transaction through MultiSendCallOnly touching every domain. */
export const MIXED_BATCH_CASES: ActionCase[] = [
  {
    name: "batch across contracts: KYC a newcomer, give it shares and KGSC, add an attestor",
    requests: (e) => [
      { action: "registerIdentity", contract: I, args: [NEWCOMER, COUNTRY_KG, FAR_EXPIRY] },
      { action: "distribute", contract: A, args: { to: NEWCOMER, amount: "10" } },
      { action: "distribute", contract: T, args: { to: NEWCOMER, value: "99.99" } },
      { action: "addAttestor", contract: R, args: [e.other] },
    ],
    expectEffect: async (e) => {
      expect(await e.asset.balanceOf(NEWCOMER)).to.equal(10n);
      expect(await e.token.balanceOf(NEWCOMER)).to.equal(9999n);
      expect(await e.registry.isAttestor(e.other)).to.equal(true);
    },
  },
];

export const ALL_ACTION_CASES: [string, ActionCase[]][] = [
  ["stablecoin", STABLECOIN_ACTION_CASES],
  ["attestation registry", ATTESTATION_ACTION_CASES],
  ["tokenization", TOKENIZATION_ACTION_CASES],
  ["batch", MIXED_BATCH_CASES],
];
