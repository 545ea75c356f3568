import { expect } from "chai";
import fc from "fast-check";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { MAX_RESERVE_AGE, RESERVES, SOM_RESERVES, deployFeed, deployStablecoinFixture, tokenSettings } from "./fixture";
import { deployStablecoin } from "../../src/stablecoin/deploy";

/**
 * The token's reserve rules hold whatever the supply controller allows: these tests make the
 * minter account itself the supply controller, so that no allowance or rate limit gets in the way.
 */
async function directMintFixture() {
  const f = await deployStablecoinFixture();
  await f.token.connect(f.admin).setSupplyController(f.minter.address);
  return f;
}

describe("stablecoin: reserve-backed mints", function () {
  it("initialization caches the feed's report", async function () {
    const { token, feed } = await loadFixture(directMintFixture);
    const [, asOf] = await feed.latestReport(SOM_RESERVES);
    expect(await token.reserveSnapshot()).to.deep.equal([RESERVES, asOf, BigInt(MAX_RESERVE_AGE)]);
    expect(await token.reserveFeed()).to.equal(await feed.getAddress());
    expect(await token.SOM_RESERVES()).to.equal(SOM_RESERVES);
  });

  it("mints exactly up to the reserves and not one unit more", async function () {
    const { token, minter } = await loadFixture(directMintFixture);
    const supply = await token.totalSupply();
    await expect(token.connect(minter).mint(RESERVES - supply + 1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsReserves")
      .withArgs(supply, RESERVES - supply + 1n, RESERVES);
    await token.connect(minter).mint(RESERVES - supply);
    expect(await token.totalSupply()).to.equal(RESERVES);
    await expect(token.connect(minter).mint(1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsReserves")
      .withArgs(RESERVES, 1n, RESERVES);
    await expect(token.connect(minter).mint(ethers.MaxUint256))
      .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsReserves")
      .withArgs(RESERVES, ethers.MaxUint256, RESERVES);
  });

  it("reverts when the reserves fell below the supply", async function () {
    const { token, feed, minter } = await loadFixture(directMintFixture);
    const supply = await token.totalSupply();
    await feed.setReportAndNotify(SOM_RESERVES, supply - 1n, await time.latest(), await token.getAddress());
    await expect(token.connect(minter).mint(1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsReserves")
      .withArgs(supply, 1n, supply - 1n);
  });

  it("reverts with a stale attestation, accepts one exactly maxAge old", async function () {
    const { token, minter } = await loadFixture(directMintFixture);
    const [, asOf] = await token.reserveSnapshot();
    await time.setNextBlockTimestamp(asOf + BigInt(MAX_RESERVE_AGE));
    await token.connect(minter).mint(1n);
    await time.setNextBlockTimestamp(asOf + BigInt(MAX_RESERVE_AGE) + 1n);
    await expect(token.connect(minter).mint(1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinReserveAttestationStale")
      .withArgs(asOf, MAX_RESERVE_AGE, asOf + BigInt(MAX_RESERVE_AGE) + 1n);
  });

  it("a new attestation pushed by the registry callback revives minting in the same transaction", async function () {
    const { token, feed, minter } = await loadFixture(directMintFixture);
    await time.increase(MAX_RESERVE_AGE + 10);
    await expect(token.connect(minter).mint(1n)).to.be.revertedWithCustomError(
      token,
      "SomStablecoinReserveAttestationStale",
    );
    const [oldReserves, oldAsOf] = await token.reserveSnapshot();
    const asOf = BigInt(await time.latest());
    await expect(feed.setReportAndNotify(SOM_RESERVES, RESERVES * 2n, asOf, await token.getAddress()))
      .to.emit(token, "ReservesSynced")
      .withArgs(oldReserves, RESERVES * 2n, oldAsOf, asOf);
    expect(await token.reserveSnapshot()).to.deep.equal([RESERVES * 2n, asOf, BigInt(MAX_RESERVE_AGE)]);
    await token.connect(minter).mint(1n);
  });

  it("attestationUpdated ignores other subjects; anyone may call it and syncReserves", async function () {
    const { token, feed, other } = await loadFixture(directMintFixture);
    const before = await token.reserveSnapshot();
    await feed.setReport(SOM_RESERVES, 7n, await time.latest());
    await expect(token.connect(other).attestationUpdated(ethers.encodeBytes32String("ASSET-1"))).to.not.emit(
      token,
      "ReservesSynced",
    );
    expect(await token.reserveSnapshot()).to.deep.equal(before);
    await expect(token.connect(other).syncReserves()).to.emit(token, "ReservesSynced");
    expect((await token.reserveSnapshot())[0]).to.equal(7n);
    await feed.setReport(SOM_RESERVES, 8n, await time.latest());
    await token.connect(other).attestationUpdated(SOM_RESERVES);
    expect((await token.reserveSnapshot())[0]).to.equal(8n);
  });

  it("a post-dated report (the registry accepts one within its future skew) is cached as of the block: no revert", async function () {
    const { token, feed } = await loadFixture(directMintFixture);
    const future = BigInt(await time.latest()) + 60n;
    await feed.setReport(SOM_RESERVES, 5n, future);
    const tx = token.syncReserves();
    await expect(tx).to.not.be.reverted;
    const block = BigInt(await time.latest());
    expect(await token.reserveSnapshot()).to.deep.equal([5n, block, BigInt(MAX_RESERVE_AGE)]);
  });

  it("a post-dated report never extends freshness: stale maxAge after the syncing block, not after its asOf", async function () {
    const { token, feed, minter, admin } = await loadFixture(directMintFixture);
    await token.connect(admin).setMaxReserveAge(600);
    await feed.setReport(SOM_RESERVES, RESERVES, BigInt(await time.latest()) + 300n);
    await token.syncReserves();
    const syncedAt = BigInt(await time.latest());
    await time.setNextBlockTimestamp(syncedAt + 600n);
    await token.connect(minter).mint(1n); // exactly maxAge after the block: still fresh
    await time.setNextBlockTimestamp(syncedAt + 601n);
    // the report's own asOf + maxAge is 300 s later, but the cache counts from the block
    await expect(token.connect(minter).mint(1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinReserveAttestationStale")
      .withArgs(syncedAt, 600n, syncedAt + 601n);
  });

  it("regression: re-syncing the same post-dated report never moves its effective asOf nor its freshness deadline forward", async function () {
    const { token, feed, minter, admin, other } = await loadFixture(directMintFixture);
    await token.connect(admin).setMaxReserveAge(600);
    const reportAsOf = BigInt(await time.latest()) + 300n;
    await feed.setReport(SOM_RESERVES, RESERVES, reportAsOf);
    await token.syncReserves();
    const syncedAt = BigInt(await time.latest());
    expect((await token.reserveSnapshot())[1]).to.equal(syncedAt);
    // anyone re-syncs the same report, by both paths, before and after its own asOf
    await time.setNextBlockTimestamp(syncedAt + 200n);
    await expect(token.connect(other).syncReserves())
      .to.emit(token, "ReservesSynced")
      .withArgs(RESERVES, RESERVES, syncedAt, syncedAt);
    await time.setNextBlockTimestamp(syncedAt + 400n); // past the report's asOf
    await token.connect(other).attestationUpdated(SOM_RESERVES);
    expect(await token.reserveSnapshot()).to.deep.equal([RESERVES, syncedAt, 600n]);
    // the deadline is still the first sync's block + maxAge
    await time.setNextBlockTimestamp(syncedAt + 600n);
    await token.connect(minter).mint(1n);
    await time.setNextBlockTimestamp(syncedAt + 601n);
    await expect(token.connect(minter).mint(1n))
      .to.be.revertedWithCustomError(token, "SomStablecoinReserveAttestationStale")
      .withArgs(syncedAt, 600n, syncedAt + 601n);
  });

  it("after a post-dated report, a new report (another asOf) is cached as min(its asOf, the block) again", async function () {
    const { token, feed } = await loadFixture(directMintFixture);
    const t0 = BigInt(await time.latest());
    await feed.setReport(SOM_RESERVES, 5n, t0 + 300n);
    await token.syncReserves();
    const firstSync = BigInt(await time.latest());
    // a newer post-dated report: cached as of its own first sync
    await feed.setReport(SOM_RESERVES, 6n, t0 + 500n);
    await time.setNextBlockTimestamp(firstSync + 10n);
    await expect(token.syncReserves())
      .to.emit(token, "ReservesSynced")
      .withArgs(5n, 6n, firstSync, firstSync + 10n);
    // an honest report: its own asOf, and re-syncing it keeps it
    await time.increase(1_000);
    const honest = BigInt(await time.latest()) - 50n;
    await feed.setReport(SOM_RESERVES, 7n, honest);
    await token.syncReserves();
    await token.syncReserves();
    expect((await token.reserveSnapshot())[1]).to.equal(honest);
  });

  it("a report dated in the past is cached with its own asOf", async function () {
    const { token, feed } = await loadFixture(directMintFixture);
    const past = BigInt(await time.latest()) - 100n;
    await feed.setReport(SOM_RESERVES, 6n, past);
    await token.syncReserves();
    expect((await token.reserveSnapshot())[1]).to.equal(past);
  });

  it("a feed that never reported leaves minting stale", async function () {
    const { token, admin, minter } = await loadFixture(directMintFixture);
    const empty = await deployFeed();
    await token.connect(admin).setReserveFeed(await empty.getAddress());
    expect(await token.reserveSnapshot()).to.deep.equal([0n, 0n, BigInt(MAX_RESERVE_AGE)]);
    await expect(token.connect(minter).mint(1n)).to.be.revertedWithCustomError(
      token,
      "SomStablecoinReserveAttestationStale",
    );
  });

  describe("admin settings", function () {
    it("setReserveFeed syncs immediately and emits the old and new feed", async function () {
      const { token, feed, admin } = await loadFixture(directMintFixture);
      const next = await deployFeed(2);
      await next.setReport(SOM_RESERVES, 12_345n, await time.latest());
      await expect(token.connect(admin).setReserveFeed(await next.getAddress()))
        .to.emit(token, "ReserveFeedUpdated")
        .withArgs(await feed.getAddress(), await next.getAddress())
        .and.to.emit(token, "ReservesSynced");
      expect((await token.reserveSnapshot())[0]).to.equal(12_345n);
    });

    it("setReserveFeed rejects the zero address", async function () {
      const { token, admin } = await loadFixture(directMintFixture);
      await expect(token.connect(admin).setReserveFeed(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidReserveFeed")
        .withArgs(ethers.ZeroAddress);
    });

    it("setMaxReserveAge updates the age checked by mints and rejects zero", async function () {
      const { token, admin, minter } = await loadFixture(directMintFixture);
      await expect(token.connect(admin).setMaxReserveAge(60))
        .to.emit(token, "MaxReserveAgeUpdated")
        .withArgs(MAX_RESERVE_AGE, 60);
      expect((await token.reserveSnapshot())[2]).to.equal(60n);
      await time.increase(61);
      await expect(token.connect(minter).mint(1n)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinReserveAttestationStale",
      );
      await expect(token.connect(admin).setMaxReserveAge(0))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidMaxReserveAge")
        .withArgs(0);
      // the age is stored in 40 bits
      await expect(token.connect(admin).setMaxReserveAge(1n << 40n))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidMaxReserveAge")
        .withArgs(1n << 40n);
      await token.connect(admin).setMaxReserveAge((1n << 40n) - 1n);
    });
  });

  describe("decimal conversion between feed and token", function () {
    async function withFeedDecimals(feedDecimals: number, value: bigint, tokenDecimals = 2) {
      const { admin, reserve } = await loadFixture(directMintFixture);
      const feed = await deployFeed(feedDecimals);
      await feed.setReport(SOM_RESERVES, value, await time.latest());
      const token = await deployStablecoin(hre, admin, admin.address, 0, {
        ...tokenSettings(reserve.address, await feed.getAddress()),
        decimals: tokenDecimals,
        maxReserveAge: 3600,
      });
      return { token, feed, admin };
    }

    it("feed decimals above token decimals: floor division (reserves rounded down), no revert", async function () {
      // 123.45678900 som at 8 decimals -> 12,345 tyiyn (the 0.6789 tyiyn is dropped)
      const { token } = await withFeedDecimals(8, 123_456_789_00n);
      expect((await token.reserveSnapshot())[0]).to.equal(12_345n);
    });

    it("feed decimals far above token decimals (>= 78 more) give zero, not a revert", async function () {
      const { token } = await withFeedDecimals(80, ethers.MaxUint256);
      expect((await token.reserveSnapshot())[0]).to.equal(0n);
    });

    it("feed decimals below token decimals: exact multiplication", async function () {
      const { token } = await withFeedDecimals(0, 1_234n);
      expect((await token.reserveSnapshot())[0]).to.equal(123_400n);
    });

    it("feed decimals below token decimals: the largest value that fits times ten is converted (capped), not refused", async function () {
      // (mutation testing: SomStablecoin:boundary:L346:8d2eb33e)
      const { token } = await withFeedDecimals(1, ethers.MaxUint256 / 10n);
      expect((await token.reserveSnapshot())[0]).to.equal(2n ** 120n - 1n);
    });

    it("feed decimals equal to token decimals: as is", async function () {
      const { token } = await withFeedDecimals(2, 99n);
      expect((await token.reserveSnapshot())[0]).to.equal(99n);
    });

    it("a product that overflows reverts with a custom error", async function () {
      const { token, feed } = await withFeedDecimals(0, 1n, 18);
      await feed.setReport(SOM_RESERVES, ethers.MaxUint256 / 10n ** 17n, await time.latest());
      await expect(token.syncReserves())
        .to.be.revertedWithCustomError(token, "SomStablecoinReserveConversionOverflow")
        .withArgs(ethers.MaxUint256 / 10n ** 17n, 0, 18);
    });

    it("values of 2**120 token units or more are capped at 2**120 - 1 (conservative)", async function () {
      const { token } = await withFeedDecimals(2, ethers.MaxUint256);
      expect((await token.reserveSnapshot())[0]).to.equal((1n << 120n) - 1n);
    });

    it("mints are checked in token units after conversion", async function () {
      const { token, admin } = await withFeedDecimals(6, 10_000_000n); // 10 som = 1,000 tyiyn
      const [, , , minter] = await ethers.getSigners();
      await token.connect(admin).setSupplyController(minter.address);
      await expect(token.connect(minter).mint(1_001n)).to.be.revertedWithCustomError(
        token,
        "SomStablecoinMintExceedsReserves",
      );
      await token.connect(minter).mint(1_000n);
    });

    it("property: the cache equals floor(value * 10**tokenDecimals / 10**feedDecimals), capped at 2**120 - 1", async function () {
      const { token, feed } = await loadFixture(directMintFixture);
      const cap = (1n << 120n) - 1n;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 40 }),
          fc.bigInt({ min: 0n, max: (1n << 200n) - 1n }),
          async (fd, value) => {
            await feed.setDecimals(fd);
            await feed.setReport(SOM_RESERVES, value, await time.latest());
            await token.syncReserves();
            const exact = fd >= 2 ? value / 10n ** BigInt(fd - 2) : value * 10n ** BigInt(2 - fd);
            expect((await token.reserveSnapshot())[0]).to.equal(exact > cap ? cap : exact);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
