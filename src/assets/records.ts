/**
 * Asset tokens are created after deployment, by the reserve Safe through the AssetFactory. This
 * writes a deployment record for each of them (from the factory's AssetCreated events), so the
 * custodian tooling can name them and integrators find them like any other contract.
 */
import { getAddress } from "ethers";
import { AssetFactory__factory } from "../../typechain-types/factories/contracts/assets/AssetFactory__factory";
import { AssetToken__factory } from "../../typechain-types/factories/contracts/assets/AssetToken__factory";
import { UpgradeableBeacon__factory } from "../../typechain-types/factories/@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon__factory";
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import { UserError } from "../chain/errors";
import { withTimeout } from "../chain/timeout";
import { scanLogs } from "../chain/scan";
import { readRecord, readRecords, writeRecord } from "../chain/records";

/** Asset records cannot be written (no deployment on this network). */
export class AssetRecordsError extends UserError {}

/** Record name of an asset token: "Asset-<symbol>". */
export function assetRecordName(symbol: string): string {
  return `Asset-${symbol}`;
}

export interface SyncAssetRecordsOptions {
  provider: Provider;
  root: string;
  network: string;
  assetTokenAbi: readonly unknown[];
}

/**
 * Writes a record for every asset the factory created that has none yet; returns the new records. The
 * factory's own list (`assets()`) says whether any is missing; only then are its AssetCreated events read
 * (for each creation's transaction and block), in bounded ranges halved when an RPC refuses a range, every
 * call under a timeout (deploy, `safe:status`, `reserve:bitcoin` and the main job call this).
 */
export async function syncAssetRecords(o: SyncAssetRecordsOptions): Promise<ContractRecord[]> {
  const factoryRecord = readRecord(o.root, o.network, "AssetFactory");
  if (!factoryRecord)
    throw new AssetRecordsError(
      `no AssetFactory record in deployments/${o.network}/: deploy first (npm run deploy -- --network ${o.network})`,
    );
  const factory = AssetFactory__factory.connect(factoryRecord.address, o.provider);
  const known = new Set(readRecords(o.root, o.network).map((r) => r.address.toLowerCase()));
  const listed = await withTimeout(factory.assets(), `assets() of AssetFactory ${factoryRecord.address}`);
  if (listed.every((a) => known.has(a.toLowerCase()))) return [];
  const beacon = await withTimeout(factory.beacon(), "beacon()");
  // The implementation every asset token runs: the beacon's (the record follows beacon upgrades).
  const implementation = await withTimeout(
    UpgradeableBeacon__factory.connect(beacon, o.provider).implementation(),
    "implementation() of the asset beacon",
  );
  const chainId = Number((await withTimeout(o.provider.getNetwork(), "eth_chainId")).chainId);
  const toBlock = await withTimeout(o.provider.getBlockNumber(), "eth_blockNumber");
  const event = factory.interface.getEvent("AssetCreated");
  const { logs } = await scanLogs({
    provider: o.provider,
    chainId,
    addresses: [factoryRecord.address],
    topics: [event.topicHash],
    fromBlock: factoryRecord.blockNumber,
    toBlock,
    reorgDepth: 0,
  });
  const created: ContractRecord[] = [];
  for (const log of logs) {
    const parsed = factory.interface.parseLog(log);
    if (!parsed) continue;
    const token = getAddress(parsed.args.token as string);
    if (known.has(token.toLowerCase())) continue;
    const symbol = await withTimeout(AssetToken__factory.connect(token, o.provider).symbol(), `symbol() of ${token}`);
    const record: ContractRecord = {
      name: assetRecordName(symbol),
      contract: "AssetToken",
      address: token,
      abi: o.assetTokenAbi,
      transactionHash: log.transactionHash,
      blockNumber: log.blockNumber,
      args: [parsed.args.assetId as string],
      implementation,
      proxy: { kind: "beacon-proxy", implementation, beacon },
      implementationHistory: [{ implementation, contract: "AssetToken", sinceBlock: log.blockNumber }],
      compiler: factoryRecord.compiler,
      gitCommit: factoryRecord.gitCommit,
      chainId,
      deployedAt: new Date().toISOString(),
    };
    writeRecord(o.root, o.network, record);
    created.push(record);
  }
  return created;
}
