/**
 * Records of asset tokens created after the deployment (by the Safe through the factory): what
 * `safe:status`, `reserve:bitcoin` and the main job write with syncAssetRecords.
 */
import { expect } from "chai";
import hre from "hardhat";
import { readRecords } from "../../src/deploy/records";
import { syncAssetRecords } from "../../src/deploy/assets";
import { deploySystemFixture, loadFixtureWithRoot } from "../helpers/system";

describe("deploy: records of asset tokens created after the deployment", function () {
  it("adds one record per new asset (name, beacon proxy, creation block), none twice, and reads no events when nothing is new", async function () {
    const f = await loadFixtureWithRoot(deploySystemFixture);
    const abi = (await hre.artifacts.readArtifact("AssetToken")).abi;
    const sync = () => syncAssetRecords({ provider: hre.ethers.provider, root: f.root, network: "hardhat", assetTokenAbi: abi });
    expect(await sync()).to.deep.equal([]);
    const a = await f.createAssetAsSafe("cadastral:records-1", "Records Building 1", "RB1", 100n);
    const b = await f.createAssetAsSafe("cadastral:records-2", "Records Building 2", "RB2", 100n);
    const provider = hre.ethers.provider;
    const original = provider.getLogs.bind(provider);
    let getLogsCalls = 0;
    provider.getLogs = async (filter) => {
      getLogsCalls++;
      return original(filter);
    };
    try {
      const added = await sync();
      expect(added.map((r) => [r.name, r.address])).to.deep.equal([["Asset-RB1", await a.getAddress()], ["Asset-RB2", await b.getAddress()]]);
      expect(getLogsCalls).to.be.greaterThan(0);
      const rb1 = readRecords(f.root, "hardhat").find((r) => r.name === "Asset-RB1");
      expect(rb1?.proxy?.kind).to.equal("beacon-proxy");
      expect(rb1?.blockNumber).to.be.greaterThan(0);
      // nothing new: the factory's own list says so, no event is read
      getLogsCalls = 0;
      expect(await sync()).to.deep.equal([]);
      expect(getLogsCalls).to.equal(0);
    } finally {
      provider.getLogs = original;
    }
  });
});
