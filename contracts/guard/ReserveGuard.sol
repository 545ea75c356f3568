// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ISafeTransactionGuard} from "./interfaces/ISafeTransactionGuard.sol";
import {ISafeOwners} from "./interfaces/ISafeOwners.sol";
import {IReserveCallRule} from "./interfaces/IReserveCallRule.sol";

// solhint-disable gas-indexed-events

/**
 * @title ReserveGuard
 * @notice A Safe v1.4.1 transaction guard for the reserve Safe. It holds even when every custodian's
 *         screen lies, because it is enforced on chain:
 *         - a delegatecall is allowed only to the chain's canonical MultiSendCallOnly (fixed at
 *           deployment), whose packed batch is parsed and each entry checked like a top-level call;
 *         - a call from the Safe to itself (owners, threshold, modules, guard, fallback handler, any
 *           other) executes only if that exact call (to, value, data, operation) was announced here by
 *           an owner at least `delayOf(safe)` seconds before, and not after the announcement expired;
 *           an announcement is consumed when executed;
 *         - a call from the Safe to any other contract whose function selector is on the Safe's delayed
 *           set (upgrades, role grants, admin transfers, reserve and minter settings, ...: the
 *           classification in docs/guard.md) executes only under the same condition: announced, waited
 *           out, not expired, consumed. Adding selectors to the set is instant (it only slows the Safe
 *           down); removing one is an announced, delayed call. The protective selectors ({isProtective}:
 *           pause, freeze, revoke/renounce a role, remove a minter, suspend/revoke a counterparty, cancel
 *           an admin transfer) can never be put on the set and are never passed to the call rule, so no
 *           sequence of changes can make them wait or fail here;
 *         - a change of this guard's own per-Safe configuration (delay, expiry window, call rule, removal
 *           from the delayed set) is itself such an announced, delayed call (enforced here, so a module
 *           cannot skip it);
 *         - a call from the Safe to this guard is refused unless it is one of its configuration functions
 *           (cancel, delaySelectors, and the announced setDelay, setExpiryWindow, setCallRule, undelaySelectors);
 *         - gas refunds (`gasPrice` != 0 or a `refundReceiver`) are refused;
 *         - every other CALL but a protective one is passed to the Safe's optional call rule ({IReserveCallRule}).
 *         One guard serves any number of Safes: in `checkTransaction` the caller is the Safe.
 * @dev    `signatures` is declared `memory` (unused): with `calldata` the ABI decoder of eleven parameters
 *         runs out of stack without via-IR.
 *         Announcements are consumed in `checkTransaction`. A self-call is accepted only with
 *         `safeTxGas == 0` (and `gasPrice` is always 0), so when the inner call fails the Safe reverts
 *         the whole `execTransaction` (GS013) and the consumption is rolled back with it.
 *         Storage: ERC-7201 namespace `som.storage.ReserveGuard`; the rest is immutable.
 */
