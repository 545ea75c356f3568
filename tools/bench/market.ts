/**
 * Gas of the primary market, measured like the other suites: receipt gasUsed, each operation its
 * own transaction, fresh chain. The reserve is an account calling the desk directly (as
 * `stablecoin.burn` is measured); through the Safe add the Safe's own overhead (see safe.*).
 *
 * - redemption.request: a counterparty's request once it has requested before and the desk holds
 *   escrow (the steady state: both storage words are already non-zero);
 * - redemption.request.first: its very first request (one storage word created, one-time cost);
 * - redemption.settle: settling while another request stays in escrow (no storage refund);
 * - redemption.reject: rejecting (refund to the requester);
 * - redemption.settle.lastInEscrow: settling the desk's only escrow (its token balance returns to
 *   zero: the token's storage refund applies).
 */
import { configureMinter, deployStablecoinSystem } from "../../src/stablecoin/deploy";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { GasSnapshot } from "../gas/snapshot";
import { gasOf, type GasSuite } from "../gas/suite";
import { deployCounterpartyRegistry, deployRedemptionDesk } from "../../src/market/deploy";
import { licenseCounterparty } from "../../src/market/counterparties";
import { requestRedemption } from "../../src/market/redemptions";

const SOM_RESERVES = "0x534f4d5f52455345525645530000000000000000000000000000000000000000";

async function measure(hre: HardhatRuntimeEnvironment): Promise<GasSnapshot> {
  const { ethers } = hre;
  const [admin, regulator, minter, reserve, exchange] = await ethers.getSigners();
  const feed = await ethers.deployContract("AttestedValueSourceMock", [2]);
  const now = (await ethers.provider.getBlock("latest"))?.timestamp ?? 0;
  await feed.setReport(SOM_RESERVES, 10n ** 15n, now);
  const { token, controller } = await deployStablecoinSystem(
    hre,
    admin,
    0,
    {
      name: "Som Stablecoin",
      symbol: "KGSC",
      decimals: 2,
      reserve: reserve.address,
      reserveFeed: await feed.getAddress(),
      maxReserveAge: 2 * 24 * 3600,
    },
    admin.address,
  );
  await configureMinter(controller, {
    address: minter.address,
    allowance: 10n ** 12n,
    rateLimit: { capacity: 10n ** 12n, refillPerSecond: 0n },
  });
  await controller.connect(minter).mint(10n ** 9n);

  const registry = await deployCounterpartyRegistry(hre, {
    deployer: admin,
    admin: admin.address,
    regulator: regulator.address,
    upgrader: admin.address,
    adminDelay: 0,
  });
  const desk = await deployRedemptionDesk({
    deployer: admin,
    token: await token.getAddress(),
    registry: await registry.getAddress(),
    reserve: reserve.address,
  });
  await token.connect(admin).grantRole(await token.BURNER_ROLE(), await desk.getAddress());
  await licenseCounterparty(registry.connect(regulator), exchange.address, {
    name: "Bench Exchange",
    category: "Exchange",
    licenceNumber: "NBKR-CX-0001",
    licenceExpiry: BigInt(now + 365 * 86400),
    declaredCapital: 10_000_000_000n,
    capitalDocHash: ethers.id("capital"),
  });
  await token.connect(reserve).transfer(exchange.address, 10n ** 7n);

  const figures: GasSnapshot = {};
  const asExchange = desk.connect(exchange);
  const first = await requestRedemption(asExchange, token.connect(exchange), 123_456n, "KG-BANK-ACC-1");
  figures["redemption.request.first"] = Number(first.receipt.gasUsed);
  const second = await requestRedemption(asExchange, token.connect(exchange), 654_321n, "KG-BANK-ACC-1");
  figures["redemption.request"] = Number(second.receipt.gasUsed);
  figures["redemption.settle"] = await gasOf(desk.connect(reserve).settle(first.id));
  figures["redemption.reject"] = await gasOf(desk.connect(reserve).reject(second.id, 1));
  const third = await requestRedemption(asExchange, token.connect(exchange), 111_111n, "KG-BANK-ACC-1");
  figures["redemption.settle.lastInEscrow"] = await gasOf(desk.connect(reserve).settle(third.id));
  return figures;
}

export const marketGasSuite: GasSuite = { name: "market", measure };
