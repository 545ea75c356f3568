import { expect } from "chai";
import { countryName, isCountryCode } from "../../src/chain/countries";
import { AssetsError, checkAssetParams } from "../../src/assets";

describe("common: ISO 3166-1 numeric country codes (i18n-iso-countries)", function () {
  it("names assigned codes and nothing else", function () {
    expect(countryName(417)).to.equal("Kyrgyzstan");
    expect(countryName(4n)).to.equal("Afghanistan");
    expect(countryName(398)).to.equal("Kazakhstan");
    for (const bad of [0, 999, 1000, -417, 417.5, 900]) expect(countryName(bad), String(bad)).to.equal(undefined);
    expect(isCountryCode(417)).to.equal(true);
    expect(isCountryCode(999)).to.equal(false);
  });

  it("an asset's jurisdiction must be a country, not just a number from 1 to 999", function () {
    const base = { assetId: "0x" + "11".repeat(32), decimals: 0 };
    expect(() => checkAssetParams({ ...base, jurisdiction: 417 } as never)).to.not.throw();
    expect(() => checkAssetParams({ ...base, jurisdiction: 999 } as never)).to.throw(
      AssetsError,
      "999 is not an ISO 3166-1 numeric code of any country",
    );
    expect(() => checkAssetParams({ ...base, jurisdiction: 1000 } as never)).to.throw(AssetsError, "1..999");
  });
});