contract ReserveGuard is ISafeTransactionGuard {
    /// @notice Largest delay a Safe may configure (a larger one could lock its owners out for years).
    uint64 public constant MAX_DELAY = 30 days;
    /// @notice Shortest expiry window (time between `executableAt` and `expiresAt`).
    uint64 public constant MIN_EXPIRY_WINDOW = 1 hours;
    /// @notice Longest expiry window.
    uint64 public constant MAX_EXPIRY_WINDOW = 90 days;

    /// @notice The chain's canonical Safe v1.4.1 MultiSendCallOnly: the one allowed delegatecall target.
    address public immutable MULTI_SEND_CALL_ONLY;
    /// @notice Delay of a Safe that has not configured its own (seconds).
    uint64 public immutable DEFAULT_DELAY;
    /// @notice Expiry window of a Safe that has not configured its own (seconds).
    uint64 public immutable DEFAULT_EXPIRY_WINDOW;

    /// @dev `multiSend(bytes)` of MultiSendCallOnly.
    bytes4 private constant MULTI_SEND_SELECTOR = 0x8d80ff0a;
    /// @dev ERC-165 interface id.
    bytes4 private constant ERC165_INTERFACE_ID = 0x01ffc9a7;

    // Protective selectors: never delayed, never passed to the call rule.
    bytes4 private constant _PAUSE = 0x8456cb59; // pause()
    bytes4 private constant _FREEZE = 0x8d1fdf2f; // freeze(address)
    bytes4 private constant _FREEZE_BATCH = 0x4cfd7a57; // freezeBatch(address[])
    bytes4 private constant _REVOKE_ROLE = 0xd547741f; // revokeRole(bytes32,address)
    bytes4 private constant _RENOUNCE_ROLE = 0x36568abe; // renounceRole(bytes32,address)
    bytes4 private constant _REMOVE_MINTER = 0x3092afd5; // removeMinter(address)
    bytes4 private constant _SUSPEND = 0x680c3580; // suspend(address,bytes32)
    bytes4 private constant _REVOKE = 0x88e62721; // revoke(address,bytes32)
    bytes4 private constant _CANCEL_ADMIN_TRANSFER = 0xd602b9fd; // cancelDefaultAdminTransfer()
    /// @dev Packed batch entry header: operation (1) + to (20) + value (32) + data length (32).
    uint256 private constant ENTRY_HEADER = 85;

    /// @notice One pending announcement (both zero = none).
    struct Announcement {
        uint64 executableAt;
        uint64 expiresAt;
    }

    /// @notice A Safe's own timing configuration (unset fields fall back to the defaults).
    struct SafeConfig {
        uint64 delay;
        uint64 expiryWindow;
        bool delaySet;
        bool expiryWindowSet;
    }

    /// @custom:storage-location erc7201:som.storage.ReserveGuard
    struct ReserveGuardStorage {
        mapping(address safe => address rule) callRules;
        mapping(address safe => SafeConfig) configs;
        mapping(address safe => mapping(bytes32 callHash => Announcement)) announcements;
        mapping(address safe => mapping(bytes4 selector => bool)) delayedSelectors;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.ReserveGuard")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x8fdecdceacd70d9b8b0609cab4b9916dc5c68e7e9aa966be3b46c98711d5f500;

    /**
     * @notice An owner of `safe` announced a call the Safe may execute from `executableAt` to `expiresAt`.
     * @param safe The Safe.
     * @param callHash {callHash} of the call.
     * @param to The call's target.
     * @param value The call's native value.
     * @param data The call's calldata.
     * @param operation 0 = Call (the only operation that can be announced).
     * @param executableAt First second the call may execute.
     * @param expiresAt Last second the call may execute.
     * @param announcer The owner who announced it.
     */
    event CallAnnounced(
        address indexed safe,
        bytes32 indexed callHash,
        address to,
        uint256 value,
        bytes data,
        uint8 operation,
        uint64 executableAt,
        uint64 expiresAt,
        address announcer
    );
    /**
     * @notice The Safe cancelled one of its announcements.
     * @param safe The Safe.
     * @param callHash The cancelled call.
     */
    event AnnouncementCancelled(address indexed safe, bytes32 indexed callHash);
    /**
     * @notice An announced call executed (its announcement is consumed).
     * @param safe The Safe.
     * @param callHash The executed call.
     */
    event AnnouncedCallExecuted(address indexed safe, bytes32 indexed callHash);
    /**
     * @notice The Safe's delay changed (an announced call).
     * @param safe The Safe.
     * @param delay The new delay in seconds.
     */
    event DelayChanged(address indexed safe, uint64 delay);
    /**
     * @notice The Safe's expiry window changed (an announced call).
     * @param safe The Safe.
     * @param expiryWindow The new window in seconds.
     */
    event ExpiryWindowChanged(address indexed safe, uint64 expiryWindow);
    /**
     * @notice The Safe's call rule changed (an announced call); zero = no rule.
     * @param safe The Safe.
     * @param rule The new rule.
     */
    event CallRuleChanged(address indexed safe, address rule);

    /**
     * @notice A selector was put on the Safe's delayed set: the Safe's calls with it now need an announcement.
     * @param safe The Safe.
     * @param selector The function selector.
     */
    event SelectorDelayed(address indexed safe, bytes4 selector);
    /**
     * @notice A selector was taken off the Safe's delayed set (an announced call).
     * @param safe The Safe.
     * @param selector The function selector.
     */
    event SelectorUndelayed(address indexed safe, bytes4 selector);

    /// @notice A call of the Safe to this guard that is not one of its configuration functions.
    error GuardCallRefused(bytes4 selector);
    /// @notice A protective selector (pause, freeze, ...) can never be delayed.
    error ProtectiveSelector(bytes4 selector);
    /// @notice A delegatecall to anything but the canonical MultiSendCallOnly.
    error DelegateCallRefused(address to);
    /// @notice A transaction asking for a gas refund.
    error GasRefundRefused(uint256 gasPrice, address refundReceiver);
    /// @notice A MultiSendCallOnly call whose packed batch is not exactly a sequence of CALL entries.
    error MalformedBatch();
    /// @notice A self-call or configuration change that was never announced (or was consumed or cancelled).
    error CallNotAnnounced(address safe, bytes32 callHash);
    /// @notice An announced call executed before its delay passed.
    error AnnouncementNotDue(bytes32 callHash, uint64 executableAt);
    /// @notice An announced call executed after its announcement expired.
    error AnnouncementExpired(bytes32 callHash, uint64 expiresAt);
    /// @notice The same call is already announced and not expired.
    error AlreadyAnnounced(bytes32 callHash, uint64 expiresAt);
    /// @notice Only an owner of the Safe may announce its calls.
    error NotSafeOwner(address safe, address account);
    /// @notice Only CALLs can be announced (delegatecalls are never allowed but to MultiSendCallOnly).
    error OnlyCallsAnnounced(uint8 operation);
    /// @notice A self-call with `safeTxGas` != 0 (its failure would not revert the consumed announcement).
    error SafeTxGasWithAnnouncedCall(uint256 safeTxGas);
    /// @notice Delay above {MAX_DELAY}.
    error DelayOutOfRange(uint64 delay);
    /// @notice Expiry window outside [{MIN_EXPIRY_WINDOW}, {MAX_EXPIRY_WINDOW}].
    error ExpiryWindowOutOfRange(uint64 expiryWindow);
    /// @notice A call rule (or MultiSendCallOnly) address without code.
    error NotAContract(address account);

    /**
     * @notice Deploys the guard for one chain.
     * @param multiSendCallOnly The chain's canonical MultiSendCallOnly v1.4.1.
     * @param defaultDelay Delay of every Safe until it configures its own (48 h on public networks).
     * @param defaultExpiryWindow Expiry window of every Safe until it configures its own.
     */
    constructor(address multiSendCallOnly, uint64 defaultDelay, uint64 defaultExpiryWindow) {
        if (multiSendCallOnly.code.length == 0) revert NotAContract(multiSendCallOnly);
        _checkDelay(defaultDelay);
        _checkExpiryWindow(defaultExpiryWindow);
        MULTI_SEND_CALL_ONLY = multiSendCallOnly;
        DEFAULT_DELAY = defaultDelay;
        DEFAULT_EXPIRY_WINDOW = defaultExpiryWindow;
    }

    // ------------------------------------------------------------------ Safe guard

    /**
     * @inheritdoc ISafeTransactionGuard
     * @dev The caller is the Safe. Ordinary calls write nothing (two storage reads: the delayed set, the call rule).
     */
    // solhint-disable-next-line gas-calldata-parameters
    function checkTransaction(
        address to,
        uint256 value,
        bytes calldata data,
        uint8 operation,
        uint256 safeTxGas,
        uint256,
        uint256 gasPrice,
        address,
        address payable refundReceiver,
        bytes memory,
        address
    ) external override {
        if (gasPrice != 0 || refundReceiver != address(0)) revert GasRefundRefused(gasPrice, refundReceiver);
        if (operation == 0) {
            _checkCall(msg.sender, to, value, data, safeTxGas);
        } else {
            if (to != MULTI_SEND_CALL_ONLY) revert DelegateCallRefused(to);
            _checkBatch(msg.sender, data, safeTxGas);
        }
    }

    /**
     * @inheritdoc ISafeTransactionGuard
     * @dev Nothing to check: announcements are consumed before execution (see the contract's @dev).
     */
    function checkAfterExecution(bytes32, bool) external pure override {
        return;
    }

    /**
     * @notice ERC-165: the Safe guard interface (required by `setGuard`) and ERC-165 itself.
     * @param interfaceId The interface id.
     * @return Whether this contract implements it.
     */
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(ISafeTransactionGuard).interfaceId || interfaceId == ERC165_INTERFACE_ID;
    }

    // ------------------------------------------------------------------ announcements

    /**
     * @notice Announces a call `safe` will make (to itself, to this guard's configuration functions, or
     *         with a selector on its delayed set).
     *         Only an owner of `safe` may announce. The call may execute once, from `executableAt`
     *         (now + the Safe's delay) until `expiresAt` (`executableAt` + the Safe's expiry window).
     * @param safe The Safe that will make the call.
     * @param to The call's target.
     * @param value The call's native value.
     * @param data The call's calldata.
     * @param operation Must be 0 (Call).
     * @return hash The call hash ({callHash}).
     * @return executableAt First second the call may execute.
     * @return expiresAt Last second the call may execute.
     */
    function announce(
        address safe,
        address to,
        uint256 value,
        bytes calldata data,
        uint8 operation
    ) external returns (bytes32 hash, uint64 executableAt, uint64 expiresAt) {
        if (operation != 0) revert OnlyCallsAnnounced(operation);
        if (!ISafeOwners(safe).isOwner(msg.sender)) revert NotSafeOwner(safe, msg.sender);
        hash = _callHash(safe, to, value, data, 0);
        ReserveGuardStorage storage $ = _storage();
        Announcement storage pending = $.announcements[safe][hash];
        // solhint-disable-next-line gas-strict-inequalities
        if (pending.expiresAt != 0 && block.timestamp <= pending.expiresAt) revert AlreadyAnnounced(hash, pending.expiresAt);
        executableAt = uint64(block.timestamp) + delayOf(safe);
        expiresAt = executableAt + expiryWindowOf(safe);
        pending.executableAt = executableAt;
        pending.expiresAt = expiresAt;
        emit CallAnnounced(safe, hash, to, value, data, 0, executableAt, expiresAt, msg.sender);
    }

    /**
     * @notice Cancels one of the caller's (the Safe's) pending announcements. A threshold Safe
     *         transaction, with no delay: announcing needs one owner, refusing needs the threshold.
     * @param hash The call hash of the announcement.
     */
    function cancel(bytes32 hash) external {
        Announcement storage pending = _storage().announcements[msg.sender][hash];
        if (pending.expiresAt == 0) revert CallNotAnnounced(msg.sender, hash);
        delete _storage().announcements[msg.sender][hash];
        emit AnnouncementCancelled(msg.sender, hash);
    }

    // ------------------------------------------------------------------ per-Safe configuration (announced)

    /**
     * @notice Sets the caller's (the Safe's) delay. Must itself have been announced and waited out.
     * @param newDelay The delay in seconds (at most {MAX_DELAY}).
     */
    function setDelay(uint64 newDelay) external {
        _checkDelay(newDelay);
        _consume(msg.sender, address(this), 0, msg.data);
        SafeConfig storage config = _storage().configs[msg.sender];
        config.delay = newDelay;
        config.delaySet = true;
        emit DelayChanged(msg.sender, newDelay);
    }

    /**
     * @notice Sets the caller's (the Safe's) expiry window. Must itself have been announced and waited out.
     * @param newExpiryWindow The window in seconds.
     */
    function setExpiryWindow(uint64 newExpiryWindow) external {
        _checkExpiryWindow(newExpiryWindow);
        _consume(msg.sender, address(this), 0, msg.data);
        SafeConfig storage config = _storage().configs[msg.sender];
        config.expiryWindow = newExpiryWindow;
        config.expiryWindowSet = true;
        emit ExpiryWindowChanged(msg.sender, newExpiryWindow);
    }

    /**
     * @notice Installs, replaces or (with zero) removes the caller's (the Safe's) call rule. Must itself
     *         have been announced and waited out.
     * @param rule The {IReserveCallRule}, or zero for none.
     */
    function setCallRule(address rule) external {
        if (rule != address(0) && rule.code.length == 0) revert NotAContract(rule);
        _consume(msg.sender, address(this), 0, msg.data);
        _storage().callRules[msg.sender] = rule;
        emit CallRuleChanged(msg.sender, rule);
    }

    /**
     * @notice Puts selectors on the caller's (the Safe's) delayed set: the Safe's calls with them, to any
     *         target, then execute only after an announcement and the delay. Instant (it only slows the
     *         Safe down); installed in the Safe's creation batch or an existing Safe's hand-over.
     *         Selectors already on the set are skipped.
     * @param selectors The function selectors; none may be protective ({isProtective}).
     */
    function delaySelectors(bytes4[] calldata selectors) external {
        mapping(bytes4 => bool) storage delayed = _storage().delayedSelectors[msg.sender];
        for (uint256 i = 0; i < selectors.length; ++i) {
            bytes4 selector = selectors[i];
            if (isProtective(selector)) revert ProtectiveSelector(selector);
            if (!delayed[selector]) {
                delayed[selector] = true;
                emit SelectorDelayed(msg.sender, selector);
            }
        }
    }

    /**
     * @notice Takes selectors off the caller's (the Safe's) delayed set. Must itself have been announced
     *         and waited out (it makes the Safe faster). Selectors not on the set are skipped.
     * @param selectors The function selectors.
     */
    function undelaySelectors(bytes4[] calldata selectors) external {
        _consume(msg.sender, address(this), 0, msg.data);
        mapping(bytes4 => bool) storage delayed = _storage().delayedSelectors[msg.sender];
        for (uint256 i = 0; i < selectors.length; ++i) {
            bytes4 selector = selectors[i];
            if (delayed[selector]) {
                delayed[selector] = false;
                emit SelectorUndelayed(msg.sender, selector);
            }
        }
    }

    // ------------------------------------------------------------------ views

    /**
     * @notice Whether the Safe's calls with `selector` (to any contract but itself and this guard) need an
     *         announcement. The Safe's calls to itself always do.
     * @param safe The Safe.
     * @param selector The function selector.
     * @return Whether it is on the Safe's delayed set.
     */
    function isDelayed(address safe, bytes4 selector) external view returns (bool) {
        return _storage().delayedSelectors[safe][selector];
    }

    /**
     * @notice Whether `selector` is protective: pause(), freeze(address), freezeBatch(address[]),
     *         revokeRole(bytes32,address), renounceRole(bytes32,address), removeMinter(address),
     *         suspend(address,bytes32), revoke(address,bytes32), cancelDefaultAdminTransfer(). Such calls
     *         are never delayed and never passed to the call rule.
     * @param selector The function selector.
     * @return Whether it is protective.
     */
    function isProtective(bytes4 selector) public pure returns (bool) {
        return selector == _PAUSE || selector == _FREEZE || selector == _FREEZE_BATCH || selector == _REVOKE_ROLE
            || selector == _RENOUNCE_ROLE || selector == _REMOVE_MINTER || selector == _SUSPEND || selector == _REVOKE
            || selector == _CANCEL_ADMIN_TRANSFER;
    }

    /**
     * @notice A pending announcement (both zero = none).
     * @param safe The Safe.
     * @param hash The call hash.
     * @return executableAt First second the call may execute.
     * @return expiresAt Last second the call may execute.
     */
    function announcement(address safe, bytes32 hash) external view returns (uint64 executableAt, uint64 expiresAt) {
        Announcement storage pending = _storage().announcements[safe][hash];
        return (pending.executableAt, pending.expiresAt);
    }

    /**
     * @notice The delay of `safe` (its own, or {DEFAULT_DELAY}).
     * @param safe The Safe.
     * @return The delay in seconds.
     */
    function delayOf(address safe) public view returns (uint64) {
        SafeConfig storage config = _storage().configs[safe];
        return config.delaySet ? config.delay : DEFAULT_DELAY;
    }

    /**
     * @notice The expiry window of `safe` (its own, or {DEFAULT_EXPIRY_WINDOW}).
     * @param safe The Safe.
     * @return The window in seconds.
     */
    function expiryWindowOf(address safe) public view returns (uint64) {
        SafeConfig storage config = _storage().configs[safe];
        return config.expiryWindowSet ? config.expiryWindow : DEFAULT_EXPIRY_WINDOW;
    }

    /**
     * @notice The call rule of `safe` (zero = none).
     * @param safe The Safe.
     * @return The rule.
     */
    function callRuleOf(address safe) external view returns (address) {
        return _storage().callRules[safe];
    }

    /**
     * @notice The hash identifying an announced call: keccak256(abi.encode(safe, to, value, keccak256(data), operation)).
     * @param safe The Safe.
     * @param to The call's target.
     * @param value The call's native value.
     * @param data The call's calldata.
     * @param operation 0 = Call.
     * @return The call hash.
     */
    function callHash(
        address safe,
        address to,
        uint256 value,
        bytes calldata data,
        uint8 operation
    ) external pure returns (bytes32) {
        return _callHash(safe, to, value, data, operation);
    }

    // ------------------------------------------------------------------ internals

    /// @dev One CALL of `safe` (top level or a batch entry).
    function _checkCall(address safe, address to, uint256 value, bytes calldata data, uint256 safeTxGas) private {
        if (to == safe) {
            if (safeTxGas != 0) revert SafeTxGasWithAnnouncedCall(safeTxGas);
            _consume(safe, to, value, data);
        } else if (to == address(this)) {
            // Calls to this guard: only its configuration functions, which enforce their own announcement
            // (setDelay, setExpiryWindow, setCallRule, undelaySelectors) or need none (cancel, delaySelectors).
            // Anything else is refused (fail closed): a Safe calling `checkTransaction` itself would consume an
            // announcement without running the announced call. The rule is not consulted, so a rule can always
            // be removed.
            bytes4 selector = data.length < 4 ? bytes4(0) : bytes4(data[:4]);
            if (
                selector != this.cancel.selector && selector != this.delaySelectors.selector
                    && selector != this.undelaySelectors.selector && selector != this.setDelay.selector
                    && selector != this.setExpiryWindow.selector && selector != this.setCallRule.selector
            ) revert GuardCallRefused(selector);
        } else {
            bytes4 selector = data.length < 4 ? bytes4(0) : bytes4(data[:4]);
            ReserveGuardStorage storage $ = _storage();
            if ($.delayedSelectors[safe][selector]) {
                if (safeTxGas != 0) revert SafeTxGasWithAnnouncedCall(safeTxGas);
                _consume(safe, to, value, data);
            }
            address rule = $.callRules[safe];
            if (rule != address(0) && !isProtective(selector)) IReserveCallRule(rule).checkCall(safe, to, value, data);
        }
    }

    /**
     * @dev `data` is a call of MultiSendCallOnly.multiSend(bytes transactions). Each packed entry is
     *      operation (1) | to (20) | value (32) | data length (32) | data. Accepted only if the entries
     *      tile `transactions` exactly and are all CALLs: then MultiSendCallOnly executes exactly these.
     */
    function _checkBatch(address safe, bytes calldata data, uint256 safeTxGas) private {
        if (data.length < 36 || bytes4(data[:4]) != MULTI_SEND_SELECTOR) revert MalformedBatch();
        uint256 offset = uint256(bytes32(data[4:36]));
        if (offset > data.length - 36) revert MalformedBatch();
        uint256 start = 36 + offset;
        uint256 length = uint256(bytes32(data[start - 32:start]));
        if (length > data.length - start) revert MalformedBatch();
        bytes calldata txs = data[start:start + length];
        uint256 pos = 0;
        while (pos < length) {
            if (length - pos < ENTRY_HEADER || txs[pos] != 0x00) revert MalformedBatch();
            address to = address(bytes20(txs[pos + 1:pos + 21]));
            uint256 value = uint256(bytes32(txs[pos + 21:pos + 53]));
            uint256 dataLength = uint256(bytes32(txs[pos + 53:pos + ENTRY_HEADER]));
            pos += ENTRY_HEADER;
            if (dataLength > length - pos) revert MalformedBatch();
            _checkCall(safe, to, value, txs[pos:pos + dataLength], safeTxGas);
            pos += dataLength;
        }
    }

    /// @dev Consumes the announcement of `safe` calling `to` (a CALL), reverting unless it is due.
    function _consume(address safe, address to, uint256 value, bytes calldata data) private {
        bytes32 hash = _callHash(safe, to, value, data, 0);
        mapping(bytes32 => Announcement) storage pendings = _storage().announcements[safe];
        Announcement memory pending = pendings[hash];
        if (pending.expiresAt == 0) revert CallNotAnnounced(safe, hash);
        if (block.timestamp < pending.executableAt) revert AnnouncementNotDue(hash, pending.executableAt);
        if (block.timestamp > pending.expiresAt) revert AnnouncementExpired(hash, pending.expiresAt);
        delete pendings[hash];
        emit AnnouncedCallExecuted(safe, hash);
    }

    function _callHash(
        address safe,
        address to,
        uint256 value,
        bytes calldata data,
        uint8 operation
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(safe, to, value, keccak256(data), operation));
    }

    function _checkDelay(uint64 delay) private pure {
        if (delay > MAX_DELAY) revert DelayOutOfRange(delay);
    }

    function _checkExpiryWindow(uint64 window) private pure {
        if (window < MIN_EXPIRY_WINDOW || window > MAX_EXPIRY_WINDOW) revert ExpiryWindowOutOfRange(window);
    }

    function _storage() private pure returns (ReserveGuardStorage storage $) {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }
}
