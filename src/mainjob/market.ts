/**
 * The main job's primary-market and crypto-reserve chapter, as one function over the deployed
 * system: a counterparty is licensed; the reserve distributes to it; a distribution to an
 * unlicensed address is refused; the counterparty redeems at par and the reserve settles; state-
 * mined bitcoin enters the reserve. Every step calls the market library (src/market/) and checks
 * its effect on chain.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@nomicfoundation/hardhat-ethers";
import { ZeroAddress, getAddress, keccak256, toUtf8Bytes } from "ethers";
import type { TransactionReceipt } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { AssetFactory__factory } from "../../typechain-types/factories/contracts/assets/AssetFactory__factory";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { DistributionRule__factory } from "../../typechain-types/factories/contracts/market/DistributionRule__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import { reserveGuardAt } from "../guard/contract";
import type { SomStablecoin } from "../../typechain-types";
import { syncAssetRecords } from "../assets/records";
import { readRecords } from "../chain/records";
import type { CallRequest } from "../chain/calls";
import { formatAmount, formatDecimal, parseAmount } from "../chain/amounts";
import { settlementCalls } from "../market/actions";
import { MARKET_RECORD } from "../market/constants";
import {
  describeCounterparty,
  licenseCounterparty,
  readCounterparty,
  recordCounterparties,
} from "../market/counterparties";
import { collectCryptoHoldings, formatCryptoHoldings, tokenizeMinedBitcoin } from "../market/crypto";
import type { CryptoHoldings, TokenizedBitcoin } from "../market/crypto";
import type { Market } from "../market/deploy";
import { burnReferenceOf, collectRedemptions, requestRedemption } from "../market/redemptions";
import type { RedemptionsView } from "../market/redemptions";

/** Local test accounts the chapter uses (after the main job's 0..12). */
export const MARKET_ACCOUNT = { regulator: 14, counterparty: 15, unlicensed: 16, btcCustodian: 17 } as const;

/** What the chapter needs from the main job (all of it exists there). */
export interface MarketScenarioSystem {
  hre: HardhatRuntimeEnvironment;
  /** Records root and network. */
  root: string;
  network: string;
  safe: string;
  narrator: {
    step(title: string): void;
    say(line: string): void;
    tx(what: string, receipt: TransactionReceipt | null): void;
    expect(ok: boolean, message: string): void;
  };
  /** Proposes, has custodians sign offline, executes through the reserve Safe. */
  custody(what: string, calls: CallRequest[]): Promise<void>;
  /** Attestors sign a report offline; a relayer submits it. */
  attest(subject: string, value: bigint, doc: string, label: string): Promise<void>;
  /** Deploy config `attestation.assetValuation`. */
  valuation: { maxAge: number; maxChangeBps: number };
  /**
   * The reserve Safe's ReserveGuard, whose call rule the deployment made the DistributionRule (announced, delayed).
   * Absent when the deployment has no guard: the refusal is then shown as the rule's verdict on the very call the
   * custodians would sign.
   */
  guard?: string;
}

export interface MarketScenarioResult {
  market: Market;
  redemptions: RedemptionsView;
  bitcoin: TokenizedBitcoin;
  crypto: CryptoHoldings;
}

async function revertName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const m = /(DistributionRule[A-Za-z]+)/.exec(String((e as Error).message));
    return m ? m[1] : String((e as Error).message).split("\n")[0];
  }
  return "";
}

/** What every chapter step uses: the system, its signers, the stablecoin and its amount helpers. */
interface ScenarioContext {
  s: MarketScenarioSystem;
  n: MarketScenarioSystem["narrator"];
  signers: HardhatEthersSigner[];
  records: () => ReturnType<typeof readRecords>;
  at: (name: string) => string;
  coin: SomStablecoin;
  units: { decimals: number; symbol: string };
  som: (t: string) => bigint;
  fmt: (v: bigint) => string;
  regulator: HardhatEthersSigner;
  counterparty: HardhatEthersSigner;
  unlicensed: string;
}

