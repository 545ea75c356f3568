/**
 * Shared fixture of the asset tests: the asset stack (identity registry, beacon, factory), an M-of-N
 * valuation source mock, one building token with shares spread over holders in every state the
 * transfer rules know (verified, unverified, expired, fully frozen, partially frozen).
 */
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { encodeBytes32String } from "ethers";
import { AssetValuationSourceMock__factory } from "../../typechain-types";
import { assetIdFrom, createAsset, deployAssetStack, type AssetParams } from "../../src/assets";

export const COUNTRY_KG = 417;
export const YEAR = 365 * 24 * 60 * 60;
export const DAY = 24 * 60 * 60;
export const MAX_AGE = 30 * DAY;
export const ADMIN_DELAY = DAY;
export const TOTAL_SHARES = 1_000_000n;
export const MINTED = 100_000n;
export const HOLDING = 1_000n;
export const PARTIAL_FROZEN = 600n;
export const REF = encodeBytes32String("court:2026/0042");
export const ASSET_KEY = "cadastral:1-01-01-0001-0001";

export function assetParams(
  overrides: Partial<AssetParams> & {
    admin: string;
    issuer: string;
    enforcer: string;
    pauser: string;
    custodian: string;
  },
): AssetParams {
  return {
    assetId: assetIdFrom(ASSET_KEY),
    name: "Bishkek Government Building 1",
    symbol: "BGB1",
    decimals: 0,
    assetClass: 0,
    jurisdiction: COUNTRY_KG,
    totalShares: TOTAL_SHARES,
    ...overrides,
  };
}

export async function deployAssetsFixture() {
  const signers = await ethers.getSigners();
  const [
    deployer,
    kycOfficer,
    upgrader,
    reserve,
    creator,
    issuer,
    enforcer,
    pauser,
    tokenAdmin,
    admin,
    alice,
    bob,
    carol,
    dave,
    eve,
    frank,
    attestor1,
    attestor2,
    attestor3,
    outsider,
  ] = signers;
  // Recipients in each state (addresses only: they never send).
  const to = {
    verified: bob.address,
    unverified: ethers.Wallet.createRandom().address,
    expired: ethers.Wallet.createRandom().address,
    frozenFull: ethers.Wallet.createRandom().address,
    frozenPartial: ethers.Wallet.createRandom().address,
  };

  const source = await new AssetValuationSourceMock__factory(deployer).deploy(
    [attestor1.address, attestor2.address, attestor3.address],
    2,
    MAX_AGE,
  );
  const stack = await deployAssetStack(hre, {
    deployer,
    admin: admin.address,
    kycOfficer: kycOfficer.address,
    upgrader: upgrader.address,
    reserve: reserve.address,
    creator: creator.address,
    valuationSource: await source.getAddress(),
    adminDelay: ADMIN_DELAY,
  });
  const registry = stack.identityRegistry.connect(kycOfficer);
  const now = await time.latest();
  const longExpiry = now + YEAR;
  const shortExpiry = now + 1_000;
  const verified = [alice, bob, carol, dave, frank].map((s) => s.address).concat([to.frozenFull, to.frozenPartial]);
  await registry.registerIdentities(
    verified,
    verified.map(() => COUNTRY_KG),
    verified.map(() => longExpiry),
  );
  await registry.registerIdentities([eve.address, to.expired], [COUNTRY_KG, COUNTRY_KG], [shortExpiry, shortExpiry]);

  const params = assetParams({
    admin: tokenAdmin.address,
    issuer: issuer.address,
    enforcer: enforcer.address,
    pauser: pauser.address,
    custodian: tokenAdmin.address,
  });
  const { token: created } = await createAsset(stack.factory.connect(creator), params);
  const token = created.connect(alice);
  await token.connect(issuer).mint(MINTED);
  for (const holder of [alice, bob, carol, dave, eve, frank]) {
    await token.connect(reserve).transfer(holder.address, HOLDING);
  }
  // dave: was verified, got shares, then removed from the registry.
  await registry.removeIdentity(dave.address);
  // carol and to.frozenFull: fully frozen; frank and to.frozenPartial: partially frozen.
  await token.connect(enforcer).freeze(carol.address);
  await token.connect(enforcer).freeze(to.frozenFull);
  await token.connect(enforcer).setFrozenTokens(frank.address, PARTIAL_FROZEN);
  await token.connect(enforcer).setFrozenTokens(to.frozenPartial, PARTIAL_FROZEN);
  // eve and to.expired: KYC expired (nobody revoked it).
  await time.increaseTo(shortExpiry + 1);

  return {
    ...stack,
    registry,
    token,
    source,
    params,
    to,
    deployer,
    kycOfficer,
    upgrader,
    reserve,
    creator,
    issuer,
    enforcer,
    pauser,
    tokenAdmin,
    admin,
    alice,
    bob,
    carol,
    dave,
    eve,
    frank,
    attestor1,
    attestor2,
    attestor3,
    outsider,
  };
}

export type AssetsFixture = Awaited<ReturnType<typeof deployAssetsFixture>>;
