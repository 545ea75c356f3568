/** The kernel's one Interface per ABI (src/chain/interfaces.ts). */
import { expect } from "chai";
import { interfaceOf } from "../../src/chain/interfaces";

describe("chain: one ethers Interface per ABI", function () {
  const abi = () => [
    { type: "function", name: "f", inputs: [{ name: "x", type: "uint256" }], outputs: [], stateMutability: "view" },
  ];

  it("serves one instance for the same ABI, whether the same object, a copy read again, or its JSON text", function () {
    const a = abi();
    const first = interfaceOf(a);
    expect(interfaceOf(a)).to.equal(first);
    expect(interfaceOf(abi())).to.equal(first);
    expect(interfaceOf(JSON.stringify(abi()))).to.equal(first);
    expect(first.getFunction("f")?.selector).to.equal("0xb3de648b");
  });

  it("builds another for a different ABI", function () {
    const other = [{ ...abi()[0], name: "g" }];
    expect(interfaceOf(other)).to.not.equal(interfaceOf(abi()));
    expect(interfaceOf(other).getFunction("g")).to.not.equal(null);
  });
});
