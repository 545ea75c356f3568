/**
 * Step 7 of the main job: a state building and a gold holding tokenized into the reserve, valued by
 * 2-of-3 attestation, shares issued and sent to a verified state agency.
 */
import { Wallet } from "ethers";
import { AssetToken__factory } from "../../typechain-types/factories/contracts/assets/AssetToken__factory";
import type { AssetToken } from "../../typechain-types";
import { assetIdFrom } from "../assets/ids";
import { assetRecordName, syncAssetRecords } from "../assets/records";
import { formatAmount } from "../chain/amounts";
import { ACCOUNT } from "./context";
import type { JobContext } from "./context";

interface TokenizedAsset {
  key: string;
  name: string;
  symbol: string;
  cls: number;
  shares: bigint;
  value: bigint;
}

/** Step 7: both asset tokens created, valued, issued; the agency holds 100 building shares. */
export async function tokenizeAssets(c: JobContext): Promise<void> {
  const { building, gold, bToken } = await createAssetTokens(c);
  await issueShares(c, building, gold, bToken);
}

async function createAssetTokens(
  c: JobContext,
): Promise<{ building: TokenizedAsset; gold: TokenizedAsset; bToken: AssetToken }> {
  const { n, hre, root, network, factory, som, now, custody, addr, safe, s, config } = c;
  const { ethers } = hre;
  // ------------------------------------------------------------------ 7. tokenization
  n.step(
    "A state building and a gold holding are tokenized into the reserve, valued by 2-of-3 attestation, " +
      "and shares go to a verified state agency",
  );
  // On a long-lived chain (localhost) a rerun needs new asset ids: the factory refuses duplicates.
  const fresh = async (key: string): Promise<string> =>
    (await factory.assetById(assetIdFrom(key))) === "0x0000000000000000000000000000000000000000"
      ? key
      : `${key}#run-${await now()}`;
  const building = {
    key: await fresh("cadastral:1-01-01-0001-0042"),
    name: "Bishkek, Chui Ave 42 (state building)",
    symbol: "BLDG42",
    cls: 0,
    shares: 1000n,
    value: som("850000000.00"),
  };
  const gold = {
    key: await fresh("vault:NBKR-GOLD-2026-11"),
    name: "Gold, 400 oz bars, NBKR vault",
    symbol: "AUKG",
    cls: 1,
    shares: 400n,
    value: som("1520000000.00"),
  };
  const assetParams = (a: typeof building) => ({
    assetId: `keccak:${a.key}`,
    name: a.name,
    symbol: a.symbol,
    decimals: 0,
    assetClass: a.cls,
    jurisdiction: 417,
    custodian: addr(ACCOUNT.officer),
    totalShares: String(a.shares),
    admin: safe,
    issuer: safe,
    enforcer: addr(ACCOUNT.enforcer),
    pauser: addr(ACCOUNT.officer),
  });
  const valuationAge = config.attestation.assetValuation;
  await custody("create both asset tokens and configure their valuation subjects", [
    { action: "createAsset", contract: "AssetFactory", args: [assetParams(building)] },
    { action: "createAsset", contract: "AssetFactory", args: [assetParams(gold)] },
    {
      action: "configureSubject",
      contract: "AttestationRegistry",
      args: [
        `keccak:${building.key}`,
        valuationAge.maxAge,
        valuationAge.maxChangeBps,
        "0x0000000000000000000000000000000000000000",
      ],
    },
    {
      action: "configureSubject",
      contract: "AttestationRegistry",
      args: [
        `keccak:${gold.key}`,
        valuationAge.maxAge,
        valuationAge.maxChangeBps,
        "0x0000000000000000000000000000000000000000",
      ],
    },
  ]);
  await syncAssetRecords({
    provider: ethers.provider,
    root,
    network,
    assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
  });
  const bToken = AssetToken__factory.connect(await factory.assetById(assetIdFrom(building.key)), s(ACCOUNT.deployer));
  const gToken = AssetToken__factory.connect(await factory.assetById(assetIdFrom(gold.key)), s(ACCOUNT.deployer));
  n.expect(
    (await bToken.getAddress()) !== "0x0000000000000000000000000000000000000000",
    `${building.symbol} at ${await bToken.getAddress()}, ${gold.symbol} at ${await gToken.getAddress()}`,
  );
  return { building, gold, bToken };
}

async function issueShares(
  c: JobContext,
  building: TokenizedAsset,
  gold: TokenizedAsset,
  bToken: AssetToken,
): Promise<void> {
  const { n, identity, now, attest, custody, safe, decimals } = c;
  const agency = Wallet.createRandom().address;
  n.tx(
    "KYC officer verifies the State Property Agency (country 417, KYC for one year)",
    await (await identity.registerIdentity(agency, 417, (await now()) + 365n * 86400n)).wait(),
  );
  await attest(assetIdFrom(building.key), building.value, `appraisal of ${building.name}`, building.symbol);
  await attest(assetIdFrom(gold.key), gold.value, `vault certificate and assay, ${gold.name}`, gold.symbol);
  await custody("issue all shares into the reserve and send 100 building shares to the agency", [
    { action: "mint", contract: assetRecordName(building.symbol), args: [String(building.shares)] },
    { action: "mint", contract: assetRecordName(gold.symbol), args: [String(gold.shares)] },
    { action: "distribute", contract: assetRecordName(building.symbol), args: [agency, "100"] },
  ]);
  await custody(`restrict ${building.symbol} to Kyrgyz holders (state land and buildings: no foreign holders)`, [
    { action: "setAllowedCountries", contract: assetRecordName(building.symbol), args: [[417]] },
  ]);
  n.expect(
    !(await bToken.isCountryAllowed(840)) && (await bToken.isCountryAllowed(417)),
    `${building.symbol} holders: country 417 only`,
  );
  n.expect(
    (await bToken.balanceOf(agency)) === 100n && (await bToken.balanceOf(safe)) === building.shares - 100n,
    `the agency holds 100 ${building.symbol}, the reserve ${building.shares - 100n}`,
  );
  const [bValue, , bFresh] = await bToken.valuation();
  n.expect(
    bValue === building.value && bFresh,
    `${building.symbol} valued ${formatAmount(bValue, { decimals, symbol: "som" })} (fresh)`,
  );
}
