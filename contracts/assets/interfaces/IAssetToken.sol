// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// values are read by indexers, not filtered on

// solhint-disable gas-indexed-events

import {IERC7943Fungible} from "./IERC7943.sol";
import {IERC1643} from "./IERC1643.sol";

/**
 * @title IAssetToken
 * @notice One tokenized state asset (a building, a gold lot, a mining output batch): shares are
 * minted only into the reserve, held and transferred only by verified holders (identity
 * registry), frozen, seized and recovered by an enforcer, documented (ERC-1643 with history) and
 * valued only through M-of-N attestations (subject = the asset id).
 */
interface IAssetToken is IERC7943Fungible, IERC1643 {
    /// @notice Class of the underlying asset.
    enum AssetClass {
        RealEstate,
        PreciousMetal,
        MiningOutput,
        Other
    }

    /// @notice Lien or encumbrance status of the underlying asset.
    enum Encumbrance {
        None,
        Lien,
        Pledge,
        Seizure,
        Other
    }

    /**
     * @notice Creation parameters of an asset token (also the factory's `createAsset` input).
     * @param assetId the asset id: keccak256 of e.g. "cadastral:<number>" or "isin:<code>"; unique.
     * @param name ERC-20 name.
     * @param symbol ERC-20 symbol.
     * @param decimals ERC-20 decimals (0: whole shares).
     * @param assetClass class of the asset.
     * @param jurisdiction ISO 3166-1 numeric code of the jurisdiction the asset is in (417: Kyrgyzstan).
     * @param custodian who holds the physical asset or its title.
     * @param totalShares declared total shares: the cap on the supply.
     * @param admin DEFAULT_ADMIN_ROLE holder (record keeping, role management).
     * @param issuer ISSUER_ROLE holder (mints into the reserve).
     * @param enforcer ENFORCER_ROLE holder (freeze, forced transfer, recovery).
     * @param pauser PAUSER_ROLE holder.
     */
    // calldata-only input, ordered for readability
    // solhint-disable-next-line gas-struct-packing
    struct AssetParams {
        bytes32 assetId;
        string name;
        string symbol;
        uint8 decimals;
        AssetClass assetClass;
        uint16 jurisdiction;
        address custodian;
        uint128 totalShares;
        address admin;
        address issuer;
        address enforcer;
        address pauser;
    }

    /**
     * @notice The holder rules of the asset, returned by {holderRules}. The reserve is exempt from all three.
     * @param countryRestricted whether only holders of the allowed countries may receive ({isCountryAllowed}).
     * @param maxHolders most accounts with a non-zero balance, the reserve included (0: no limit).
     * @param maxBalance largest balance a credit may leave a holder with (0: no limit).
     * @param holderCount accounts with a non-zero balance now, the reserve included.
     */
    struct HolderRules {
        bool countryRestricted;
        uint32 maxHolders;
        uint128 maxBalance;
        uint32 holderCount;
    }

    /// @notice The asset record returned by {assetInfo}.
    struct AssetInfo {
        bytes32 assetId;
        AssetClass assetClass;
        uint16 jurisdiction;
        address custodian;
        uint256 totalShares;
        Encumbrance encumbrance;
    }

    /// @notice One version of a document; a removal is a version with `removed` set and no URI.
    struct DocumentVersion {
        string uri;
        bytes32 documentHash;
        uint64 timestamp;
        bool removed;
    }

    /// @notice One entry of the encumbrance history.
    struct EncumbranceRecord {
        Encumbrance status;
        bytes32 ref;
        uint64 timestamp;
    }

    /**
     * @notice Emitted when the reserve burns shares (redemption or disposal of the asset).
     * @param reserve the reserve the shares were burned from.
     * @param amount the amount burned.
     * @param ref reference of the redemption or disposal decision.
     */
    event SharesBurned(address indexed reserve, uint256 amount, bytes32 indexed ref);

    /**
     * @notice Emitted by the referenced {forcedTransfer}, after {ForcedTransfer}.
     * @param from the address tokens were taken from.
     * @param to the recipient.
     * @param amount the amount.
     * @param legalOrderRef reference of the legal order (court decision, regulator order).
     */
    event ForcedTransferOrdered(address indexed from, address indexed to, uint256 amount, bytes32 indexed legalOrderRef);

    /**
     * @notice Emitted when the full freeze of `account` is set or lifted.
     * @param account the account.
     * @param frozen whether the account is fully frozen now.
     */
    event FullFreezeUpdated(address indexed account, bool frozen);

    /**
     * @notice Emitted when the balance and frozen amount of a lost wallet move to a new wallet.
     * @param lostWallet the lost wallet (fully frozen afterwards).
     * @param newWallet the new wallet.
     * @param amount the balance moved.
     * @param frozenAmount the frozen amount moved.
     * @param ref reference of the recovery decision.
     */
    event WalletRecovered(
        address indexed lostWallet,
        address indexed newWallet,
        uint256 amount,
        uint256 frozenAmount,
        bytes32 indexed ref
    );

