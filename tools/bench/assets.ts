/**
 * Gas of the asset token through its beacon proxy (receipt gasUsed, each operation its own
 * transaction). Anchors (T-REX 4.1.6, see ../shared anchors/gas.md) and targets:
 *   asset.transfer        211,723 → <= 65,000  (two verified holders with balances)
 *   asset.mint            206,563 → <= 80,000  (into the reserve, which already holds shares)
 *   asset.forcedTransfer ~198,625 → <= 80,000  (with a legal-order reference, to a holder with a balance)
 *   asset.transferWithCountryRule  T-REX with a country module: over 211,723 → <= 65,000
 *                                  (both verified with balances, the asset restricted to a list of countries)
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { encodeBytes32String } from "ethers";
import { AssetValuationSourceMock__factory } from "../../typechain-types/factories/contracts/mocks/AssetValuationSourceMock__factory";
import { assetIdFrom, createAsset, deployAssetStack } from "../../src/assets";
import { gasOf, type GasSuite } from "../gas/suite";

const YEAR = 365 * 24 * 60 * 60;

export const assetsGasSuite: GasSuite = {
  name: "assets",
  async measure(hre: HardhatRuntimeEnvironment) {
    const [
      deployer,
      kyc,
      upgrader,
      reserve,
      creator,
      issuer,
      enforcer,
      pauser,
      admin,
      alice,
      bob,
      attestor,
      carol,
      dan,
    ] = await hre.ethers.getSigners();
    const source = await new AssetValuationSourceMock__factory(deployer).deploy([attestor.address], 1, YEAR);
    const { identityRegistry, factory } = await deployAssetStack(hre, {
      deployer,
      admin: admin.address,
      kycOfficer: kyc.address,
      upgrader: upgrader.address,
      reserve: reserve.address,
      creator: creator.address,
      valuationSource: await source.getAddress(),
    });
    const expiry = (await hre.ethers.provider.getBlock("latest"))!.timestamp + YEAR;
    await identityRegistry
      .connect(kyc)
      .registerIdentities(
        [alice.address, bob.address, carol.address, dan.address],
        [417, 417, 398, 417],
        [expiry, expiry, expiry, expiry],
      );
    const { token } = await createAsset(factory.connect(creator), {
      assetId: assetIdFrom("cadastral:bench-1"),
      name: "Bench Building",
      symbol: "BLDG1",
      decimals: 0,
      assetClass: 0,
      jurisdiction: 417,
      custodian: admin.address,
      totalShares: 1_000_000n,
      admin: admin.address,
      issuer: issuer.address,
      enforcer: enforcer.address,
      pauser: pauser.address,
    });
    await (await token.connect(issuer).mint(10_000n)).wait();
    await (await token.connect(reserve).transfer(alice.address, 1_000n)).wait();
    await (await token.connect(reserve).transfer(bob.address, 1_000n)).wait();

    // A second asset restricted to a list of countries (Kyrgyzstan and Kazakhstan), e.g. the land rule.
    const { token: land } = await createAsset(factory.connect(creator), {
      assetId: assetIdFrom("cadastral:bench-land-1"),
      name: "Bench Farmland",
      symbol: "LAND1",
      decimals: 0,
      assetClass: 0,
      jurisdiction: 417,
      custodian: admin.address,
      totalShares: 1_000_000n,
      admin: admin.address,
      issuer: issuer.address,
      enforcer: enforcer.address,
      pauser: pauser.address,
    });
    await (await land.connect(admin).setAllowedCountries([417, 398])).wait();
    await (await land.connect(issuer).mint(10_000n)).wait();
    await (await land.connect(reserve).transfer(carol.address, 1_000n)).wait();
    await (await land.connect(reserve).transfer(dan.address, 1_000n)).wait();

    return {
      "asset.transfer": await gasOf(token.connect(alice).transfer(bob.address, 10n)),
      "asset.transferWithCountryRule": await gasOf(land.connect(carol).transfer(dan.address, 10n)),
      "asset.mint": await gasOf(token.connect(issuer).mint(1_000n)),
      "asset.forcedTransfer": await gasOf(
        token
          .connect(enforcer)
          ["forcedTransfer(address,address,uint256,bytes32)"](
            alice.address,
            bob.address,
            10n,
            encodeBytes32String("court:2026/123"),
          ),
      ),
    };
  },
};
