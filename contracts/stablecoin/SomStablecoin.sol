// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Frozen-flag, allowance and reserve checks need non-strict comparisons.
/* solhint-disable gas-strict-inequalities */

import {AccessControlDefaultAdminRulesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAttestationListener} from "../attestation/interfaces/IAttestationListener.sol";
import {IAttestedValueSource} from "../attestation/interfaces/IAttestedValueSource.sol";
import {ISomStablecoin} from "./interfaces/ISomStablecoin.sol";
import {ISomStablecoinCompliance} from "./interfaces/ISomStablecoinCompliance.sol";
import {ISomStablecoinRescue} from "./interfaces/ISomStablecoinRescue.sol";
import {ISomStablecoinReserves} from "./interfaces/ISomStablecoinReserves.sol";
import {ISomStablecoinSupply} from "./interfaces/ISomStablecoinSupply.sol";
import {SomStablecoinSignatures} from "./SomStablecoinSignatures.sol";

/**
 * @title SomStablecoin
 * @notice A token backed 1:1 by Kyrgyz som held in bank reserves (see docs/stablecoin.md).
 * Mints only credit the reserve and never take the supply above the latest attested reserves;
 * the one minter is the supply controller ({SomSupplyController}: minters, allowances, rate
 * limits); everything else a regulated fiat token needs (burn for redemption, pause, freeze and
 * wipe, permit, EIP-3009, ERC-5267, rescue) sits behind one role each. Slow for the dangerous,
 * instant for the protective: pause and freeze are the pauser's and the compliance officer's;
 * unpause, unfreeze and wipe (which undo a protection or destroy a balance) are the default
 * admin's, the reserve Safe's alone (one holder, never granted with grantRole).
 * @dev UUPS proxy, ERC-7201 storage (namespace `som.storage.SomStablecoin`, see
 * {SomStablecoinCore}), roles via {AccessControlDefaultAdminRulesUpgradeable} (two-step, delayed
 * admin transfer). The reserve report is cached in one slot, refreshed by {syncReserves} and by
 * the attestation registry's {attestationUpdated} callback in the transaction that makes a new
 * report current.
 */
