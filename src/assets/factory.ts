/**
 * Creating asset tokens through the AssetFactory.
 */
import { isCountryCode } from "../chain/countries";
import type { ContractRunner } from "ethers";
import { AssetToken__factory } from "../../typechain-types/factories/contracts/assets/AssetToken__factory";
import type { AssetFactory, AssetToken } from "../../typechain-types";
import type { IAssetToken } from "../../typechain-types/contracts/assets/AssetFactory";
import { SOM_RESERVES } from "../chain/constants";
import { AssetsError } from "./errors";

/** Largest decimals and ISO 3166-1 numeric code the factory accepts (AssetFactory's rules). */
export const MAX_ASSET_DECIMALS = 18;
export const MAX_COUNTRY_CODE = 999;

/**
 * The factory's rules, checked before sending so a mistake reads as a sentence: the asset id is not
 * SOM_RESERVES (the stablecoin's reserves subject), decimals at most 18, jurisdiction an ISO 3166-1
 * numeric code of a country (the chain checks only 1..999). The chain checks the same (and refuses an id already
 * attested).
 */
export function checkAssetParams(params: AssetParams): void {
  if (String(params.assetId).toLowerCase() === SOM_RESERVES.toLowerCase()) {
    throw new AssetsError("assetId: SOM_RESERVES is the stablecoin's reserves subject, never an asset id");
  }
  const decimals = Number(params.decimals);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_ASSET_DECIMALS) {
    throw new AssetsError(`decimals: must be 0..${MAX_ASSET_DECIMALS}, got ${String(params.decimals)}`);
  }
  const jurisdiction = Number(params.jurisdiction);
  if (!Number.isInteger(jurisdiction) || jurisdiction < 1 || jurisdiction > MAX_COUNTRY_CODE) {
    throw new AssetsError(
      `jurisdiction: must be an ISO 3166-1 numeric code (1..${MAX_COUNTRY_CODE}, e.g. 417), ` +
        `got ${String(params.jurisdiction)}`,
    );
  }
  if (!isCountryCode(jurisdiction))
    throw new AssetsError(
      `jurisdiction: ${jurisdiction} is not an ISO 3166-1 numeric code of any country (e.g. 417 Kyrgyzstan)`,
    );
}

/** The factory's `createAsset` input (IAssetToken.AssetParams). */
export type AssetParams = IAssetToken.AssetParamsStruct;

export interface CreatedAsset {
  token: AssetToken;
  address: string;
  transactionHash: string;
  blockNumber: number;
}

/**
 * Creates an asset token with `factory` (whose runner must hold ASSET_CREATOR_ROLE), waits for the
 * transaction and returns the new token, read from the AssetCreated event.
 */
export async function createAsset(factory: AssetFactory, params: AssetParams): Promise<CreatedAsset> {
  checkAssetParams(params);
  const tx = await factory.createAsset(params);
  const receipt = await tx.wait();
  if (!receipt || receipt.status !== 1) throw new AssetsError(`createAsset transaction ${tx.hash} failed`);
  const factoryAddress = (await factory.getAddress()).toLowerCase();
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== factoryAddress) continue;
    const parsed = factory.interface.parseLog(log);
    if (parsed?.name === "AssetCreated") {
      const address = parsed.args.token as string;
      const runner: ContractRunner | null = factory.runner;
      return {
        token: AssetToken__factory.connect(address, runner),
        address,
        transactionHash: receipt.hash,
        blockNumber: receipt.blockNumber,
      };
    }
  }
  throw new AssetsError(`no AssetCreated event in transaction ${tx.hash}`);
}