async function scenarioContext(s: MarketScenarioSystem): Promise<ScenarioContext> {
  const { hre, narrator: n } = s;
  const signers = await hre.ethers.getSigners();
  const records = () => readRecords(s.root, s.network);
  const at = (name: string): string => {
    const r = records().find((x) => x.name === name);
    if (!r) throw new Error(`internal: no record ${name}`);
    return r.address;
  };
  const coin = SomStablecoin__factory.connect(at("SomStablecoin"), signers[0]);
  const units = { decimals: Number(await coin.decimals()), symbol: await coin.symbol() };
  const som = (t: string) => parseAmount(t, units);
  const fmt = (v: bigint) => formatAmount(v, units);
  const regulator = signers[MARKET_ACCOUNT.regulator];
  const counterparty = signers[MARKET_ACCOUNT.counterparty];
  const unlicensed = signers[MARKET_ACCOUNT.unlicensed].address;
  return { s, n, signers, records, at, coin, units, som, fmt, regulator, counterparty, unlicensed };
}

/** The deployment's market (deploy config `market`), from the records, narrated with its settings. */
async function deployedMarket(c: ScenarioContext): Promise<Market> {
  const { s, n, signers, at, fmt } = c;
  const deployer = signers[0];
  const market: Market = {
    registry: CounterpartyRegistry__factory.connect(at(MARKET_RECORD.registry), deployer),
    desk: RedemptionDesk__factory.connect(at(MARKET_RECORD.desk), deployer),
    rule: DistributionRule__factory.connect(at(MARKET_RECORD.rule), deployer),
  };
  const rule = await market.rule.getAddress();
  n.say(
    `deployed with the system (deploy config "market"): CounterpartyRegistry ${await market.registry.getAddress()} ` +
      `(the Safe its admin), RedemptionDesk ${await market.desk.getAddress()} ` +
      `(settlement window ${Number(await market.desk.settlementWindow()) / 3600} h, BURNER_ROLE on the stablecoin), ` +
      `DistributionRule ${rule}; exchanges need ${fmt(await market.registry.minimumCapital(0))} of capital`,
  );
  n.expect(
    await market.registry.hasRole(await market.registry.REGULATOR_ROLE(), c.regulator.address),
    `the regulator ${c.regulator.address} holds REGULATOR_ROLE`,
  );
  if (s.guard) {
    n.expect(
      getAddress(await reserveGuardAt(s.guard, s.hre.ethers.provider).callRuleOf(s.safe)) === getAddress(rule),
      "the deployment installed the DistributionRule as the reserve Safe's call rule (announced, the guard's delay " +
        "passed, executed by the Safe)",
    );
  }
  return market;
}

/** Step "Primary market": the deployed market; the regulator licenses the exchange. Returns the market and the time. */
async function licensingStep(c: ScenarioContext): Promise<{ market: Market; now: bigint }> {
  const { s, n, regulator, counterparty } = c;
  const { hre } = s;
  n.step(
    "Primary market: the regulator licenses a crypto exchange; " +
      "only licensed counterparties may receive stablecoin from the reserve",
  );
  const market = await deployedMarket(c);
  const now = BigInt((await hre.ethers.provider.getBlock("latest"))?.timestamp ?? 0);
  if ((await readCounterparty(market.registry, counterparty.address)) !== undefined) {
    n.say(`the exchange ${counterparty.address} was licensed by an earlier run on this node`);
  } else {
    n.tx(
      "the regulator licenses Ala-Too Crypto Exchange (licence NBKR-CX-2026-007, 12 billion som declared)",
      await licenseCounterparty(market.registry.connect(regulator), counterparty.address, {
        name: "Ala-Too Crypto Exchange",
        category: "Exchange",
        licenceNumber: "NBKR-CX-2026-007",
        licenceExpiry: now + 365n * 86400n,
        declaredCapital: 12_000_000_000n,
        capitalDocHash: keccak256(toUtf8Bytes("audited capital statement, Ala-Too Crypto Exchange, 2026")),
      }),
    );
  }
  n.say(`custodian summary line: ${await describeCounterparty(market.registry, counterparty.address)}`);
  n.expect(await market.registry.isEligible(counterparty.address), "the exchange is an eligible counterparty");
  // what each custodian's `safe:status` does: the counterparties go into their records, for offline sign
  const snapshot = await recordCounterparties(hre.ethers.provider, s.root, s.network);
  const count = snapshot?.snapshot.entries.length ?? 0;
  n.say(
    `custodians' records: ${count} licensed counterpart${count === 1 ? "y" : "ies"} ` +
      `at block ${snapshot?.snapshot.block ?? "?"} (as \`npm run safe:status\` writes them); ` +
      `sign names each stablecoin recipient from them`,
  );
  return { market, now };
}