contract SomStablecoin is
    Initializable,
    UUPSUpgradeable,
    AccessControlDefaultAdminRulesUpgradeable,
    SomStablecoinSignatures,
    IAttestationListener
{
    using SafeERC20 for IERC20;

    /// @notice May upgrade the implementation.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");
    /// @notice May burn its own balance for redemptions (the reserve, a redemption contract).
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");
    /// @notice May pause (instant, protective); unpausing is the default admin's (the Safe's).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice May freeze accounts under legal orders (instant, protective); unfreezing and wiping a
    /// frozen balance are the default admin's (the Safe's).
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    /// @notice May rescue ERC-20 tokens sent to this contract.
    bytes32 public constant RESCUER_ROLE = keccak256("RESCUER_ROLE");

    /// @notice The attestation subject of the som reserves.
    bytes32 public constant SOM_RESERVES = bytes32("SOM_RESERVES");

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ISomStablecoin
    function initialize(address admin, uint48 adminTransferDelay, Settings calldata settings) external initializer {
        __AccessControlDefaultAdminRules_init(adminTransferDelay, admin);
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        $.name = settings.name;
        $.symbol = settings.symbol;
        $.decimals = settings.decimals;
        $.hashedName = keccak256(bytes(settings.name));
        _setReserve(settings.reserve);
        _setMaxReserveAge(settings.maxReserveAge);
        _setReserveFeed(settings.reserveFeed);
    }

    // ------------------------------------------------------------------ supply

    /// @inheritdoc ISomStablecoinSupply
    function mint(uint256 amount) external {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        if (msg.sender != $.supplyController) revert SomStablecoinCallerNotSupplyController(msg.sender);
        if (amount == 0) revert SomStablecoinZeroAmount();
        if ($.paused) revert SomStablecoinPaused();
        _checkReserves($, amount);
        _update(address(0), $.reserve, amount);
    }

    /// @inheritdoc ISomStablecoinSupply
    function burn(uint256 amount, bytes32 redemptionRef) external onlyRole(BURNER_ROLE) {
        if (amount == 0) revert SomStablecoinZeroAmount();
        _requireNotPaused();
        _update(msg.sender, address(0), amount);
        emit Burned(msg.sender, amount, redemptionRef);
    }

    /// @inheritdoc ISomStablecoinSupply
    function setSupplyController(address newController) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newController == address(0)) revert SomStablecoinInvalidSupplyController(newController);
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        emit SupplyControllerUpdated($.supplyController, newController);
        $.supplyController = newController;
    }

    /// @inheritdoc ISomStablecoinSupply
    function supplyController() external view returns (address) {
        return _getSomStablecoinStorage().supplyController;
    }

    // ------------------------------------------------------------------ pause

    /// @inheritdoc ISomStablecoinCompliance
    function pause() external onlyRole(PAUSER_ROLE) {
        _setPaused(true);
    }

    /// @inheritdoc ISomStablecoinCompliance
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPaused(false);
    }

    // ------------------------------------------------------------------ compliance

    /// @inheritdoc ISomStablecoinCompliance
    function freeze(address account) external onlyRole(COMPLIANCE_ROLE) {
        _setFrozen(account, true);
    }

    /// @inheritdoc ISomStablecoinCompliance
    function unfreeze(address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFrozen(account, false);
    }

    /// @inheritdoc ISomStablecoinCompliance
    function freezeBatch(address[] calldata accounts) external onlyRole(COMPLIANCE_ROLE) {
        _setFrozenBatch(accounts, true);
    }

    /// @inheritdoc ISomStablecoinCompliance
    function unfreezeBatch(address[] calldata accounts) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFrozenBatch(accounts, false);
    }

    /**
     * @inheritdoc ISomStablecoinCompliance
     * @dev Burns through {_update} like every other balance change: the frozen flag is lifted for
     * the burn and set again in the same call.
     */
    function wipeFrozen(address account, bytes32 legalOrderRef) external onlyRole(DEFAULT_ADMIN_ROLE) {
        mapping(address => uint256) storage words = _getSomStablecoinStorage().balanceWords;
        uint256 word = words[account];
        if (word < FROZEN_FLAG) revert SomStablecoinAccountNotFrozen(account);
        uint256 amount = word & ~FROZEN_FLAG;
        words[account] = amount;
        _update(account, address(0), amount);
        words[account] = FROZEN_FLAG;
        emit FrozenBalanceWiped(account, amount, legalOrderRef);
    }

    // ------------------------------------------------------------------ reserves

    /// @inheritdoc ISomStablecoinReserves
    function setReserve(address newReserve) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReserve(newReserve);
    }

    /// @inheritdoc ISomStablecoinReserves
    function setReserveFeed(address newFeed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReserveFeed(newFeed);
    }

    /// @inheritdoc ISomStablecoinReserves
    function setMaxReserveAge(uint64 newMaxAge) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxReserveAge(newMaxAge);
    }

    /// @inheritdoc ISomStablecoinReserves
    function syncReserves() external {
        _syncReserves();
    }

    /**
     * @inheritdoc IAttestationListener
     * @dev Syncs the cache when `subject` is {SOM_RESERVES}; other subjects are ignored. Harmless
     * for anyone to call: it only pulls from the configured source.
     */
    function attestationUpdated(bytes32 subject) external {
        if (subject == SOM_RESERVES) _syncReserves();
    }

    /// @inheritdoc ISomStablecoinReserves
    function reserve() external view returns (address) {
        return _getSomStablecoinStorage().reserve;
    }

    /// @inheritdoc ISomStablecoinReserves
    function reserveFeed() external view returns (address) {
        return _getSomStablecoinStorage().reserveFeed;
    }

    /// @inheritdoc ISomStablecoinReserves
    function reserveSnapshot() external view returns (uint256 reservesInTokenUnits, uint64 asOf, uint64 maxAge) {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        return ($.reserves, $.reservesAsOf, $.maxReserveAge);
    }

    // ------------------------------------------------------------------ rescue

    /**
     * @inheritdoc ISomStablecoinRescue
     * @dev Emits before the external call (checks-effects-interactions).
     */
    function rescueERC20(address token, address to, uint256 amount) external onlyRole(RESCUER_ROLE) {
        if (to == address(0)) revert SomStablecoinInvalidRescueRecipient(to);
        emit ERC20Rescued(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    // ------------------------------------------------------------------ internal

    /**
     * @dev The reserve check of every mint: the cached attestation is not older than its maximum
     * age and `supply + amount` stays within the attested reserves. Not overridable: its gas is
     * measured from call traces (bench/stablecoin.ts).
     */
    function _checkReserves(SomStablecoinStorage storage $, uint256 amount) private view {
        uint256 asOf = $.reservesAsOf;
        uint256 maxAge = $.maxReserveAge;
        if (block.timestamp > asOf + maxAge) {
            revert SomStablecoinReserveAttestationStale(uint64(asOf), uint64(maxAge), block.timestamp);
        }
        uint256 reserves = $.reserves;
        uint256 supply = $.totalSupply;
        if (amount > reserves || supply > reserves - amount) {
            revert SomStablecoinMintExceedsReserves(supply, amount, reserves);
        }
    }

    /// @dev Only UPGRADER_ROLE may upgrade.
    function _authorizeUpgrade(address) internal override onlyRole(UPGRADER_ROLE) {} // solhint-disable-line no-empty-blocks

    /// @dev Sets (`paused`) or lifts the pause, which must be in the other state.
    function _setPaused(bool paused_) private {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        if ($.paused == paused_) {
            if (paused_) revert SomStablecoinPaused();
            revert SomStablecoinNotPaused();
        }
        $.paused = paused_;
        if (paused_) emit Paused(msg.sender);
        else emit Unpaused(msg.sender);
    }

    /// @dev {_setFrozen} for every account of `accounts`.
    function _setFrozenBatch(address[] calldata accounts, bool frozen) private {
        for (uint256 i = 0; i < accounts.length; ++i) {
            _setFrozen(accounts[i], frozen);
        }
    }

    /// @dev Sets (`frozen`) or clears the frozen flag of `account`, which must be in the other state.
    function _setFrozen(address account, bool frozen) private {
        mapping(address => uint256) storage words = _getSomStablecoinStorage().balanceWords;
        uint256 word = words[account];
        if (frozen == (word >= FROZEN_FLAG)) {
            if (frozen) revert SomStablecoinAccountAlreadyFrozen(account);
            revert SomStablecoinAccountNotFrozen(account);
        }
        words[account] = word ^ FROZEN_FLAG;
        if (frozen) emit Frozen(account);
        else emit Unfrozen(account);
    }

    /// @dev Sets the reserve address.
    function _setReserve(address newReserve) private {
        if (newReserve == address(0)) revert SomStablecoinInvalidReserve(newReserve);
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        emit ReserveUpdated($.reserve, newReserve);
        $.reserve = newReserve;
    }

    /// @dev Sets the attestation source and syncs from it.
    function _setReserveFeed(address newFeed) private {
        if (newFeed == address(0)) revert SomStablecoinInvalidReserveFeed(newFeed);
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        emit ReserveFeedUpdated($.reserveFeed, newFeed);
        $.reserveFeed = newFeed;
        _syncReserves();
    }

    /// @dev Sets the maximum attestation age.
    function _setMaxReserveAge(uint64 newMaxAge) private {
        if (newMaxAge == 0 || newMaxAge > type(uint40).max) revert SomStablecoinInvalidMaxReserveAge(newMaxAge);
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        emit MaxReserveAgeUpdated($.maxReserveAge, newMaxAge);
        $.maxReserveAge = uint40(newMaxAge);
    }

    /**
     * @dev Pulls the `SOM_RESERVES` report, converts it to token units exactly (more feed decimals:
     * floor division, reserves rounded down; fewer: multiplication that reverts on overflow) and
     * caches it. Values of 2**120 token units or more are capped at 2**120 - 1 (conservative).
     * A post-dated report (the registry accepts an as-of up to its future skew ahead) is cached as
     * of the block of its first sync: it never reverts here and never stays fresh longer than an
     * honest one. The effective as-of of a report is set once: a re-sync of the cached report (same
     * as-of) keeps it, so re-syncing never moves a post-dated report's freshness forward; only a
     * report with another as-of sets min(its as-of, this block).
     */
    function _syncReserves() private {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        IAttestedValueSource feed = IAttestedValueSource($.reserveFeed);
        (uint256 value, uint64 reportedAsOf, ) = feed.latestReport(SOM_RESERVES);
        uint64 postDated = $.postDatedAsOf;
        uint256 asOf = $.reservesAsOf;
        // the cached report's own as-of: the post-dated one if it was clamped, else the cached one
        if (reportedAsOf != (postDated == 0 ? asOf : postDated)) {
            asOf = reportedAsOf;
            postDated = 0;
            if (asOf > block.timestamp) {
                asOf = block.timestamp;
                postDated = reportedAsOf;
            }
            $.postDatedAsOf = postDated;
        }
        uint256 converted = _toTokenUnits(value, feed.valueDecimals(), $.decimals);
        uint120 reserves = converted > type(uint120).max ? type(uint120).max : uint120(converted);
        emit ReservesSynced($.reserves, reserves, $.reservesAsOf, uint64(asOf));
        $.reserves = reserves;
        $.reservesAsOf = uint40(asOf);
    }

    /**
     * @dev Converts `value` from `feedDecimals` to `tokenDecimals`: floor division when the feed has
     * more decimals (10**78 exceeds every uint256, so 78 or more leaves 0), checked multiplication
     * when it has fewer.
     */
    function _toTokenUnits(uint256 value, uint8 feedDecimals, uint8 tokenDecimals) private pure returns (uint256) {
        uint256 result = value;
        for (uint256 i = tokenDecimals; i < feedDecimals; ++i) {
            result /= 10;
        }
        for (uint256 i = feedDecimals; i < tokenDecimals; ++i) {
            if (result > type(uint256).max / 10) {
                revert SomStablecoinReserveConversionOverflow(value, feedDecimals, tokenDecimals);
            }
            result *= 10;
        }
        return result;
    }
}
