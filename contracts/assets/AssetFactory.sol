// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRulesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {BeaconProxy} from "@openzeppelin/contracts/proxy/beacon/BeaconProxy.sol";
import {IAttestedValueSource} from "../attestation/interfaces/IAttestedValueSource.sol";
import {IIdentityRegistry} from "../identity/interfaces/IIdentityRegistry.sol";
import {IAssetFactory} from "./interfaces/IAssetFactory.sol";
import {IAssetToken} from "./interfaces/IAssetToken.sol";

/**
 * @title AssetFactory
 * @notice Creates asset tokens behind one OpenZeppelin UpgradeableBeacon (see {IAssetFactory}).
 * Behind a UUPS proxy. The factory owns nothing: the beacon is owned by the upgrader (the reserve
 * Safe), each token's roles go to the holders named in its parameters.
 */
contract AssetFactory is Initializable, AccessControlDefaultAdminRulesUpgradeable, UUPSUpgradeable, IAssetFactory {
    /// @notice Role that creates asset tokens.
    bytes32 public constant ASSET_CREATOR_ROLE = keccak256("ASSET_CREATOR_ROLE");
    /// @notice Role that authorizes upgrades of the factory implementation.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");

    /// @custom:storage-location erc7201:som.storage.AssetFactory
    struct AssetFactoryStorage {
        address beacon;
        address identityRegistry;
        address valuationSource;
        address[] assets;
        mapping(bytes32 assetId => address token) byId;
    }

    /// @dev Subject of the stablecoin's reserves in the attestation registry (never an asset id).
    bytes32 private constant _SOM_RESERVES = bytes32("SOM_RESERVES");
    /// @dev Largest ERC-20 decimals of an asset token.
    uint8 private constant _MAX_DECIMALS = 18;
    /// @dev Largest ISO 3166-1 numeric code (three digits).
    uint16 private constant _MAX_COUNTRY = 999;

    // keccak256(abi.encode(uint256(keccak256("som.storage.AssetFactory")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x4102bedc2e9b4a5197ef62fa9f91b8b0c9ebede441b6509ff129c3130c6c3800;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initializes the factory behind its proxy.
     * @param admin the default admin.
     * @param initialAdminDelay delay of a default-admin transfer, in seconds.
     * @param creator first holder of ASSET_CREATOR_ROLE.
     * @param upgrader first holder of UPGRADER_ROLE.
     * @param beacon_ the UpgradeableBeacon of AssetToken.
     * @param identityRegistry_ the identity registry.
     * @param valuationSource_ the attestation registry.
     */
    function initialize(
        address admin,
        uint48 initialAdminDelay,
        address creator,
        address upgrader,
        address beacon_,
        address identityRegistry_,
        address valuationSource_
    ) external initializer {
        if (
            creator == address(0) ||
            upgrader == address(0) ||
            beacon_ == address(0) ||
            identityRegistry_ == address(0) ||
            valuationSource_ == address(0)
        ) revert AssetFactoryZeroAddress();
        __AccessControlDefaultAdminRules_init(initialAdminDelay, admin);
        _grantRole(ASSET_CREATOR_ROLE, creator);
        _grantRole(UPGRADER_ROLE, upgrader);
        AssetFactoryStorage storage $ = _getAssetFactoryStorage();
        $.beacon = beacon_;
        $.identityRegistry = identityRegistry_;
        $.valuationSource = valuationSource_;
    }

    /// @inheritdoc IAssetFactory
    function createAsset(IAssetToken.AssetParams calldata params) external onlyRole(ASSET_CREATOR_ROLE) returns (address token) {
        AssetFactoryStorage storage $ = _getAssetFactoryStorage();
        bytes32 assetId = params.assetId;
        address existing = $.byId[assetId];
        if (existing != address(0)) revert AssetFactoryAssetExists(assetId, existing);
        // The asset id is the token's valuation subject: never the stablecoin's reserves, nor a subject in use.
        if (assetId == _SOM_RESERVES) revert AssetFactoryReservedAssetId(assetId);
        (, uint64 reportedAsOf, ) = IAttestedValueSource($.valuationSource).latestReport(assetId);
        if (reportedAsOf != 0) revert AssetFactoryReservedAssetId(assetId);
        if (params.decimals > _MAX_DECIMALS) revert AssetFactoryInvalidDecimals(params.decimals);
        if (params.jurisdiction == 0 || params.jurisdiction > _MAX_COUNTRY) {
            revert AssetFactoryInvalidJurisdiction(params.jurisdiction);
        }
        bytes memory init = abi.encodeCall(IAssetToken.initialize, (params, $.identityRegistry, $.valuationSource));
        // The proxy runs only the beacon's AssetToken code (initialize makes no external call).
        token = address(new BeaconProxy($.beacon, init));
        $.byId[params.assetId] = token;
        $.assets.push(token);
        emit AssetCreated(params.assetId, token, params.assetClass, params.totalShares, params.name, params.symbol);
    }

    /// @inheritdoc IAssetFactory
    function assets() external view returns (address[] memory) {
        return _getAssetFactoryStorage().assets;
    }

    /// @inheritdoc IAssetFactory
    function assetCount() external view returns (uint256) {
        return _getAssetFactoryStorage().assets.length;
    }

    /// @inheritdoc IAssetFactory
    function assetById(bytes32 assetId) external view returns (address) {
        return _getAssetFactoryStorage().byId[assetId];
    }

    /// @inheritdoc IAssetFactory
    function beacon() external view returns (address) {
        return _getAssetFactoryStorage().beacon;
    }

    /// @inheritdoc IAssetFactory
    function identityRegistry() external view returns (address) {
        return _getAssetFactoryStorage().identityRegistry;
    }

    /// @inheritdoc IAssetFactory
    function valuationSource() external view returns (address) {
        return _getAssetFactoryStorage().valuationSource;
    }

    /// @inheritdoc IAssetFactory
    function reserve() external view returns (address) {
        return IIdentityRegistry(_getAssetFactoryStorage().identityRegistry).reserve();
    }

    /// @dev Only UPGRADER_ROLE may upgrade.
    function _authorizeUpgrade(address) internal view override {
        _checkRole(UPGRADER_ROLE);
    }

    function _getAssetFactoryStorage() private pure returns (AssetFactoryStorage storage $) {
        // ERC-7201: point the storage struct at its namespaced slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }
}