/** Step "distribution": the reserve pays the licensed exchange; a payment to an unlicensed address is refused. */
async function distributionStep(c: ScenarioContext, market: Market): Promise<void> {
  const { s, n, coin, som, fmt, counterparty, unlicensed } = c;
  n.step("The reserve distributes to the licensed exchange; a distribution to an unlicensed address is refused");
  const before = await coin.balanceOf(counterparty.address);
  await s.custody(`send ${fmt(som("100000.00"))} to the licensed exchange`, [
    { action: "distribute", contract: "SomStablecoin", args: [counterparty.address, "100000.00"] },
  ]);
  n.expect(
    (await coin.balanceOf(counterparty.address)) === before + som("100000.00"),
    `the exchange holds ${fmt(await coin.balanceOf(counterparty.address))}`,
  );
  n.say(`custodian summary line: ${await describeCounterparty(market.registry, unlicensed)}`);
  let refusal: string;
  if (s.guard) {
    refusal = await revertName(
      s.custody(`send ${fmt(som("1000.00"))} to an unlicensed address`, [
        { action: "distribute", contract: "SomStablecoin", args: [unlicensed, "1000.00"] },
      ]),
    );
    n.say(
      "(the custodian tooling simulated the signed execTransaction on the chain: " +
        "the ReserveGuard, consulting the rule, reverted it and nothing was sent; " +
        "sent anyway with genuine signatures, the same transaction reverts on chain: test/market/integration.test.ts)",
    );
  } else {
    const data = coin.interface.encodeFunctionData("transfer", [unlicensed, som("1000.00")]);
    refusal = await revertName(market.rule.checkCall(s.safe, await coin.getAddress(), 0n, data));
    n.say("(no ReserveGuard in this deployment yet: the rule's verdict on the exact call the custodians would sign)");
  }
  n.expect(
    refusal === "DistributionRuleNotEligible" && (await coin.balanceOf(unlicensed)) === 0n,
    `sending ${fmt(som("1000.00"))} to ${unlicensed} is refused: ${refusal}`,
  );
}

/** Step "redemption": the exchange redeems at par, the reserve settles by burning the escrow. */
async function redemptionStep(c: ScenarioContext, market: Market): Promise<RedemptionsView> {
  const { s, n, coin, som, fmt, counterparty } = c;
  n.step(
    "The exchange redeems at par: tokens go into escrow with a deadline; " +
      "the reserve settles by burning them with the request id as reference",
  );
  const amount = som("40000.00");
  const req = await requestRedemption(
    market.desk.connect(counterparty),
    coin.connect(counterparty),
    amount,
    "KG-RSK-1299-0000-0042",
  );
  n.tx(
    `the exchange requests redemption of ${fmt(amount)} to its bank account (request ${burnReferenceOf(req.id)})`,
    req.receipt,
  );
  const open = await collectRedemptions(market.desk);
  n.expect(
    open.open.length === 1 && open.openTotal === amount,
    `open requests: ${open.open.length} (${fmt(open.openTotal)} in escrow), overdue: ${open.overdue.length}, ` +
      `deadline ${new Date(Number(open.open[0]?.deadline ?? 0n) * 1000).toISOString()}`,
  );
  const supply = await coin.totalSupply();
  await s.custody(
    `settle redemption ${burnReferenceOf(req.id)} (burn ${fmt(amount)}, no fee)`,
    settlementCalls([req.id]),
  );
  const redemptions = await collectRedemptions(market.desk);
  n.expect(
    (await coin.totalSupply()) === supply - amount && redemptions.open.length === 0,
    `supply fell by exactly ${fmt(amount)} (at par), burned with reference ${burnReferenceOf(req.id)}; no request open`,
  );
  return redemptions;
}

