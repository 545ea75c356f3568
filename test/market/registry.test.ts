import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployCounterpartyRegistry } from "../../src/market/deploy";
import {
  counterpartySummaryLine,
  describeCounterparty,
  licenseCounterparty,
  listCounterparties,
  readCounterparty,
  referenceBytes32,
  reinstateCounterparty,
  revokeCounterparty,
  suspendCounterparty,
  MarketError,
} from "../../src/market/counterparties";
import { expectRejects } from "../helpers/rejects";
import { TEN_BILLION_SOM, YEAR, deployMarketFixture, licenceFor } from "./fixture";

const Status = { None: 0, Active: 1, Suspended: 2, Revoked: 3 };
const Category = { Exchange: 0, Exchanger: 1, Bank: 2 };

describe("market: CounterpartyRegistry", function () {
  it("licenses a counterparty with category, licence, expiry, capital and its document; the event carries all of it", async function () {
    const f = await loadFixture(deployMarketFixture);
    const l = await licenceFor("Bank Three", { category: "Bank" });
    await licenseCounterparty(f.registry, f.bank.address, l);
    const c = await f.registry.counterparty(f.bank.address);
    expect([
      c.status,
      c.category,
      c.licenceExpiry,
      c.declaredCapital,
      c.capitalDocHash,
      c.name,
      c.licenceNumber,
    ]).to.deep.equal([
      BigInt(Status.Active),
      BigInt(Category.Bank),
      l.licenceExpiry,
      l.declaredCapital,
      l.capitalDocHash,
      l.name,
      l.licenceNumber,
    ]);
    expect(await f.registry.isEligible(f.bank.address)).to.equal(true);
    const l2 = await licenceFor("Exchange Four");
    await expect(f.registry.license(f.stranger.address, { ...l2, category: 0 }))
      .to.emit(f.registry, "CounterpartyLicensed")
      .withArgs(
        f.stranger.address,
        0,
        l2.name,
        l2.licenceNumber,
        l2.licenceExpiry,
        l2.declaredCapital,
        l2.capitalDocHash,
      );
    expect(await f.registry.counterpartyCount()).to.equal(4n);
    expect(await f.registry.counterpartyAt(3n)).to.equal(f.stranger.address);
  });

  it("an expired licence stops eligibility by itself, without any transaction", async function () {
    const f = await loadFixture(deployMarketFixture);
    const c = await f.registry.counterparty(f.exchange.address);
    expect(await f.registry.isEligible(f.exchange.address)).to.equal(true);
    await time.increaseTo(c.licenceExpiry - 1n);
    expect(await f.registry.isEligible(f.exchange.address)).to.equal(true);
    await time.increaseTo(c.licenceExpiry);
    expect(await f.registry.isEligible(f.exchange.address)).to.equal(false);
    // renewal restores it
    const expiry = BigInt(await time.latest()) + YEAR;
    await expect(f.registry.renewLicence(f.exchange.address, "NBKR-EXC-02", expiry))
      .to.emit(f.registry, "LicenceRenewed")
      .withArgs(f.exchange.address, "NBKR-EXC-02", c.licenceExpiry, expiry);
    expect(await f.registry.isEligible(f.exchange.address)).to.equal(true);
    expect((await f.registry.counterparty(f.exchange.address)).licenceNumber).to.equal("NBKR-EXC-02");
  });

  it("suspension stops eligibility, reinstatement restores it, revocation ends it; each emits StatusChanged", async function () {
    const f = await loadFixture(deployMarketFixture);
    const a = f.exchange.address;
    const ref = referenceBytes32("NBKR-DEC-2026-11");
    await expect(f.registry.suspend(a, ref))
      .to.emit(f.registry, "StatusChanged")
      .withArgs(a, Status.Active, Status.Suspended, ref);
    expect(await f.registry.isEligible(a)).to.equal(false);
    await expect(f.registry.suspend(a, ref))
      .to.be.revertedWithCustomError(f.registry, "CounterpartyRegistryWrongStatus")
      .withArgs(a, Status.Suspended);
    await expect(f.registry.reinstate(a, ref))
      .to.emit(f.registry, "StatusChanged")
      .withArgs(a, Status.Suspended, Status.Active, ref);
    expect(await f.registry.isEligible(a)).to.equal(true);
    await expect(f.registry.reinstate(a, ref))
      .to.be.revertedWithCustomError(f.registry, "CounterpartyRegistryWrongStatus")
      .withArgs(a, Status.Active);
    await expect(f.registry.revoke(a, ref))
      .to.emit(f.registry, "StatusChanged")
      .withArgs(a, Status.Active, Status.Revoked, ref);
    expect(await f.registry.isEligible(a)).to.equal(false);
    await expect(f.registry.revoke(a, ref))
      .to.be.revertedWithCustomError(f.registry, "CounterpartyRegistryNotLicensed")
      .withArgs(a);
    await expect(f.registry.renewLicence(a, "X", BigInt(await time.latest()) + YEAR)).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryNotLicensed",
    );
    // a revoked counterparty may be licensed again (listed once)
    const before = await f.registry.counterpartyCount();
    await licenseCounterparty(f.registry, a, await licenceFor("Exchange One"));
    expect(await f.registry.isEligible(a)).to.equal(true);
    expect(await f.registry.counterpartyCount()).to.equal(before);
    // a suspended one can be revoked too
    await f.registry.suspend(f.exchanger.address, ref);
    await expect(f.registry.revoke(f.exchanger.address, ref))
      .to.emit(f.registry, "StatusChanged")
      .withArgs(f.exchanger.address, Status.Suspended, Status.Revoked, ref);
  });

  it("refuses bad licences: zero address, already licensed, empty fields, past expiry, capital below the category's minimum", async function () {
    const f = await loadFixture(deployMarketFixture);
    const l = await licenceFor("Bank Three", { category: "Bank" });
    const raw = { ...l, category: Category.Bank };
    await expect(f.registry.license(ethers.ZeroAddress, raw)).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryZeroAddress",
    );
    await expect(f.registry.license(f.exchange.address, raw))
      .to.be.revertedWithCustomError(f.registry, "CounterpartyRegistryAlreadyLicensed")
      .withArgs(f.exchange.address);
    await f.registry.suspend(f.exchange.address, ethers.ZeroHash);
    await expect(f.registry.license(f.exchange.address, raw)).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryAlreadyLicensed",
    );
    await expect(f.registry.license(f.bank.address, { ...raw, name: "" })).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryEmptyField",
    );
    await expect(f.registry.license(f.bank.address, { ...raw, licenceNumber: "" })).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryEmptyField",
    );
    await expect(
      f.registry.license(f.bank.address, { ...raw, capitalDocHash: ethers.ZeroHash }),
    ).to.be.revertedWithCustomError(f.registry, "CounterpartyRegistryEmptyField");
    const now = BigInt(await time.latest());
    await expect(f.registry.license(f.bank.address, { ...raw, licenceExpiry: now })).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryExpiryNotInFuture",
    );
    // 10 billion som of capital for exchanges (from 1 January 2026), set by the Safe (default admin)
    await expect(f.registry.connect(f.reserve).setMinimumCapital(Category.Exchange, TEN_BILLION_SOM))
      .to.emit(f.registry, "MinimumCapitalSet")
      .withArgs(Category.Exchange, 0n, TEN_BILLION_SOM);
    expect(await f.registry.minimumCapital(Category.Exchange)).to.equal(TEN_BILLION_SOM);
    await expect(
      f.registry.license(f.bank.address, {
        ...raw,
        category: Category.Exchange,
        declaredCapital: TEN_BILLION_SOM - 1n,
      }),
    )
      .to.be.revertedWithCustomError(f.registry, "CounterpartyRegistryCapitalBelowMinimum")
      .withArgs(Category.Exchange, TEN_BILLION_SOM - 1n, TEN_BILLION_SOM);
    await expect(f.registry.renewLicence(f.exchanger.address, "", now + YEAR)).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryEmptyField",
    );
    await expect(f.registry.renewLicence(f.exchanger.address, "N", now)).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryExpiryNotInFuture",
    );
  });

  it("declared capital is updated with its document, checked against the minimum", async function () {
    const f = await loadFixture(deployMarketFixture);
    const doc = ethers.id("audited capital 2026");
    await expect(f.registry.declareCapital(f.exchange.address, 12n * TEN_BILLION_SOM, doc))
      .to.emit(f.registry, "CapitalDeclared")
      .withArgs(f.exchange.address, TEN_BILLION_SOM, 12n * TEN_BILLION_SOM, doc);
    await f.registry.connect(f.reserve).setMinimumCapital(Category.Exchange, 13n * TEN_BILLION_SOM);
    await expect(
      f.registry.declareCapital(f.exchange.address, 12n * TEN_BILLION_SOM, doc),
    ).to.be.revertedWithCustomError(f.registry, "CounterpartyRegistryCapitalBelowMinimum");
    await expect(f.registry.declareCapital(f.bank.address, 1n, doc)).to.be.revertedWithCustomError(
      f.registry,
      "CounterpartyRegistryNotLicensed",
    );
  });

  it("roles: only the regulator writes counterparties, only the admin sets minimums, only the upgrader upgrades", async function () {
    const f = await loadFixture(deployMarketFixture);
    const l = { ...(await licenceFor("X")), category: 0 };
    const REGULATOR = await f.registry.REGULATOR_ROLE();
    const asStranger = f.registry.connect(f.stranger);
    for (const p of [
      () => asStranger.license(f.bank.address, l),
      () => asStranger.suspend(f.exchange.address, ethers.ZeroHash),
      () => asStranger.reinstate(f.exchange.address, ethers.ZeroHash),
      () => asStranger.revoke(f.exchange.address, ethers.ZeroHash),
      () => asStranger.renewLicence(f.exchange.address, "N", 1n),
      () => asStranger.declareCapital(f.exchange.address, 1n, ethers.ZeroHash),
    ]) {
      await expect(p())
        .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, REGULATOR);
    }
    await expect(f.registry.setMinimumCapital(0, 1n)).to.be.revertedWithCustomError(
      f.registry,
      "AccessControlUnauthorizedAccount",
    );
    expect(await f.registry.owner()).to.equal(f.reserve.address);
    expect(await f.registry.hasRole(await f.registry.UPGRADER_ROLE(), f.reserve.address)).to.equal(true);
    const V2 = await ethers.getContractFactory("CounterpartyRegistry", f.stranger);
    await expect(
      upgrades.upgradeProxy(await f.registry.getAddress(), V2, { kind: "uups" }),
    ).to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount");
    await upgrades.upgradeProxy(
      await f.registry.getAddress(),
      await ethers.getContractFactory("CounterpartyRegistry", f.reserve),
      { kind: "uups" },
    );
    expect(await f.registry.isEligible(f.exchange.address)).to.equal(true);
  });

  it("initialize: once, zero regulator or upgrader refused; the implementation cannot be initialized", async function () {
    const f = await loadFixture(deployMarketFixture);
    const [admin] = await ethers.getSigners();
    const R = await ethers.getContractFactory("CounterpartyRegistry");
    await expect(
      deployCounterpartyRegistry(hre, {
        deployer: admin,
        admin: admin.address,
        regulator: ethers.ZeroAddress,
        upgrader: admin.address,
      }),
    ).to.be.revertedWithCustomError(R, "CounterpartyRegistryZeroAddress");
    await expect(
      deployCounterpartyRegistry(hre, {
        deployer: admin,
        admin: admin.address,
        regulator: admin.address,
        upgrader: ethers.ZeroAddress,
      }),
    ).to.be.revertedWithCustomError(R, "CounterpartyRegistryZeroAddress");
    await expect(f.registry.initialize(0, admin.address, admin.address, admin.address)).to.be.revertedWithCustomError(
      f.registry,
      "InvalidInitialization",
    );
    const impl = await ethers.getContractAt(
      "CounterpartyRegistry",
      await upgrades.erc1967.getImplementationAddress(await f.registry.getAddress()),
    );
    await expect(impl.initialize(0, admin.address, admin.address, admin.address)).to.be.revertedWithCustomError(
      impl,
      "InvalidInitialization",
    );
  });

  it("storage layout (pinned): ERC-7201 namespace, status | category | expiry in one slot, then capital, document, name, licence number", async function () {
    const f = await loadFixture(deployMarketFixture);
    const base = BigInt("0x463a767ec37067b85d8e61ed96d9fdf0b116b73915305250fa9ac58ad9b18000");
    const inner = BigInt(ethers.keccak256(ethers.toUtf8Bytes("som.storage.CounterpartyRegistry"))) - 1n;
    expect(BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner]))) & ~0xffn).to.equal(
      base,
    );
    const addr = await f.registry.getAddress();
    const entry = BigInt(
      ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [f.exchanger.address, base])),
    );
    const c = await f.registry.counterparty(f.exchanger.address);
    const word = async (slot: bigint) => BigInt(await ethers.provider.getStorage(addr, slot));
    expect(await word(entry)).to.equal(
      BigInt(Status.Active) | (BigInt(Category.Exchanger) << 8n) | (c.licenceExpiry << 16n),
    );
    expect(await word(entry + 1n)).to.equal(c.declaredCapital);
    expect(ethers.toBeHex(await word(entry + 2n), 32)).to.equal(c.capitalDocHash);
    // short strings: bytes left-aligned, length * 2 in the low byte
    expect((await word(entry + 3n)) & 0xffn).to.equal(BigInt(c.name.length * 2));
    expect((await word(entry + 4n)) & 0xffn).to.equal(BigInt(c.licenceNumber.length * 2));
    // accounts array length at base + 1; minimum capital mapping at base + 2
    expect(await word(base + 1n)).to.equal(2n);
    await f.registry.connect(f.reserve).setMinimumCapital(Category.Bank, 77n);
    const minSlot = BigInt(
      ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint8", "uint256"], [Category.Bank, base + 2n])),
    );
    expect(await word(minSlot)).to.equal(77n);
  });

  it("library: reads, lists and describes counterparties for the custodian summary", async function () {
    const f = await loadFixture(deployMarketFixture);
    const info = await readCounterparty(f.registry, f.exchange.address);
    expect(info?.name).to.equal("Exchange One");
    expect(info?.category).to.equal("Exchange");
    expect(await readCounterparty(f.registry, f.stranger.address)).to.equal(undefined);
    expect((await listCounterparties(f.registry)).map((c) => c.name)).to.deep.equal(["Exchange One", "Exchanger Two"]);
    expect(await describeCounterparty(f.registry, f.exchange.address)).to.match(
      /is Exchange One \(exchange, licence NBKR-EXC-01 until \d{4}-\d\d-\d\d, eligible\)/,
    );
    expect(await describeCounterparty(f.registry, f.stranger.address)).to.match(/NOT a licensed counterparty/);
    await suspendCounterparty(f.registry, f.exchange.address, "DEC-1");
    expect(await describeCounterparty(f.registry, f.exchange.address)).to.match(/NOT eligible: suspended/);
    await reinstateCounterparty(f.registry, f.exchange.address, "DEC-2");
    expect(counterpartySummaryLine(info, f.exchange.address, (info?.licenceExpiry ?? 0n) + 1n)).to.match(
      /NOT eligible: licence expired/,
    );
    expect(counterpartySummaryLine(info ? { ...info, eligible: false } : undefined, f.exchange.address, 0n)).to.match(
      /NOT eligible\)/,
    );
    await revokeCounterparty(f.registry, f.exchanger.address, "DEC-3");
    expect(await describeCounterparty(f.registry, f.exchanger.address)).to.match(/NOT eligible: revoked/);
    expect(() => referenceBytes32("x".repeat(32))).to.throw(MarketError, /longer than 31 bytes/);
    expect(referenceBytes32(ethers.ZeroHash)).to.equal(ethers.ZeroHash);
    await expectRejects(
      licenseCounterparty(f.registry, f.bank.address, { ...(await licenceFor("B")), category: "Casino" as never }),
      /unknown category/,
      MarketError,
    );
  });
});
