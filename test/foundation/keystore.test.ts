import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet } from "ethers";
import { KeystoreError, decryptKeystore, readPassword, writeKeystore } from "../../src/chain/keystore";

describe("foundation: encrypted keystores", function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ks-"));

  it("round-trips a key through an encrypted keystore file", async function () {
    const wallet = Wallet.createRandom();
    const file = path.join(dir, "k.json");
    await writeKeystore(file, new Wallet(wallet.privateKey), "pw", true);
    expect(fs.readFileSync(file, "utf8")).to.not.contain(wallet.privateKey.slice(2));
    const back = await decryptKeystore(file, "pw");
    expect(back.address).to.equal(wallet.address);
  });

  it("names the file, never the password, on a wrong password or a missing file", async function () {
    const file = path.join(dir, "k.json");
    await decryptKeystore(file, "secret-guess").then(
      () => expect.fail("decrypted with a wrong password"),
      (e: Error) => {
        expect(e).to.be.instanceOf(KeystoreError);
        expect(e.message).to.contain(file).and.not.contain("secret-guess");
      },
    );
    await decryptKeystore(path.join(dir, "none.json"), "pw").then(
      () => expect.fail("decrypted a missing file"),
      (e: Error) => expect(e.message).to.contain("not found"),
    );
  });

  it("reads the password from the environment first, else requires a prompt", async function () {
    process.env.KS_TEST_PW = "from-env";
    expect(await readPassword({ envVar: "KS_TEST_PW" }, "x")).to.equal("from-env");
    delete process.env.KS_TEST_PW;
    expect(await readPassword({ envVar: "KS_TEST_PW", prompt: async () => "typed" }, "x")).to.equal("typed");
    await readPassword({ envVar: "KS_TEST_PW" }, "custodian key").then(
      () => expect.fail("no password source"),
      (e: Error) => expect(e.message).to.contain("KS_TEST_PW"),
    );
  });
});