/** Step "crypto reserve": state-mined bitcoin is tokenized into the reserve, valued by attestation. */
async function cryptoReserveStep(
  c: ScenarioContext,
  now: bigint,
): Promise<{ bitcoin: TokenizedBitcoin; crypto: CryptoHoldings }> {
  const { s, n, signers, at, units, som } = c;
  const { hre } = s;
  n.step("State-mined bitcoin enters the reserve: 12.5 BTC held by a custodian, valued in som by 2-of-3 attestation");
  const factory = AssetFactory__factory.connect(at("AssetFactory"), signers[0]);
  const key =
    (await factory.assetById(keccak256(toUtf8Bytes("custody:NBKR-BTC-MINING-2026-11")))) === ZeroAddress
      ? "custody:NBKR-BTC-MINING-2026-11"
      : `custody:NBKR-BTC-MINING-2026-11#run-${now}`;
  const custodian = signers[MARKET_ACCOUNT.btcCustodian].address;
  const proof =
    `custody statement: 12.50000000 BTC in segregated cold storage for the National Bank reserve, ` +
    `${new Date(Number(now) * 1000).toISOString().slice(0, 10)}`;
  const bitcoin = await tokenizeMinedBitcoin(
    {
      safe: s.safe,
      factory,
      valuation: s.valuation,
      custody: s.custody,
      attest: s.attest,
      syncRecords: async () => {
        await syncAssetRecords({
          provider: hre.ethers.provider,
          root: s.root,
          network: s.network,
          assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
        });
      },
    },
    {
      key,
      name: "State-mined bitcoin, custody account NBKR-BTC-1",
      symbol: "KGBTC",
      sats: 1_250_000_000n,
      custodian,
      custodyProof: {
        uri: "https://reserve.example.kg/documents/btc-custody-2026-11.pdf",
        hash: keccak256(toUtf8Bytes(proof)),
      },
      valueSom: som("106250000.00"),
      enforcer: custodian,
      pauser: custodian,
    },
  );
  const [value, , fresh] = await bitcoin.token.valuation();
  const held = await bitcoin.token.balanceOf(s.safe);
  n.expect(
    held === 1_250_000_000n &&
      value === som("106250000.00") &&
      fresh &&
      Number((await bitcoin.token.assetInfo()).assetClass) === 2,
    `the reserve holds ${formatDecimal(held, 8)} KGBTC (MiningOutput), ` +
      `valued ${formatAmount(value, { decimals: units.decimals, symbol: "som" })} (fresh); ` +
      `documents BTC_AMOUNT and CUSTODY_PROOF attached`,
  );
  const crypto = await collectCryptoHoldings({
    provider: hre.ethers.provider,
    safe: s.safe,
    attestation: at("AttestationRegistry"),
    nativeSymbol: "ETH",
    tokens: [],
  });
  for (const line of formatCryptoHoldings(crypto)) n.say(`reserve Safe crypto holding: ${line}`);
  return { bitcoin, crypto };
}

export async function runMarketScenario(s: MarketScenarioSystem): Promise<MarketScenarioResult> {
  const c = await scenarioContext(s);
  // ---------------------------------------------------------------- licensing
  const { market, now } = await licensingStep(c);
  // ---------------------------------------------------------------- distribution
  await distributionStep(c, market);
  // ---------------------------------------------------------------- redemption
  const redemptions = await redemptionStep(c, market);
  // ---------------------------------------------------------------- crypto reserve
  const { bitcoin, crypto } = await cryptoReserveStep(c, now);
  return { market, redemptions, bitcoin, crypto };
}
