// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAssetToken} from "./IAssetToken.sol";

/**
 * @title IAssetFactory
 * @notice Creates asset tokens behind one upgradeable beacon (one beacon upgrade upgrades every
 * asset token), registers them by asset id and lists them for the reserve report.
 */
interface IAssetFactory {
    /**
     * @notice Emitted when an asset token is created.
     * @param assetId the asset id.
     * @param token the new token (a beacon proxy).
     * @param assetClass the asset class.
     * @param totalShares the declared total shares.
     * @param name the token name.
     * @param symbol the token symbol.
     */
    event AssetCreated(
        bytes32 indexed assetId,
        address indexed token,
        IAssetToken.AssetClass assetClass,
        uint256 totalShares,
        string name,
        string symbol
    );

    /// @notice An address that must be set was zero.
    error AssetFactoryZeroAddress();

    /// @notice An asset with `assetId` already exists, at `token`.
    error AssetFactoryAssetExists(bytes32 assetId, address token);

    /// @notice `assetId` is reserved: it is `SOM_RESERVES` or a subject that already has attested reports.
    error AssetFactoryReservedAssetId(bytes32 assetId);

    /// @notice `decimals` is above 18.
    error AssetFactoryInvalidDecimals(uint8 decimals);

    /// @notice `jurisdiction` is not an ISO 3166-1 numeric code (1..999).
    error AssetFactoryInvalidJurisdiction(uint16 jurisdiction);

    /**
     * @notice Creates, initializes and registers a new asset token behind the beacon.
     * @dev Requirements: caller has ASSET_CREATOR_ROLE; no asset with `params.assetId` exists; the id is
     * not `SOM_RESERVES` and has no attested report yet (it becomes the token's valuation subject);
     * decimals at most 18; jurisdiction an ISO 3166-1 numeric code (1..999); the token's own checks
     * (non-zero id, shares, role holders and custodian).
     * @param params the asset parameters.
     * @return token the new token.
     */
    function createAsset(IAssetToken.AssetParams calldata params) external returns (address token);

    /// @notice Every asset token created, in creation order.
    function assets() external view returns (address[] memory);

    /// @notice Number of asset tokens created.
    function assetCount() external view returns (uint256);

    /// @notice The token of `assetId` (zero when none).
    function assetById(bytes32 assetId) external view returns (address);

    /// @notice The upgradeable beacon every asset token points at.
    function beacon() external view returns (address);

    /// @notice The identity registry given to every new asset token.
    function identityRegistry() external view returns (address);

    /// @notice The attestation registry given to every new asset token.
    function valuationSource() external view returns (address);

    /// @notice The reserve new shares are minted into (read from the identity registry).
    function reserve() external view returns (address);
}
