/**
 * The gas bound the freeze chunks are sized with (src/sanctions/apply.ts FREEZE_BATCH_GAS): what `freezeBatch`
 * really costs beyond its calldata stays under it, for accounts that never held the token (a fresh storage word:
 * the dearest case) and for holders, with the legal reference appended; so no chunk the screening sends can need
 * more than half a block.
 */
import { expect } from "chai";
import hre from "hardhat";
import { getAddress, id } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { FREEZE_BATCH_GAS, calldataGas } from "../../src/sanctions/apply";
import { withReference } from "../../src/sanctions/reference";
import { ACCOUNTS, deploySystemFixture } from "../helpers/system";

describe("sanctions: the freeze chunks' gas bound", function () {
  it("freezeBatch of 1, 100 and 300 accounts, with the reference, stays within base + n · perAccount beyond calldata", async function () {
    const sys = await loadFixture(deploySystemFixture);
    const officer = sys.signers[ACCOUNTS.officer];
    const coin = sys.coin.connect(officer);
    let k = 0;
    for (const n of [1, 100, 300]) {
      const accounts = Array.from({ length: n }, () => getAddress(id(`listed-${k++}`).slice(0, 42)));
      const data = withReference(coin.interface.encodeFunctionData("freezeBatch", [accounts]), {
        listHash: id("list"),
        lists: "KG national list",
        date: "2026-11-02",
        entryIds: accounts.map((_, i) => `KG national list:KG-2026-${i}`),
      });
      const receipt = await (await officer.sendTransaction({ to: await coin.getAddress(), data })).wait();
      const execution = (receipt?.gasUsed ?? 0n) - calldataGas(data);
      expect(execution, `${n} accounts`).to.be.at.most(FREEZE_BATCH_GAS.base + FREEZE_BATCH_GAS.perAccount * BigInt(n));
      // and the bound is not loose by more than a quarter (chunks would be needlessly small)
      expect(Number(execution), `${n} accounts`).to.be.greaterThan(0.75 * Number(FREEZE_BATCH_GAS.perAccount) * n);
      for (const a of accounts.slice(0, 3)) expect(await coin.isFrozen(a)).to.equal(true);
    }
    void hre;
  });
});
