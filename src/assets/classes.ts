/**
 * Names of the on-chain enums of IAssetToken, in their declaration order.
 */
import { AssetsError } from "./errors";

/** IAssetToken.AssetClass, by value. */
export const ASSET_CLASSES = ["RealEstate", "PreciousMetal", "MiningOutput", "Other"] as const;
export type AssetClassName = (typeof ASSET_CLASSES)[number];

/** IAssetToken.Encumbrance, by value. */
export const ENCUMBRANCES = ["None", "Lien", "Pledge", "Seizure", "Other"] as const;
export type EncumbranceName = (typeof ENCUMBRANCES)[number];

function nameAt<T extends string>(names: readonly T[], value: number | bigint, what: string): T {
  const n = Number(value);
  const name = names[n];
  if (!Number.isInteger(n) || name === undefined) {
    throw new AssetsError(`${value} is not an ${what} (expected 0..${names.length - 1})`);
  }
  return name;
}

/** Name of asset class `value` (0 → "RealEstate"). */
export function assetClassName(value: number | bigint): AssetClassName {
  return nameAt(ASSET_CLASSES, value, "asset class");
}

/** Value of asset class `name` ("PreciousMetal" → 1). */
export function assetClassValue(name: AssetClassName): number {
  return ASSET_CLASSES.indexOf(name);
}

/** Name of encumbrance status `value` (1 → "Lien"). */
export function encumbranceName(value: number | bigint): EncumbranceName {
  return nameAt(ENCUMBRANCES, value, "encumbrance status");
}
