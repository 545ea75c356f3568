/**
 * ISO 3166-1 numeric country codes (identity countries, asset jurisdictions, holder rules), from the
 * well-kept `i18n-iso-countries` package (English short names): the contracts accept any code from 1 to
 * 999; the tooling names each one and refuses codes that no country has.
 */
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";

countries.registerLocale(en);

/** The English short name of ISO 3166-1 numeric `code` (417: "Kyrgyzstan"), or undefined when no country has it. */
export function countryName(code: number | bigint): string | undefined {
  const n = Number(code);
  if (!Number.isInteger(n) || n < 1 || n > 999) return undefined;
  const alpha2 = countries.numericToAlpha2(String(n).padStart(3, "0"));
  return alpha2 ? countries.getName(alpha2, "en") : undefined;
}

/** True when `code` is an assigned ISO 3166-1 numeric country code. */
export function isCountryCode(code: number | bigint): boolean {
  return countryName(code) !== undefined;
}
