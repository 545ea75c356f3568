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
import {SomStablecoinSignatures} from "./SomStablecoinSignatures.sol";

/**
 * @title SomStablecoin
 * @notice A token backed 1:1 by Kyrgyz som held in bank reserves (see docs/stablecoin.md).
 * Mints only credit the reserve and never take the supply above the latest attested reserves;
 * everything else a regulated fiat token needs (minter allowances, burn for redemption, pause,
 * freeze and wipe, permit, EIP-3009, rescue) sits behind one role each.
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
    /// @notice May configure and remove minters (and is MINTER_ROLE's admin role).
    bytes32 public constant MINTER_ADMIN_ROLE = keccak256("MINTER_ADMIN_ROLE");
    /// @notice May mint into the reserve, within its allowance.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice May burn its own balance for redemptions.
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");
    /// @notice May pause and unpause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice May freeze, unfreeze and wipe accounts under legal orders.
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    /// @notice May rescue foreign ERC-20 tokens sent to this contract.
    bytes32 public constant RESCUER_ROLE = keccak256("RESCUER_ROLE");

    /// @notice The attestation subject of the som reserves.
    bytes32 public constant SOM_RESERVES = bytes32("SOM_RESERVES");

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ISomStablecoin
    function initialize(
        string calldata name_,
        string calldata symbol_,
        uint8 decimals_,
        address admin,
        uint48 adminTransferDelay,
        address reserve_,
        address reserveFeed_,
        uint64 maxReserveAge_
    ) external initializer {
        __AccessControlDefaultAdminRules_init(adminTransferDelay, admin);
        _setRoleAdmin(MINTER_ROLE, MINTER_ADMIN_ROLE);
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        $.name = name_;
        $.symbol = symbol_;
        $.decimals = decimals_;
        $.hashedName = keccak256(bytes(name_));
        _setReserve(reserve_);
        _setMaxReserveAge(maxReserveAge_);
        _setReserveFeed(reserveFeed_);
    }

    // ------------------------------------------------------------------ supply

    /// @inheritdoc ISomStablecoin
    function mint(uint256 amount) external onlyRole(MINTER_ROLE) {
        if (amount == 0) revert SomStablecoinZeroAmount();
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        if ($.paused) revert SomStablecoinPaused();
        _requireNotFrozen(msg.sender);
        _spendMinterAllowance($, msg.sender, amount);
        uint256 supply = $.totalSupply;
        _checkReserves(supply, amount);
        // supply + amount <= reserves < 2**128 (unless a test mock skipped the check)
        uint256 newSupply = supply + amount;
        if (newSupply > type(uint128).max) revert SomStablecoinMintExceedsReserves(supply, amount, type(uint128).max);
        $.totalSupply = uint128(newSupply);
        address reserveAccount = $.reserve;
        uint256 word = $.balanceWords[reserveAccount];
        if (word >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(reserveAccount);
        unchecked {
            $.balanceWords[reserveAccount] = word + amount;
        }
        emit Transfer(address(0), reserveAccount, amount);
        emit Minted(msg.sender, reserveAccount, amount);
    }

    /// @inheritdoc ISomStablecoin
    function burn(uint256 amount, bytes32 redemptionRef) external onlyRole(BURNER_ROLE) {
        if (amount == 0) revert SomStablecoinZeroAmount();
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        uint128 supply = $.totalSupply;
        if ($.paused) revert SomStablecoinPaused();
        uint256 word = $.balanceWords[msg.sender];
        if (word >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(msg.sender);
        if (word < amount) revert ERC20InsufficientBalance(msg.sender, word, amount);
        unchecked {
            // amount <= balance <= supply
            $.balanceWords[msg.sender] = word - amount;
            $.totalSupply = supply - uint128(amount);
        }
        emit Transfer(msg.sender, address(0), amount);
        emit Burned(msg.sender, amount, redemptionRef);
    }

    /// @inheritdoc ISomStablecoin
    function configureMinter(address minter, uint256 allowance_) external onlyRole(MINTER_ADMIN_ROLE) {
        if (minter == address(0)) revert SomStablecoinInvalidMinter(minter);
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        uint256 oldAllowance = $.minterAllowances[minter];
        $.minterAllowances[minter] = allowance_;
        _grantRole(MINTER_ROLE, minter);
        emit MinterAllowanceUpdated(minter, oldAllowance, allowance_);
    }

    /// @inheritdoc ISomStablecoin
    function removeMinter(address minter) external onlyRole(MINTER_ADMIN_ROLE) {
        uint256 oldAllowance = _getSomStablecoinStorage().minterAllowances[minter];
        _revokeRole(MINTER_ROLE, minter);
        emit MinterRemoved(minter, oldAllowance);
    }

    /**
     * @dev Losing MINTER_ROLE in any way (removeMinter, revokeRole, renounceRole) also zeroes the
     * allowance, so a later grant never revives an old minting capacity.
     */
    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (role == MINTER_ROLE) {
            SomStablecoinStorage storage $ = _getSomStablecoinStorage();
            uint256 oldAllowance = $.minterAllowances[account];
            if (oldAllowance != 0) {
                delete $.minterAllowances[account];
                emit MinterAllowanceUpdated(account, oldAllowance, 0);
            }
        }
    }

    /// @inheritdoc ISomStablecoin
    function minterAllowance(address minter) external view returns (uint256) {
        return _getSomStablecoinStorage().minterAllowances[minter];
    }

    // ------------------------------------------------------------------ pause

    /// @inheritdoc ISomStablecoin
    function pause() external onlyRole(PAUSER_ROLE) whenNotPaused {
        _getSomStablecoinStorage().paused = true;
        emit Paused(msg.sender);
    }

    /// @inheritdoc ISomStablecoin
    function unpause() external onlyRole(PAUSER_ROLE) {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        if (!$.paused) revert SomStablecoinNotPaused();
        $.paused = false;
        emit Unpaused(msg.sender);
    }

    // ------------------------------------------------------------------ compliance

    /// @inheritdoc ISomStablecoin
    function freeze(address account) external onlyRole(COMPLIANCE_ROLE) {
        _freeze(account);
    }

    /// @inheritdoc ISomStablecoin
    function unfreeze(address account) external onlyRole(COMPLIANCE_ROLE) {
        _unfreeze(account);
    }

    /// @inheritdoc ISomStablecoin
    function freezeBatch(address[] calldata accounts) external onlyRole(COMPLIANCE_ROLE) {
        for (uint256 i = 0; i < accounts.length; ++i) {
            _freeze(accounts[i]);
        }
    }

    /// @inheritdoc ISomStablecoin
    function unfreezeBatch(address[] calldata accounts) external onlyRole(COMPLIANCE_ROLE) {
        for (uint256 i = 0; i < accounts.length; ++i) {
            _unfreeze(accounts[i]);
        }
    }

    /// @inheritdoc ISomStablecoin
    function wipeFrozen(address account, bytes32 legalOrderRef) external onlyRole(COMPLIANCE_ROLE) {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        uint256 word = $.balanceWords[account];
        if (word < FROZEN_FLAG) revert SomStablecoinAccountNotFrozen(account);
        uint256 amount = word & ~FROZEN_FLAG;
        $.balanceWords[account] = FROZEN_FLAG;
        unchecked {
            // amount <= supply
            $.totalSupply -= uint128(amount);
        }
        emit Transfer(account, address(0), amount);
        emit FrozenBalanceWiped(account, amount, legalOrderRef);
    }

    // ------------------------------------------------------------------ reserves

    /// @inheritdoc ISomStablecoin
    function setReserve(address newReserve) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReserve(newReserve);
    }

    /// @inheritdoc ISomStablecoin
    function setReserveFeed(address newFeed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReserveFeed(newFeed);
    }

    /// @inheritdoc ISomStablecoin
    function setMaxReserveAge(uint64 newMaxAge) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxReserveAge(newMaxAge);
    }

    /// @inheritdoc ISomStablecoin
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

    /// @inheritdoc ISomStablecoin
    function reserve() external view returns (address) {
        return _getSomStablecoinStorage().reserve;
    }

    /// @inheritdoc ISomStablecoin
    function reserveFeed() external view returns (address) {
        return _getSomStablecoinStorage().reserveFeed;
    }

    /// @inheritdoc ISomStablecoin
    function reserveSnapshot() external view returns (uint256 reservesInTokenUnits, uint64 asOf, uint64 maxAge) {
        ReserveCache memory cache = _getSomStablecoinStorage().reserveCache;
        return (cache.reserves, cache.asOf, cache.maxAge);
    }

    // ------------------------------------------------------------------ rescue

    /// @inheritdoc ISomStablecoin
    function rescueERC20(address token, address to, uint256 amount) external onlyRole(RESCUER_ROLE) {
        if (to == address(0)) revert SomStablecoinInvalidRescueRecipient(to);
        emit ERC20Rescued(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    // ------------------------------------------------------------------ internal

    /**
     * @dev The reserve check of every mint: the cached attestation is not older than its maximum
     * age and `supply + amount` stays within the attested reserves. Virtual so that a test mock can
     * skip it to measure its gas cost.
     */
    function _checkReserves(uint256 supply, uint256 amount) internal view virtual {
        ReserveCache memory cache = _getSomStablecoinStorage().reserveCache;
        if (block.timestamp > uint256(cache.asOf) + cache.maxAge) {
            revert SomStablecoinReserveAttestationStale(cache.asOf, cache.maxAge, block.timestamp);
        }
        uint256 reserves = cache.reserves;
        if (amount > reserves || supply > reserves - amount) {
            revert SomStablecoinMintExceedsReserves(supply, amount, reserves);
        }
    }

    /// @dev Only UPGRADER_ROLE may upgrade.
    function _authorizeUpgrade(address) internal override onlyRole(UPGRADER_ROLE) {} // solhint-disable-line no-empty-blocks

    /// @dev Spends `amount` of `minter`'s allowance.
    function _spendMinterAllowance(SomStablecoinStorage storage $, address minter, uint256 amount) private {
        uint256 allowance_ = $.minterAllowances[minter];
        if (amount > allowance_) revert SomStablecoinMintExceedsAllowance(minter, amount, allowance_);
        unchecked {
            $.minterAllowances[minter] = allowance_ - amount;
        }
    }

    /// @dev Sets the frozen flag of `account`.
    function _freeze(address account) private {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        uint256 word = $.balanceWords[account];
        if (word >= FROZEN_FLAG) revert SomStablecoinAccountAlreadyFrozen(account);
        $.balanceWords[account] = word | FROZEN_FLAG;
        emit Frozen(account);
    }

    /// @dev Clears the frozen flag of `account`.
    function _unfreeze(address account) private {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        uint256 word = $.balanceWords[account];
        if (word < FROZEN_FLAG) revert SomStablecoinAccountNotFrozen(account);
        $.balanceWords[account] = word & ~FROZEN_FLAG;
        emit Unfrozen(account);
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
        if (newMaxAge == 0) revert SomStablecoinInvalidMaxReserveAge(newMaxAge);
        ReserveCache storage cache = _getSomStablecoinStorage().reserveCache;
        emit MaxReserveAgeUpdated(cache.maxAge, newMaxAge);
        cache.maxAge = newMaxAge;
    }

    /**
     * @dev Pulls the `SOM_RESERVES` report, converts it to token units exactly (more feed decimals:
     * floor division, reserves rounded down; fewer: multiplication that reverts on overflow) and
     * caches it. Values above 2**128 - 1 token units are capped there (conservative).
     */
    function _syncReserves() private {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        IAttestedValueSource feed = IAttestedValueSource($.reserveFeed);
        (uint256 value, uint64 asOf, ) = feed.latestReport(SOM_RESERVES);
        if (asOf > block.timestamp) revert SomStablecoinReserveAttestationInFuture(asOf, block.timestamp);
        uint256 converted = _toTokenUnits(value, feed.valueDecimals(), $.decimals);
        uint128 reserves = converted > type(uint128).max ? type(uint128).max : uint128(converted);
        ReserveCache storage cache = $.reserveCache;
        emit ReservesSynced(cache.reserves, reserves, cache.asOf, asOf);
        cache.reserves = reserves;
        cache.asOf = asOf;
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
