// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRulesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/**
 * @title SomStablecoinPreviousLayoutMock
 * @notice TEST ONLY. The stablecoin's namespace `som.storage.SomStablecoin` as deployed before
 * `postDatedAsOf` was packed after `reserveFeed` (in that slot's unused bytes). The upgrades plugin
 * must accept an upgrade from it to the current SomStablecoin.
 */
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract SomStablecoinPreviousLayoutMock is UUPSUpgradeable, AccessControlDefaultAdminRulesUpgradeable {
    /// @custom:storage-location erc7201:som.storage.SomStablecoin
    struct SomStablecoinStorage {
        mapping(address account => uint256) balanceWords;
        mapping(address owner => mapping(address spender => uint256)) allowances;
        bool paused;
        uint120 reserves;
        uint128 totalSupply;
        address reserve;
        uint40 reservesAsOf;
        uint40 maxReserveAge;
        uint8 decimals;
        address supplyController;
        address reserveFeed;
        mapping(address owner => uint256) nonces;
        mapping(address authorizer => mapping(bytes32 nonce => bool)) authorizationStates;
        bytes32 hashedName;
        string name;
        string symbol;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.SomStablecoin")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant SOM_STABLECOIN_STORAGE_LOCATION =
        0x563d2db404e75968d1f343ff7a9cae166c594f4d919a5ba405b91dcc44892800;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function reserveFeed() external view returns (address) {
        return _s().reserveFeed;
    }

    function _authorizeUpgrade(address) internal override onlyRole(DEFAULT_ADMIN_ROLE) {}

    function _s() private pure returns (SomStablecoinStorage storage $) {
        assembly {
            $.slot := SOM_STABLECOIN_STORAGE_LOCATION
        }
    }
}
