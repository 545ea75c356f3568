/**
 * The market on its own: a stablecoin (UUPS, reserve-checked), the CounterpartyRegistry, the
 * RedemptionDesk (holding BURNER_ROLE) and the DistributionRule, deployed by src/market/deploy.ts.
 * The reserve is an account here; test/market/integration.test.ts uses a real Safe.
 */
import { configureMinter, deployStablecoinSystem } from "../../src/stablecoin/deploy";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { deployMarket } from "../../src/market/deploy";
import { licenseCounterparty } from "../../src/market/counterparties";
import type { LicenceInput } from "../../src/market/counterparties";

export const SOM_RESERVES = "0x534f4d5f52455345525645530000000000000000000000000000000000000000";
export const WINDOW = 3 * 24 * 3600;
export const YEAR = 365n * 24n * 3600n;
export const TEN_BILLION_SOM = 10_000_000_000n;

export async function licenceFor(name: string, over: Partial<LicenceInput> = {}): Promise<LicenceInput> {
  return {
    name,
    category: "Exchange",
    licenceNumber: `NBKR-${name.slice(0, 3).toUpperCase()}-01`,
    licenceExpiry: BigInt(await time.latest()) + YEAR,
    declaredCapital: TEN_BILLION_SOM,
    capitalDocHash: ethers.id(`capital ${name}`),
    ...over,
  };
}

export async function deployMarketFixture() {
  const [admin, regulator, minter, reserve, exchange, exchanger, stranger, bank] = await ethers.getSigners();
  const feed = await ethers.deployContract("AttestedValueSourceMock", [2]);
  await feed.setReport(SOM_RESERVES, 10n ** 15n, await time.latest());
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
  await token.connect(admin).grantRole(await token.COMPLIANCE_ROLE(), admin.address);
  await token.connect(admin).grantRole(await token.PAUSER_ROLE(), admin.address);
  await configureMinter(controller, {
    address: minter.address,
    allowance: 10n ** 12n,
    rateLimit: { capacity: 10n ** 12n, refillPerSecond: 0n },
  });
  await controller.connect(minter).mint(10n ** 10n);

  const { registry, desk, rule } = await deployMarket(hre, {
    deployer: admin,
    token: await token.getAddress(),
    reserve: reserve.address,
    regulator: regulator.address,
    adminDelay: 0,
    settlementWindow: WINDOW,
  });
  await token.connect(admin).grantRole(await token.BURNER_ROLE(), await desk.getAddress());
  const asRegulator = registry.connect(regulator);
  await licenseCounterparty(asRegulator, exchange.address, await licenceFor("Exchange One"));
  await licenseCounterparty(
    asRegulator,
    exchanger.address,
    await licenceFor("Exchanger Two", { category: "Exchanger" }),
  );
  await token.connect(reserve).transfer(exchange.address, 10n ** 8n);
  await token.connect(reserve).transfer(exchanger.address, 10n ** 8n);
  return {
    admin,
    regulator,
    minter,
    reserve,
    exchange,
    exchanger,
    stranger,
    bank,
    token,
    registry: asRegulator,
    desk,
    rule,
    feed,
  };
}
