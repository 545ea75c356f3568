/** Public API of the asset tooling. */
export { AssetsError } from "./errors";
export { assetIdFrom, documentHashOf, documentName } from "./ids";
export {
  ASSET_CLASSES,
  ENCUMBRANCES,
  assetClassName,
  assetClassValue,
  encumbranceName,
  type AssetClassName,
  type EncumbranceName,
} from "./classes";
export {
  MAX_ASSET_DECIMALS,
  MAX_COUNTRY_CODE,
  checkAssetParams,
  createAsset,
  type AssetParams,
  type CreatedAsset,
} from "./factory";
export { deployAssetStack, type AssetStack, type AssetStackOptions } from "./deploy";
