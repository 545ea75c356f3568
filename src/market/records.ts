/**
 * Deployment records of the market's contracts (deployments/<network>/CounterpartyRegistry.json, ...),
 * so that the custodian tooling can propose calls to them by name and decode them for review.
 */
import { getAddress } from "ethers";
import type { Provider } from "ethers";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { DistributionRule__factory } from "../../typechain-types/factories/contracts/market/DistributionRule__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import type { ContractRecord } from "../chain/records";
import { writeRecord } from "../chain/records";
import { MARKET_RECORD } from "./constants";
import { MarketError } from "./counterparties";
import type { Market } from "./deploy";

/** ERC-1967 implementation slot. */
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

export interface MarketRecordOptions {
  provider: Provider;
  root: string;
  network: string;
  market: Market;
  compiler: string;
  gitCommit: string;
}

async function creation(
  provider: Provider,
  address: string,
  hash: string | undefined,
): Promise<{ transactionHash: string; blockNumber: number }> {
  const receipt = hash ? await provider.getTransactionReceipt(hash) : null;
  if (!receipt) throw new MarketError(`no creation receipt for ${address}`);
  return { transactionHash: receipt.hash, blockNumber: receipt.blockNumber };
}

/** Writes the three records and returns them. */
export async function writeMarketRecords(o: MarketRecordOptions): Promise<ContractRecord[]> {
  const { chainId } = await o.provider.getNetwork();
  const common = {
    compiler: o.compiler,
    gitCommit: o.gitCommit,
    chainId: Number(chainId),
    deployedAt: new Date().toISOString(),
  };
  const registry = getAddress(await o.market.registry.getAddress());
  const desk = getAddress(await o.market.desk.getAddress());
  const rule = getAddress(await o.market.rule.getAddress());
  const implementation = getAddress(`0x${(await o.provider.getStorage(registry, IMPLEMENTATION_SLOT)).slice(26)}`);
  const registryLogs = await o.provider.getLogs({ address: registry, fromBlock: 0, toBlock: "latest" });
  const records: ContractRecord[] = [
    {
      name: MARKET_RECORD.registry,
      contract: "CounterpartyRegistry",
      address: registry,
      abi: CounterpartyRegistry__factory.abi,
      ...(await creation(o.provider, registry, registryLogs[0]?.transactionHash)),
      args: [],
      proxy: { kind: "uups", implementation },
      ...common,
    },
    {
      name: MARKET_RECORD.desk,
      contract: "RedemptionDesk",
      address: desk,
      abi: RedemptionDesk__factory.abi,
      ...(await creation(o.provider, desk, o.market.desk.deploymentTransaction()?.hash)),
      args: [
        await o.market.desk.token(),
        await o.market.desk.registry(),
        await o.market.desk.reserve(),
        String(await o.market.desk.settlementWindow()),
      ],
      ...common,
    },
    {
      name: MARKET_RECORD.rule,
      contract: "DistributionRule",
      address: rule,
      abi: DistributionRule__factory.abi,
      ...(await creation(o.provider, rule, o.market.rule.deploymentTransaction()?.hash)),
      args: [await o.market.rule.token(), await o.market.rule.registry(), await o.market.rule.desk()],
      ...common,
    },
  ];
  for (const r of records) writeRecord(o.root, o.network, r);
  return records;
}