    /**
     * @notice Emitted when the token is paused.
     * @param account the pauser.
     */
    event Paused(address account);

    /**
     * @notice Emitted when the token is unpaused.
     * @param account the token admin (DEFAULT_ADMIN_ROLE, the reserve Safe).
     */
    event Unpaused(address account);

    /**
     * @notice Emitted when the encumbrance status changes.
     * @param oldStatus the status before.
     * @param newStatus the status after.
     * @param ref reference of the registering document (lien deed, court order).
     */
    event EncumbranceUpdated(Encumbrance oldStatus, Encumbrance newStatus, bytes32 indexed ref);

    /**
     * @notice Emitted when the custodian changes.
     * @param oldCustodian the custodian before.
     * @param newCustodian the custodian after.
     */
    event CustodianUpdated(address indexed oldCustodian, address indexed newCustodian);

    /**
     * @notice Emitted when the admin replaces the allowed holder countries (empty: no country rule).
     * @param countries the ISO 3166-1 numeric codes allowed from now on.
     */
    event AllowedCountriesUpdated(uint16[] countries);

    /**
     * @notice Emitted when the admin changes the maximum number of holders.
     * @param oldMax the maximum before (0: none).
     * @param newMax the maximum now (0: none).
     */
    event MaxHoldersUpdated(uint32 oldMax, uint32 newMax);

    /**
     * @notice Emitted when the admin changes the maximum balance per holder.
     * @param oldMax the maximum before (0: none).
     * @param newMax the maximum now (0: none).
     */
    event MaxBalanceUpdated(uint128 oldMax, uint128 newMax);

    /// @notice An address that must be set was zero.
    error AssetTokenZeroAddress();

    /// @notice `spender` is fully frozen and cannot spend allowances (the USDC 2018 bug).
    error AssetTokenSpenderFrozen(address spender);

    /// @notice Only the reserve itself may move, recover or freeze the reserve's shares; `caller` is not the reserve.
    error AssetTokenReserveOnly(address caller);

    /// @notice `country` is not an ISO 3166-1 numeric code (1..999).
    error AssetTokenInvalidCountry(uint16 country);

    /// @notice `account` (country `country`) may not hold this asset: its country is not allowed.
    error AssetTokenCountryNotAllowed(address account, uint16 country);

    /// @notice The credit would leave `account` with `balance`, above the maximum `maxBalance` per holder.
    error AssetTokenMaxBalanceExceeded(address account, uint256 balance, uint256 maxBalance);

    /// @notice `account` would be a new holder, but the asset already has `maxHolders` holders.
    error AssetTokenMaxHoldersReached(address account, uint32 maxHolders);

    /// @notice The asset id is zero.
    error AssetTokenZeroAssetId();

    /// @notice The declared total shares are zero.
    error AssetTokenZeroTotalShares();

    /// @notice A reference (legal order, decision) must be given and was zero.
    error AssetTokenReferenceRequired();

    /// @notice The token is paused.
    error AssetTokenPaused();

    /// @notice The token is not paused.
    error AssetTokenNotPaused();

    /// @notice `caller` is not the reserve `reserve`.
    error AssetTokenCallerNotReserve(address caller, address reserve);

    /// @notice Minting `amount` on top of `supply` would exceed the declared `totalShares`.
    error AssetTokenSharesCapExceeded(uint256 amount, uint256 supply, uint256 totalShares);

    /// @notice A frozen amount above the storage width (2^120 - 1) was requested.
    error AssetTokenFrozenAmountTooLarge(uint256 amount);

    /// @notice A recovery from `lostWallet` to `newWallet` is invalid (same wallet, nothing to move, or frozen state
    /// that would land on the reserve).
    error AssetTokenInvalidRecovery(address lostWallet, address newWallet);

    /// @notice A document needs a non-zero name and a non-empty URI.
    error AssetTokenInvalidDocument(bytes32 name);

    /// @notice Document `name` is not in the current set.
    error AssetTokenDocumentNotFound(bytes32 name);

    /**
     * @notice Initializes the token behind its beacon proxy (called by the factory).
     * @param params the asset parameters.
     * @param identityRegistry the identity registry (verification and the reserve).
     * @param valuationSource the attestation registry the valuation is read from.
     */
    function initialize(AssetParams calldata params, address identityRegistry, address valuationSource) external;

    /**
     * @notice Mints `amount` shares into the reserve.
     * @dev Requirements: caller has ISSUER_ROLE; supply + `amount` <= total shares; the reserve is
     * not fully frozen. Works while paused.
     */
    function mint(uint256 amount) external;

    /**
     * @notice Burns `amount` shares from the reserve's unfrozen balance (redemption or disposal).
     * @dev Requirements: caller is the reserve; `ref` non-zero; the reserve is not fully
     * frozen; `amount` within its unfrozen balance. Works while paused.
     */
    function burn(uint256 amount, bytes32 ref) external;

