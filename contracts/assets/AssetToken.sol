// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IAttestedValueSource} from "../attestation/interfaces/IAttestedValueSource.sol";
import {IIdentityRegistry} from "../identity/interfaces/IIdentityRegistry.sol";
import {IAssetToken} from "./interfaces/IAssetToken.sol";
import {IERC1643} from "./interfaces/IERC1643.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943.sol";

/**
 * @title AssetToken
 * @notice One tokenized state asset (see {IAssetToken}): an ERC-20 implementing the ERC-7943
 * fungible interface, behind a beacon proxy created by the AssetFactory. The beacon owner is the
 * upgrader; the token's own roles are DEFAULT_ADMIN_ROLE, ISSUER_ROLE, ENFORCER_ROLE, PAUSER_ROLE.
 * @dev A compact ERC-20 core: balance, frozen amount and full-freeze flag of an account share
 * one storage slot, the pause flag shares its slot with the identity registry address, and a
 * transfer makes one call to the registry ({IIdentityRegistry-areVerified}).
 */
contract AssetToken is Initializable, AccessControlUpgradeable, IAssetToken, IERC20Metadata, IERC20Errors {
    /// @notice Role that mints shares into the reserve.
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @notice Role that freezes, force-transfers and recovers wallets.
    bytes32 public constant ENFORCER_ROLE = keccak256("ENFORCER_ROLE");
    /// @notice Role that pauses holder transfers (instant, protective); unpausing is DEFAULT_ADMIN_ROLE's.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @dev One account in one slot: balance (128 bits), frozen amount (120 bits), full freeze (8 bits).
    struct Account {
        uint128 balance;
        uint120 frozen;
        bool fullyFrozen;
    }

    /// @custom:storage-location erc7201:som.storage.AssetToken
    // ordered for the hot path: slot 0 is what a transfer reads
    // solhint-disable-next-line gas-struct-packing
    struct AssetTokenStorage {
        // slot 0: read by every transfer
        IIdentityRegistry identityRegistry;
        bool paused;
        uint8 decimals;
        AssetClass assetClass;
        uint16 jurisdiction;
        bool countryRestricted;
        bool balanceCapped;
        // slot 1: read by every mint and burn
        uint128 totalSupply;
        uint128 totalShares;
        // slot 2
        address custodian;
        // slot 3
        IAttestedValueSource valuationSource;
        // slot 4
        bytes32 assetId;
        mapping(address account => Account) accounts;
        mapping(address owner => mapping(address spender => uint256)) allowances;
        string name;
        string symbol;
        mapping(bytes32 name => DocumentVersion[]) documentHistory;
        bytes32[] documentNames;
        mapping(bytes32 name => uint256) documentPosition; // 1-based index in documentNames; 0: absent
        EncumbranceRecord[] encumbrances;
        // holder rules (appended: upgrade-safe)
        uint128 maxBalance;
        uint32 maxHolders;
        uint32 holderCount;
        mapping(uint256 word => uint256 bits) allowedCountries;
    }

    /// @dev Outcome of the holder rules for one credit.
    enum Rule {
        Ok,
        Country,
        MaxBalance,
        MaxHolders
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.AssetToken")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xb5ad64c694ee200968354829f7562d47447301f923491bb310452d088ffc9a00;

    /// @dev Largest ISO 3166-1 numeric code; the allowed-country bitmap spans words 0..3 (codes 0..1023).
    uint16 private constant _MAX_COUNTRY = 999;
    uint256 private constant _COUNTRY_WORDS = 4;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IAssetToken
    function initialize(
        AssetParams calldata params,
        address identityRegistry_,
        address valuationSource_
    ) external initializer {
        _requireNonZero(identityRegistry_);
        _requireNonZero(valuationSource_);
        _requireNonZero(params.custodian);
        _requireNonZero(params.admin);
        _requireNonZero(params.issuer);
        _requireNonZero(params.enforcer);
        _requireNonZero(params.pauser);
        if (params.assetId == bytes32(0)) revert AssetTokenZeroAssetId();
        if (params.totalShares == 0) revert AssetTokenZeroTotalShares();

        __AccessControl_init();
        _grantRole(DEFAULT_ADMIN_ROLE, params.admin);
        _grantRole(ISSUER_ROLE, params.issuer);
        _grantRole(ENFORCER_ROLE, params.enforcer);
        _grantRole(PAUSER_ROLE, params.pauser);

        AssetTokenStorage storage $ = _getAssetTokenStorage();
        $.identityRegistry = IIdentityRegistry(identityRegistry_);
        $.decimals = params.decimals;
        $.assetClass = params.assetClass;
        $.jurisdiction = params.jurisdiction;
        $.totalShares = params.totalShares;
        $.valuationSource = IAttestedValueSource(valuationSource_);
        $.assetId = params.assetId;
        $.name = params.name;
        $.symbol = params.symbol;
        $.custodian = params.custodian;
        emit CustodianUpdated(address(0), params.custodian);
    }

    // ----------------------------------------------------------------- ERC-20

    /// @inheritdoc IERC20
    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        // A fully frozen spender (e.g. the lost key left behind by {recoverWallet}) spends nothing (USDC 2018).
        if (_getAssetTokenStorage().accounts[msg.sender].fullyFrozen) revert AssetTokenSpenderFrozen(msg.sender);
        _spendAllowance(from, msg.sender, amount);
        _transfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 amount) external returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _getAssetTokenStorage().allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view returns (uint256) {
        return _getAssetTokenStorage().accounts[account].balance;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _getAssetTokenStorage().allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function totalSupply() external view returns (uint256) {
        return _getAssetTokenStorage().totalSupply;
    }

    /// @inheritdoc IERC20Metadata
    function name() external view returns (string memory) {
        return _getAssetTokenStorage().name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view returns (string memory) {
        return _getAssetTokenStorage().symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external view returns (uint8) {
        return _getAssetTokenStorage().decimals;
    }

    // ----------------------------------------------------------------- supply

    /// @inheritdoc IAssetToken
    function mint(uint256 amount) external onlyRole(ISSUER_ROLE) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        address reserve_ = _reserve();
        uint256 supply = $.totalSupply;
        uint256 cap = $.totalShares;
        if (amount > cap - supply) revert AssetTokenSharesCapExceeded(amount, supply, cap);
        Account storage acc = $.accounts[reserve_];
        if (acc.fullyFrozen) revert ERC7943CannotReceive(reserve_);
        // The reserve is exempt from the holder rules (it is the issuer); it still counts as a holder.
        if (acc.balance == 0 && amount != 0) ++$.holderCount;
        // Cannot overflow: supply + amount <= totalShares < 2^128 and a balance never exceeds the supply.
        $.totalSupply = uint128(supply + amount);
        acc.balance += uint128(amount);
        emit Transfer(address(0), reserve_, amount);
    }

    /// @inheritdoc IAssetToken
    function burn(uint256 amount, bytes32 ref) external {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        address reserve_ = _reserve();
        if (msg.sender != reserve_) revert AssetTokenCallerNotReserve(msg.sender, reserve_);
        if (ref == bytes32(0)) revert AssetTokenReferenceRequired();
        Account memory acc = $.accounts[reserve_];
        if (acc.fullyFrozen) revert ERC7943CannotSend(reserve_);
        _checkSpendable(reserve_, acc, amount);
        if (acc.balance == amount && amount != 0) --$.holderCount;
        $.accounts[reserve_].balance = acc.balance - uint128(amount);
        $.totalSupply -= uint128(amount);
        emit Transfer(reserve_, address(0), amount);
        emit SharesBurned(reserve_, amount, ref);
    }

    // ----------------------------------------------------------------- enforcement (ERC-7943)

    /// @inheritdoc IERC7943Fungible
    function setFrozenTokens(address account, uint256 amount) external returns (bool) {
        _authorizeEnforcement(account, _reserve());
        if (amount > type(uint120).max) revert AssetTokenFrozenAmountTooLarge(amount);
        _getAssetTokenStorage().accounts[account].frozen = uint120(amount);
        emit Frozen(account, amount);
        return true;
    }

    /// @inheritdoc IAssetToken
    function freeze(address account) external {
        _setFullFreeze(account, true);
    }

    /// @inheritdoc IAssetToken
    function unfreeze(address account) external {
        _setFullFreeze(account, false);
    }

    /**
     * @inheritdoc IERC7943Fungible
     * @dev Requirements: caller has ENFORCER_ROLE, or is the reserve when `from` is the reserve (only the
     * reserve moves its own shares out); `to` can receive (verified, not fully frozen, holder rules);
     * `amount` within the balance of `from`. A fully frozen or unverified `from` can be seized.
     * Frozen tokens of `from` are unfrozen only as far as the transfer consumes them (a {Frozen}
     * event precedes {Transfer}). `from == to` moves nothing, never changes the frozen amount, and
     * like a self transfer needs `amount` within the unfrozen balance. Works while paused.
     */
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool) {
        _forcedTransfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IAssetToken
    function forcedTransfer(
        address from,
        address to,
        uint256 amount,
        bytes32 legalOrderRef
    ) external returns (bool) {
        if (legalOrderRef == bytes32(0)) revert AssetTokenReferenceRequired();
        _forcedTransfer(from, to, amount);
        emit ForcedTransferOrdered(from, to, amount, legalOrderRef);
        return true;
    }

    /// @inheritdoc IAssetToken
    function recoverWallet(address lostWallet, address newWallet, bytes32 ref) external {
        if (ref == bytes32(0)) revert AssetTokenReferenceRequired();
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        (bool verified, uint16 country, address reserve_) = _verification(newWallet);
        _authorizeEnforcement(lostWallet, reserve_);
        Account memory lost = $.accounts[lostWallet];
        // The reserve never inherits frozen state (a frozen amount or the full-freeze flag would lock its shares).
        if (
            newWallet == lostWallet || (lost.balance == 0 && lost.frozen == 0)
                || (newWallet == reserve_ && (lost.frozen != 0 || lost.fullyFrozen))
        ) {
            revert AssetTokenInvalidRecovery(lostWallet, newWallet);
        }
        Account storage recipient = $.accounts[newWallet];
        if (recipient.fullyFrozen || !verified) revert ERC7943CannotReceive(newWallet);
        uint256 before = recipient.balance;
        // One holder leaves as at most one joins: the count never grows, so the holder cap is not consulted.
        _requireRules($, newWallet, country, before, lost.balance, reserve_, false);
        if (before != 0 && lost.balance != 0) --$.holderCount;

        recipient.balance += lost.balance;
        recipient.frozen += lost.frozen;
        recipient.fullyFrozen = lost.fullyFrozen;
        $.accounts[lostWallet] = Account({balance: 0, frozen: 0, fullyFrozen: true});

        if (lost.frozen != 0) {
            emit Frozen(lostWallet, 0);
            emit Frozen(newWallet, recipient.frozen);
        }
        emit Transfer(lostWallet, newWallet, lost.balance);
        if (lost.fullyFrozen) emit FullFreezeUpdated(newWallet, true);
        else emit FullFreezeUpdated(lostWallet, true);
        emit WalletRecovered(lostWallet, newWallet, lost.balance, lost.frozen, ref);
    }

    /// @inheritdoc IAssetToken
    function pause() external onlyRole(PAUSER_ROLE) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        if ($.paused) revert AssetTokenPaused();
        $.paused = true;
        emit Paused(msg.sender);
    }

    /// @inheritdoc IAssetToken
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        if (!$.paused) revert AssetTokenNotPaused();
        $.paused = false;
        emit Unpaused(msg.sender);
    }

    /// @inheritdoc IERC7943Fungible
    function canSend(address account) external view returns (bool) {
        return _canTransact(account);
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) external view returns (bool) {
        return _canReceive(account, 1);
    }

    /// @inheritdoc IERC7943Fungible
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        return
            !$.paused &&
            _canTransact(from) &&
            !(amount > _unfrozen($.accounts[from])) &&
            (from == to ? _canTransact(to) : _canReceive(to, amount));
    }

    // ----------------------------------------------------------------- holder rules

    /// @inheritdoc IAssetToken
    function setAllowedCountries(uint16[] calldata countries) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        for (uint256 w = 0; w < _COUNTRY_WORDS; ++w) delete $.allowedCountries[w];
        for (uint256 i = 0; i < countries.length; ++i) {
            uint16 c = countries[i];
            if (c == 0 || c > _MAX_COUNTRY) revert AssetTokenInvalidCountry(c);
            $.allowedCountries[c >> 8] |= 1 << (c & 0xff);
        }
        $.countryRestricted = countries.length != 0;
        emit AllowedCountriesUpdated(countries);
    }

    /// @inheritdoc IAssetToken
    function setMaxHolders(uint32 newMax) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        emit MaxHoldersUpdated($.maxHolders, newMax);
        $.maxHolders = newMax;
    }

    /// @inheritdoc IAssetToken
    function setMaxBalance(uint128 newMax) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        emit MaxBalanceUpdated($.maxBalance, newMax);
        $.maxBalance = newMax;
        $.balanceCapped = newMax != 0;
    }

    /// @inheritdoc IAssetToken
    function holderRules() external view returns (HolderRules memory) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        return HolderRules($.countryRestricted, $.maxHolders, $.maxBalance, $.holderCount);
    }

    /// @inheritdoc IAssetToken
    function isCountryAllowed(uint16 country) public view returns (bool) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        return !$.countryRestricted || ($.allowedCountries[country >> 8] >> (country & 0xff)) & 1 == 1;
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) external view returns (uint256) {
        return _getAssetTokenStorage().accounts[account].frozen;
    }

    /// @inheritdoc IAssetToken
    function isFrozen(address account) external view returns (bool) {
        return _getAssetTokenStorage().accounts[account].fullyFrozen;
    }

    /// @inheritdoc IAssetToken
    function paused() external view returns (bool) {
        return _getAssetTokenStorage().paused;
    }

    // ----------------------------------------------------------------- asset record

    /// @inheritdoc IERC1643
    function setDocument(bytes32 name_, string calldata uri, bytes32 documentHash) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (name_ == bytes32(0) || bytes(uri).length == 0) revert AssetTokenInvalidDocument(name_);
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        $.documentHistory[name_].push(
            DocumentVersion({uri: uri, documentHash: documentHash, timestamp: uint64(block.timestamp), removed: false})
        );
        if ($.documentPosition[name_] == 0) {
            $.documentNames.push(name_);
            $.documentPosition[name_] = $.documentNames.length;
        }
        emit DocumentUpdated(name_, uri, documentHash);
    }

    /// @inheritdoc IERC1643
    function removeDocument(bytes32 name_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        uint256 position = $.documentPosition[name_];
        if (position == 0) revert AssetTokenDocumentNotFound(name_);
        bytes32[] storage names = $.documentNames;
        bytes32 last = names[names.length - 1];
        names[position - 1] = last;
        $.documentPosition[last] = position;
        names.pop();
        delete $.documentPosition[name_];

        DocumentVersion[] storage history = $.documentHistory[name_];
        DocumentVersion memory current = history[history.length - 1];
        history.push(DocumentVersion({uri: "", documentHash: bytes32(0), timestamp: uint64(block.timestamp), removed: true}));
        emit DocumentRemoved(name_, current.uri, current.documentHash);
    }

    /// @inheritdoc IAssetToken
    function setEncumbrance(Encumbrance status, bytes32 ref) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (ref == bytes32(0)) revert AssetTokenReferenceRequired();
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        Encumbrance old = _currentEncumbrance($);
        $.encumbrances.push(EncumbranceRecord({status: status, ref: ref, timestamp: uint64(block.timestamp)}));
        emit EncumbranceUpdated(old, status, ref);
    }

    /// @inheritdoc IAssetToken
    function setCustodian(address newCustodian) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireNonZero(newCustodian);
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        emit CustodianUpdated($.custodian, newCustodian);
        $.custodian = newCustodian;
    }

    /// @inheritdoc IERC1643
    function getDocument(bytes32 name_) external view returns (string memory, bytes32, uint256) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        if ($.documentPosition[name_] == 0) return ("", bytes32(0), 0);
        DocumentVersion[] storage history = $.documentHistory[name_];
        DocumentVersion storage current = history[history.length - 1];
        return (current.uri, current.documentHash, current.timestamp);
    }

    /// @inheritdoc IERC1643
    function getAllDocuments() external view returns (bytes32[] memory) {
        return _getAssetTokenStorage().documentNames;
    }

    /// @inheritdoc IAssetToken
    function documentHistory(bytes32 name_) external view returns (DocumentVersion[] memory) {
        return _getAssetTokenStorage().documentHistory[name_];
    }

    /// @inheritdoc IAssetToken
    function encumbranceHistory() external view returns (EncumbranceRecord[] memory) {
        return _getAssetTokenStorage().encumbrances;
    }

    /// @inheritdoc IAssetToken
    function assetInfo() external view returns (AssetInfo memory) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        return
            AssetInfo({
                assetId: $.assetId,
                assetClass: $.assetClass,
                jurisdiction: $.jurisdiction,
                custodian: $.custodian,
                totalShares: $.totalShares,
                encumbrance: _currentEncumbrance($)
            });
    }

    /// @inheritdoc IAssetToken
    function valuation() external view returns (uint256 value, uint64 asOf, bool fresh) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        IAttestedValueSource source = $.valuationSource;
        bytes32 subject = $.assetId;
        (value, asOf, ) = source.latestReport(subject);
        fresh = source.isFresh(subject);
    }

    /// @inheritdoc IAssetToken
    function valuationDecimals() external view returns (uint8) {
        return _getAssetTokenStorage().valuationSource.valueDecimals();
    }

    /// @inheritdoc IAssetToken
    function reserve() external view returns (address) {
        return _reserve();
    }

    /// @inheritdoc IAssetToken
    function identityRegistry() external view returns (address) {
        return address(_getAssetTokenStorage().identityRegistry);
    }

    /// @inheritdoc IAssetToken
    function valuationSource() external view returns (address) {
        return address(_getAssetTokenStorage().valuationSource);
    }

    /// @inheritdoc AccessControlUpgradeable
    function supportsInterface(bytes4 interfaceId) public view override(AccessControlUpgradeable, IERC165) returns (bool) {
        return
            interfaceId == type(IERC7943Fungible).interfaceId ||
            interfaceId == type(IERC20).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    // ----------------------------------------------------------------- internal

    /// @dev A holder transfer: not paused, both parties verified and not fully frozen, `amount`
    /// within the unfrozen balance of `from`, the holder rules for `to`. One registry call.
    function _transfer(address from, address to, uint256 amount) private {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        if ($.paused) revert AssetTokenPaused();
        (bool fromVerified, bool toVerified, uint16 toCountry) = $.identityRegistry.verifiedPair(from, to);
        Account memory sender = $.accounts[from];
        if (!fromVerified || sender.fullyFrozen) revert ERC7943CannotSend(from);
        Account storage recipient = $.accounts[to];
        if (!toVerified || recipient.fullyFrozen) revert ERC7943CannotReceive(to);
        _checkSpendable(from, sender, amount);
        if (from != to) _move($, from, to, sender.balance, recipient, toCountry, amount, address(0));
        emit Transfer(from, to, amount);
    }

    /**
     * @dev Moves `amount` (within the balance) from `from` to `to` != `from`: applies the holder rules to
     * `to` and keeps the holder count. `reserve_` may be zero (unknown): it is then read only if a rule fails.
     */
    function _move(
        AssetTokenStorage storage $,
        address from,
        address to,
        uint256 fromBalance,
        Account storage recipient,
        uint16 toCountry,
        uint256 amount,
        address reserve_
    ) private {
        uint256 before = recipient.balance;
        bool joins = before == 0 && amount != 0;
        _requireRules($, to, toCountry, before, amount, reserve_, joins);
        bool leaves = fromBalance == amount && amount != 0;
        if (joins != leaves) {
            if (joins) ++$.holderCount;
            else --$.holderCount;
        }
        // Cannot overflow: amount <= fromBalance and a balance never exceeds the supply (< 2^128).
        $.accounts[from].balance = uint128(fromBalance - amount);
        recipient.balance = uint128(before + amount);
    }

    /// @dev Reverts when crediting `amount` to `to` (balance `before`) breaks a holder rule; the reserve is exempt.
    function _requireRules(
        AssetTokenStorage storage $,
        address to,
        uint16 country,
        uint256 before,
        uint256 amount,
        address reserve_,
        bool joins
    ) private view {
        Rule broken = _brokenRule($, country, before, amount, joins);
        if (broken == Rule.Ok) return;
        if (reserve_ == address(0)) reserve_ = _reserve();
        if (to == reserve_) return;
        if (broken == Rule.Country) revert AssetTokenCountryNotAllowed(to, country);
        if (broken == Rule.MaxBalance) revert AssetTokenMaxBalanceExceeded(to, before + amount, $.maxBalance);
        revert AssetTokenMaxHoldersReached(to, $.maxHolders);
    }

    /// @dev The first holder rule a credit breaks (reserve exemption not applied), or Ok. One SLOAD per active rule.
    function _brokenRule(
        AssetTokenStorage storage $,
        uint16 country,
        uint256 before,
        uint256 amount,
        bool joins
    ) private view returns (Rule) {
        if ($.countryRestricted && ($.allowedCountries[country >> 8] >> (country & 0xff)) & 1 == 0) return Rule.Country;
        if ($.balanceCapped && before + amount > $.maxBalance) return Rule.MaxBalance;
        if (joins) {
            uint32 max = $.maxHolders;
            // solhint-disable-next-line gas-strict-inequalities
            if (max != 0 && $.holderCount >= max) return Rule.MaxHolders;
        }
        return Rule.Ok;
    }

    function _forcedTransfer(address from, address to, uint256 amount) private {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        (bool verified, uint16 country, address reserve_) = _verification(to);
        _authorizeEnforcement(from, reserve_);
        Account storage recipient = $.accounts[to];
        if (recipient.fullyFrozen || !verified) revert ERC7943CannotReceive(to);
        Account memory sender = $.accounts[from];
        if (amount > sender.balance) revert ERC20InsufficientBalance(from, sender.balance, amount);
        if (from == to) {
            // Moves nothing: the frozen amount stays (the anchor bug unfroze it here).
            _checkSpendable(from, sender, amount);
        } else {
            uint256 unfrozen = _unfrozen(sender);
            if (amount > unfrozen) {
                // Unfreeze only the frozen tokens this transfer consumes; a surplus frozen above
                // the balance (withholding of future receipts) is kept.
                uint120 newFrozen = sender.frozen - uint120(amount - unfrozen);
                $.accounts[from].frozen = newFrozen;
                emit Frozen(from, newFrozen);
            }
            _move($, from, to, sender.balance, recipient, country, amount, reserve_);
        }
        emit Transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
    }

    /// @dev Enforcement on `account`: the reserve's own holdings answer only to the reserve (the Safe),
    /// everyone else's to ENFORCER_ROLE.
    function _authorizeEnforcement(address account, address reserve_) private view {
        if (account == reserve_) {
            if (msg.sender != reserve_) revert AssetTokenReserveOnly(msg.sender);
        } else {
            _checkRole(ENFORCER_ROLE);
        }
    }

    function _spendAllowance(address owner, address spender, uint256 amount) private {
        mapping(address => uint256) storage allowed = _getAssetTokenStorage().allowances[owner];
        uint256 current = allowed[spender];
        if (current != type(uint256).max) {
            if (current < amount) revert ERC20InsufficientAllowance(spender, current, amount);
            allowed[spender] = current - amount;
        }
    }

    function _setFullFreeze(address account, bool frozen) private {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        _authorizeEnforcement(account, _reserve());
        $.accounts[account].fullyFrozen = frozen;
        emit FullFreezeUpdated(account, frozen);
    }

    /// @dev {canReceive} for a credit of `amount`: verified, not fully frozen, holder rules (reserve exempt).
    function _canReceive(address account, uint256 amount) private view returns (bool) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        (bool verified, uint16 country, address reserve_) = _verification(account);
        if (!verified || $.accounts[account].fullyFrozen) return false;
        uint256 before = $.accounts[account].balance;
        return account == reserve_ || _brokenRule($, country, before, amount, before == 0 && amount != 0) == Rule.Ok;
    }

    function _canTransact(address account) private view returns (bool) {
        AssetTokenStorage storage $ = _getAssetTokenStorage();
        (bool verified, , ) = _verification(account);
        return verified && !$.accounts[account].fullyFrozen;
    }

    /// @dev Reverts unless `amount` is within the balance and then within the unfrozen balance.
    function _checkSpendable(address account, Account memory acc, uint256 amount) private pure {
        if (amount > acc.balance) revert ERC20InsufficientBalance(account, acc.balance, amount);
        uint256 unfrozen = _unfrozen(acc);
        if (amount > unfrozen) revert ERC7943InsufficientUnfrozenBalance(account, amount, unfrozen);
    }

    /// @dev Balance minus frozen amount, floored at zero (the frozen amount may exceed the balance).
    function _unfrozen(Account memory acc) private pure returns (uint256) {
        return acc.frozen < acc.balance ? acc.balance - acc.frozen : 0;
    }

    function _currentEncumbrance(AssetTokenStorage storage $) private view returns (Encumbrance) {
        uint256 n = $.encumbrances.length;
        return n == 0 ? Encumbrance.None : $.encumbrances[n - 1].status;
    }

    function _requireNonZero(address account) private pure {
        if (account == address(0)) revert AssetTokenZeroAddress();
    }

    /// @dev The reserve, read from the identity registry (one call site).
    function _reserve() private view returns (address) {
        return _getAssetTokenStorage().identityRegistry.reserve();
    }

    /// @dev {IIdentityRegistry-verification} of `account` (one call site).
    function _verification(address account) private view returns (bool verified, uint16 country, address reserve_) {
        return _getAssetTokenStorage().identityRegistry.verification(account);
    }

    function _getAssetTokenStorage() private pure returns (AssetTokenStorage storage $) {
        // ERC-7201: point the storage struct at its namespaced slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }
}
