// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// amounts and references are read by indexers, not filtered on; topics cost gas
// solhint-disable gas-indexed-events

/**
 * @title IRedemptionDesk
 * @notice Redemption of the som stablecoin at par by licensed counterparties. An eligible
 * counterparty requests a redemption of `amount` to a bank account; the tokens move into escrow
 * here; the reserve (its Safe) either settles (the escrowed tokens are burned with the request id
 * as the burn's reference, and the reserve pays `amount` som to the bank account off chain) or
 * rejects (the tokens go back, with a reason code). No fee is taken: what is burned or refunded
 * is exactly what was escrowed. Each request has a settlement deadline; past it the request is
 * overdue ({isOverdue}).
 * @dev A request id is `nonce << 160 | requester`: the requester's own request number (from 1)
 * above its address. Ids are unique for ever and need no global counter.
 */
interface IRedemptionDesk {
    /**
     * @notice Emitted when `requester` asks to redeem `amount`; the tokens are now in escrow.
     * @param id the request id (also the burn reference when settled).
     * @param requester the counterparty.
     * @param amount the escrowed amount, in token units.
     * @param bankAccountRef reference of the bank account the som are paid to.
     * @param deadline the settlement deadline (timestamp).
     */
    event RedemptionRequested(
        uint256 indexed id,
        address requester,
        uint256 amount,
        bytes32 bankAccountRef,
        uint64 deadline
    );

    /**
     * @notice Emitted when the reserve settles request `id`: its `amount` is burned with reference `bytes32(id)`.
     * @param id the request id.
     * @param amount the burned amount.
     */
    event RedemptionSettled(uint256 indexed id, uint256 amount);

    /**
     * @notice Emitted when the reserve rejects request `id`: `amount` goes back to the requester.
     * @param id the request id.
     * @param amount the refunded amount.
     * @param reasonCode why (see docs/market.md: 1 bank account, 2 compliance, 3 licence, 4 other).
     */
    event RedemptionRejected(uint256 indexed id, uint256 amount, uint16 reasonCode);

    /**
     * @notice Emitted when the settlement window of new requests changes.
     * @param oldWindow the window before, in seconds.
     * @param newWindow the window after, in seconds.
     */
    event SettlementWindowSet(uint32 oldWindow, uint32 newWindow);

    /// @notice A constructor address is zero.
    error RedemptionDeskZeroAddress();

    /// @notice The amount is zero.
    error RedemptionDeskZeroAmount();

    /**
     * @notice The amount does not fit the 64-bit escrow record.
     * @param amount the amount.
     */
    error RedemptionDeskAmountTooLarge(uint256 amount);

    /**
     * @notice The caller is not an eligible counterparty.
     * @param account the caller.
     */
    error RedemptionDeskNotEligible(address account);

    /**
     * @notice The requester already has the maximum number of open requests.
     * @param account the requester.
     */
    error RedemptionDeskTooManyOpenRequests(address account);

    /**
     * @notice Request `id` is not open (unknown, settled or rejected).
     * @param id the request id.
     */
    error RedemptionDeskNotOpen(uint256 id);

    /**
     * @notice Only the reserve may settle, reject and set the window.
     * @param caller the caller.
     */
    error RedemptionDeskNotReserve(address caller);

    /**
     * @notice The settlement window is zero or longer than the maximum.
     * @param window the window given.
     */
    error RedemptionDeskInvalidWindow(uint32 window);

    /// @notice The stablecoin returned false from a transfer.
    error RedemptionDeskTokenCallFailed();

    /**
     * @notice Escrows `amount` of the caller's stablecoin (it must have approved this desk) and
     * opens a redemption request payable to `bankAccountRef`. The caller must be eligible.
     * @param amount amount to redeem, in token units.
     * @param bankAccountRef reference of the bank account to pay.
     * @return id the request id.
     */
    function requestRedemption(uint256 amount, bytes32 bankAccountRef) external returns (uint256 id);

    /**
     * @notice Settles request `id`: burns its escrow with reference `bytes32(id)`. Only the reserve.
     * @param id the request id.
     */
    function settle(uint256 id) external;

    /**
     * @notice Rejects request `id`: refunds its escrow to the requester. Only the reserve.
     * @param id the request id.
     * @param reasonCode why.
     */
    function reject(uint256 id, uint16 reasonCode) external;

    /**
     * @notice Sets the settlement window of requests made from now on. Only the reserve.
     * @param window seconds from request to deadline (1 second to 365 days).
     */
    function setSettlementWindow(uint32 window) external;

    /**
     * @notice Request `id`.
     * @param id the request id.
     * @return requester the requester (from the id).
     * @return amount the escrowed amount (0 once closed).
     * @return deadline the settlement deadline (0 when unknown).
     * @return open whether it awaits settlement or rejection.
     */
    function request(uint256 id)
        external
        view
        returns (address requester, uint256 amount, uint64 deadline, bool open);

    /**
     * @notice Whether request `id` is open and past its deadline.
     * @param id the request id.
     * @return overdue true when overdue.
     */
    function isOverdue(uint256 id) external view returns (bool overdue);

    /**
     * @notice The open requests of `requester`.
     * @param requester the counterparty.
     * @return ids their ids.
     */
    function openRequestsOf(address requester) external view returns (uint256[] memory ids);

    /**
     * @notice The settlement window of new requests, in seconds.
     * @return window the window.
     */
    function settlementWindow() external view returns (uint32 window);
}
