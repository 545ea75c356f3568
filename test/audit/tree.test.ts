import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NOT_COPIED, copyWorkingTree } from "../../tools/tree";

describe("audit: the working-tree copy coverage runs in (beside the tests)", function () {
  let root: string;

  beforeEach(function () {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "som-audit-root-"));
    const write = (file: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write("contracts/stablecoin/A.sol", "// uncommitted edit\n");
    write("test/a.test.ts", "test\n");
    write("hardhat.config.ts", "config\n");
    write("deployments/sepolia/SomStablecoin.json", "{}\n");
    for (const generated of ["typechain-types/index.ts", "artifacts/x.json", "cache/c.json", "coverage/index.html"])
      write(generated, "generated\n");
    write("deployments/localhost/SomStablecoin.json", "{}\n");
    write("deployments/hardhat/SomStablecoin.json", "{}\n");
    write("keys/custodian-1.json", "secret\n");
    write(".env", "DEPLOYER_PRIVATE_KEY=0x1\n");
    write("node_modules/pkg/index.js", "module.exports = 1;\n");
  });

  afterEach(function () {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("copies the sources as they are on disk, none of the generated, local or secret files, and links node_modules", function () {
    const copy = copyWorkingTree(root);
    try {
      const has = (file: string): boolean => fs.existsSync(path.join(copy.dir, file));
      expect(fs.readFileSync(path.join(copy.dir, "contracts/stablecoin/A.sol"), "utf8")).to.equal(
        "// uncommitted edit\n",
      );
      for (const kept of ["test/a.test.ts", "hardhat.config.ts", "deployments/sepolia/SomStablecoin.json"])
        expect(has(kept), kept).to.equal(true);
      for (const left of [
        "typechain-types",
        "artifacts",
        "cache",
        "coverage",
        "deployments/localhost",
        "deployments/hardhat",
        "keys",
        ".env",
      ])
        expect(has(left), left).to.equal(false);
      expect(fs.lstatSync(path.join(copy.dir, "node_modules")).isSymbolicLink()).to.equal(true);
      expect(fs.readFileSync(path.join(copy.dir, "node_modules/pkg/index.js"), "utf8")).to.contain("module.exports");
      expect(NOT_COPIED).to.include.members(["typechain-types", "artifacts", "cache", ".env", "keys"]);
    } finally {
      copy.remove();
    }
    expect(fs.existsSync(copy.dir)).to.equal(false);
    expect(fs.existsSync(path.join(root, "node_modules/pkg/index.js")), "remove() leaves node_modules").to.equal(true);
  });

  it("withBuild: takes the compiled outputs along, and Hardhat's cache names the copy's own sources (libraries keep their path)", function () {
    const own = path.join(root, "contracts/stablecoin/A.sol");
    const library = path.join(root, "node_modules/@openzeppelin/contracts/utils/Context.sol");
    const cache = {
      _format: "hh-sol-cache-2",
      files: { [own]: { contentHash: "a" }, [library]: { contentHash: "b" } },
    };
    fs.writeFileSync(path.join(root, "cache/solidity-files-cache.json"), JSON.stringify(cache));
    const copy = copyWorkingTree(root, "som-tree-", { withBuild: true });
    try {
      for (const kept of ["typechain-types/index.ts", "artifacts/x.json"])
        expect(fs.existsSync(path.join(copy.dir, kept)), kept).to.equal(true);
      const copied = JSON.parse(fs.readFileSync(path.join(copy.dir, "cache/solidity-files-cache.json"), "utf8")) as {
        files: Record<string, { contentHash: string }>;
      };
      expect(copied.files).to.deep.equal({
        [path.join(copy.dir, "contracts/stablecoin/A.sol")]: { contentHash: "a" },
        [library]: { contentHash: "b" },
      });
      // the checkout's own cache is untouched
      expect(JSON.parse(fs.readFileSync(path.join(root, "cache/solidity-files-cache.json"), "utf8"))).to.deep.equal(
        cache,
      );
    } finally {
      copy.remove();
    }
  });
});
