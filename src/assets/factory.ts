/**
 * Creating asset tokens through the AssetFactory.
 */
import type { ContractRunner } from "ethers";
import { AssetToken__factory } from "../../typechain-types";
import type { AssetFactory, AssetToken } from "../../typechain-types";
import type { IAssetToken } from "../../typechain-types/contracts/assets/AssetFactory";
import { AssetsError } from "./errors";

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
