import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { SolcVersionMismatchError, resolveSolcJsBuild } from "../../tools/solc";
import { PROJECT_ROOT, runHardhat } from "../helpers/cli";
import { SOLC_VERSION } from "../../hardhat.config";

describe("foundation: offline solc", function () {
  it("pins the npm solc package to the version hardhat.config.ts names", function () {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies.solc).to.equal(SOLC_VERSION);
    const build = resolveSolcJsBuild(SOLC_VERSION, PROJECT_ROOT);
    expect(build.isSolcJs).to.equal(true);
    expect(build.longVersion.startsWith(`${SOLC_VERSION}+commit.`)).to.equal(true);
    expect(fs.existsSync(build.compilerPath)).to.equal(true);
  });

  it("names both versions and the fix when they differ", function () {
    expect(() => resolveSolcJsBuild("0.8.99", PROJECT_ROOT))
      .to.throw(SolcVersionMismatchError)
      .with.property("message")
      .that.contains("asks for solc 0.8.99")
      .and.contains(`is ${SOLC_VERSION}`)
      .and.contains("npm install --save-dev --save-exact solc@0.8.99");
  });

  it("a config whose pinned version alone changed fails clearly: no download, no stack trace", function () {
    const original = fs.readFileSync(path.join(PROJECT_ROOT, "hardhat.config.ts"), "utf8");
    const changed = original.replace(`SOLC_VERSION = "${SOLC_VERSION}"`, `SOLC_VERSION = "0.8.29"`);
    expect(changed).to.not.equal(original);
    const tmpConfig = path.join(PROJECT_ROOT, "hardhat.solc-mismatch.tmp.config.ts");
    fs.writeFileSync(tmpConfig, changed);
    try {
      const res = runHardhat(["--config", tmpConfig, "compile"]);
      expect(res.status).to.not.equal(0);
      expect(res.output).to.contain(
        `hardhat.config.ts asks for solc 0.8.29 but the installed npm package "solc" is ${SOLC_VERSION}`,
      );
      expect(res.output).to.not.match(/Downloading compiler|couldn.t download|HH501|HH502/i);
      expect(res.output).to.not.match(/\n\s+at .+\(.+:\d+:\d+\)/);
    } finally {
      fs.rmSync(tmpConfig, { force: true });
    }
  });
});