    /**
     * @notice {IERC7943Fungible-forcedTransfer} with the reference of the legal order.
     * @dev Requirements: caller has ENFORCER_ROLE; `legalOrderRef` non-zero; see {forcedTransfer}.
     */
    function forcedTransfer(address from, address to, uint256 amount, bytes32 legalOrderRef) external returns (bool);

    /**
     * @notice Fully freezes `account`: it can neither send nor receive (forced transfers from it still work).
     * @dev Requirements: caller has ENFORCER_ROLE; when `account` is the reserve, the caller is the reserve.
     */
    function freeze(address account) external;

    /**
     * @notice Lifts the full freeze of `account` (its partial frozen amount is kept).
     * @dev Requirements: caller has ENFORCER_ROLE; when `account` is the reserve, the caller is the reserve.
     */
    function unfreeze(address account) external;

    /**
     * @notice Moves the whole balance and frozen amount of `lostWallet` to verified `newWallet`;
     * `newWallet` inherits a full freeze of `lostWallet`, and `lostWallet` ends fully frozen.
     * @dev Requirements: caller has ENFORCER_ROLE, or is the reserve when `lostWallet` is the reserve
     * (only the reserve moves its own shares out); `ref` non-zero; `newWallet` differs from `lostWallet`
     * and can receive (holder rules included); `lostWallet` has a balance or a frozen amount; when `newWallet`
     * is the reserve, `lostWallet` has no frozen amount and no full freeze (the reserve never inherits them).
     */
    function recoverWallet(address lostWallet, address newWallet, bytes32 ref) external;

    /**
     * @notice Pauses holder transfers (transfer, transferFrom).
     * @dev Requirements: caller has PAUSER_ROLE; not paused.
     */
    function pause() external;

    /**
     * @notice Unpauses holder transfers.
     * @dev Requirements: caller has DEFAULT_ADMIN_ROLE (the reserve Safe: lifting a protection waits
     * for the Safe; PAUSER_ROLE can only pause); paused.
     */
    function unpause() external;

    /**
     * @notice Records a new encumbrance status (appended to the history).
     * @dev Requirements: caller has DEFAULT_ADMIN_ROLE; `ref` non-zero.
     */
    function setEncumbrance(Encumbrance status, bytes32 ref) external;

    /**
     * @notice Sets the custodian of the asset.
     * @dev Requirements: caller has DEFAULT_ADMIN_ROLE; `newCustodian` non-zero.
     */
    function setCustodian(address newCustodian) external;

    /**
     * @notice Replaces the allowed holder countries: from now on only holders registered with one of
     * `countries` can be credited (transfer, transferFrom, forced transfer, recovery); empty lifts the rule.
     * Accounts already holding keep their shares and may still send.
     * @dev Requirements: caller has DEFAULT_ADMIN_ROLE; every code in 1..999.
     */
    function setAllowedCountries(uint16[] calldata countries) external;

    /**
     * @notice Sets the maximum number of holders (accounts with a non-zero balance, the reserve included);
     * a credit that would add a holder beyond it reverts. 0 lifts the rule.
     * @dev Requirements: caller has DEFAULT_ADMIN_ROLE.
     */
    function setMaxHolders(uint32 newMax) external;

    /**
     * @notice Sets the maximum balance a credit may leave a holder (other than the reserve) with; 0 lifts the rule.
     * @dev Requirements: caller has DEFAULT_ADMIN_ROLE.
     */
    function setMaxBalance(uint128 newMax) external;

    /// @notice The holder rules and the current holder count.
    function holderRules() external view returns (HolderRules memory);

    /// @notice Whether holders of `country` may be credited (always true without a country rule).
    function isCountryAllowed(uint16 country) external view returns (bool);

    /// @notice Whether holder transfers are paused.
    function paused() external view returns (bool);

    /// @notice Whether `account` is fully frozen.
    function isFrozen(address account) external view returns (bool);

    /// @notice The reserve shares are minted into (read from the identity registry).
    function reserve() external view returns (address);

    /// @notice The identity registry.
    function identityRegistry() external view returns (address);

    /// @notice The attestation registry the valuation is read from.
    function valuationSource() external view returns (address);

    /// @notice The asset record.
    function assetInfo() external view returns (AssetInfo memory);

    /// @notice Every version of document `name`, oldest first (removals included).
    function documentHistory(bytes32 name) external view returns (DocumentVersion[] memory);

    /// @notice Every encumbrance status ever recorded, oldest first (empty: never encumbered).
    function encumbranceHistory() external view returns (EncumbranceRecord[] memory);

    /**
     * @notice The current attested valuation of the asset, read from the attestation registry
     * with the asset id as subject.
     * @return value the value in som minor units scaled by {valuationDecimals} (0: never attested).
     * @return asOf the as-of timestamp the attestors signed.
     * @return fresh whether the report is within the subject's maximum age.
     */
    function valuation() external view returns (uint256 value, uint64 asOf, bool fresh);

    /// @notice Decimals of {valuation} values.
    function valuationDecimals() external view returns (uint8);
}
