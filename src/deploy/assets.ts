/**
 * Asset tokens are created after deployment, by the reserve Safe through the AssetFactory. This
 * writes a deployment record for each of them (from the factory's AssetCreated events), so the
 * custodian tooling can name them and integrators find them like any other contract.
 */
import { Contract, getAddress } from "ethers";
import type { Provider } from "ethers";
import type { ContractRecord } from "./records";
import { readRecord, readRecords, writeRecord } from "./records";

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

/** Writes a record for every asset the factory created that has none yet; returns the new records. */
export async function syncAssetRecords(o: SyncAssetRecordsOptions): Promise<ContractRecord[]> {
  const factoryRecord = readRecord(o.root, o.network, "AssetFactory");
  if (!factoryRecord) throw new Error(`no AssetFactory record in deployments/${o.network}/`);
  const factory = new Contract(factoryRecord.address, factoryRecord.abi as never, o.provider);
  const known = new Set(readRecords(o.root, o.network).map((r) => r.address.toLowerCase()));
  const { chainId } = await o.provider.getNetwork();
  const event = factory.interface.getEvent("AssetCreated");
  if (!event) throw new Error("the AssetFactory ABI has no AssetCreated event");
  const logs = await o.provider.getLogs({ address: factoryRecord.address, topics: [event.topicHash], fromBlock: factoryRecord.blockNumber, toBlock: "latest" });
  const created: ContractRecord[] = [];
  for (const log of logs) {
    const parsed = factory.interface.parseLog(log);
    if (!parsed) continue;
    const token = getAddress(parsed.args.token as string);
    if (known.has(token.toLowerCase())) continue;
    const asset = new Contract(token, o.assetTokenAbi as never, o.provider);
    const symbol = (await asset.getFunction("symbol")()) as string;
    const record: ContractRecord = {
      name: assetRecordName(symbol),
      contract: "AssetToken",
      address: token,
      abi: o.assetTokenAbi,
      transactionHash: log.transactionHash,
      blockNumber: log.blockNumber,
      args: [parsed.args.assetId as string],
      proxy: { kind: "beacon-proxy", implementation: "see AssetTokenBeacon", beacon: (await factory.getFunction("beacon")()) as string },
      compiler: factoryRecord.compiler,
      gitCommit: factoryRecord.gitCommit,
      chainId: Number(chainId),
      deployedAt: new Date().toISOString(),
    };
    writeRecord(o.root, o.network, record);
    created.push(record);
  }
  return created;
}
