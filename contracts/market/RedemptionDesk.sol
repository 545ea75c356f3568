// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ISomStablecoin} from "../stablecoin/interfaces/ISomStablecoin.sol";
import {ICounterpartyRegistry} from "./interfaces/ICounterpartyRegistry.sol";
import {IRedemptionDesk} from "./interfaces/IRedemptionDesk.sol";

/**
 * @title RedemptionDesk
 * @notice Escrow for redemptions at par (see {IRedemptionDesk} and docs/market.md). The reserve
 * (the reserve Safe, fixed at deployment) settles or rejects; the desk holds the stablecoin's
 * BURNER_ROLE so that a settlement burns exactly the escrowed tokens with the request id as the
 * burn's reference, in one call.
 * @dev Not upgradeable on purpose: counterparties' escrowed tokens can only ever be burned by a
 * settlement or refunded to them by a rejection, and no upgrade can change that. Storage is
 * ERC-7201 (namespace `som.storage.RedemptionDesk`) all the same. Each requester has one storage
 * word holding two request lanes of 128 bits (amount 64 | deadline 32 | nonce 32, low to high):
 * a requester has at most two open requests, and after its first request every new request
 * rewrites a word that is already non-zero (this keeps a request within its gas budget).
 */
contract RedemptionDesk is IRedemptionDesk {
    /// @notice Longest settlement window: one year.
    uint32 public constant MAX_SETTLEMENT_WINDOW = 365 days;
    /// @notice Most open requests per requester.
    uint256 public constant MAX_OPEN_PER_REQUESTER = 2;

    /// @notice The som stablecoin redeemed here.
    ISomStablecoin public immutable token;
    /// @notice The registry that decides who may request.
    ICounterpartyRegistry public immutable registry;
    /// @notice The reserve (the reserve Safe): settles, rejects and sets the window.
    address public immutable reserve;

    /// @custom:storage-location erc7201:som.storage.RedemptionDesk
    struct RedemptionDeskStorage {
        uint32 settlementWindow;
        mapping(address requester => uint256 lanes) requests;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.RedemptionDesk")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xb2f95896410466fc95d7fb6c3a93deb6818dbed96d203aef6e24b6f229651700;

    uint256 private constant _AMOUNT_MASK = type(uint64).max;
    uint256 private constant _LANE_BITS = 128;

    /// @dev Only the reserve.
    modifier onlyReserve() {
        if (msg.sender != reserve) revert RedemptionDeskNotReserve(msg.sender);
        _;
    }

    /**
     * @notice Deploys the desk.
     * @param token_ the stablecoin (its proxy).
     * @param registry_ the counterparty registry (its proxy).
     * @param reserve_ the reserve Safe.
     * @param window the settlement window of requests, in seconds.
     */
    constructor(ISomStablecoin token_, ICounterpartyRegistry registry_, address reserve_, uint32 window) {
        if (address(token_) == address(0) || address(registry_) == address(0) || reserve_ == address(0)) {
            revert RedemptionDeskZeroAddress();
        }
        token = token_;
        registry = registry_;
        reserve = reserve_;
        _setWindow(window);
    }

    /// @inheritdoc IRedemptionDesk
    function requestRedemption(uint256 amount, bytes32 bankAccountRef) external returns (uint256 id) {
        if (amount == 0) revert RedemptionDeskZeroAmount();
        if (amount > _AMOUNT_MASK) revert RedemptionDeskAmountTooLarge(amount);
        if (!registry.isEligible(msg.sender)) revert RedemptionDeskNotEligible(msg.sender);
        RedemptionDeskStorage storage $ = _getStorage();
        uint256 word = $.requests[msg.sender];
        uint256 lane0 = uint128(word);
        uint256 lane1 = word >> _LANE_BITS;
        uint256 nonce = _max(lane0 >> 96, lane1 >> 96) + 1;
        uint256 deadline = block.timestamp + $.settlementWindow;
        uint256 lane = (uint256(SafeCast.toUint32(nonce)) << 96) | (uint256(SafeCast.toUint32(deadline)) << 64) | amount;
        if (lane0 & _AMOUNT_MASK == 0) {
            word = (lane1 << _LANE_BITS) | lane;
        } else if (lane1 & _AMOUNT_MASK == 0) {
            word = (lane << _LANE_BITS) | lane0;
        } else {
            revert RedemptionDeskTooManyOpenRequests(msg.sender);
        }
        $.requests[msg.sender] = word;
        id = (nonce << 160) | uint256(uint160(msg.sender));
        emit RedemptionRequested(id, msg.sender, amount, bankAccountRef, uint64(deadline));
        if (!token.transferFrom(msg.sender, address(this), amount)) revert RedemptionDeskTokenCallFailed();
    }

    /// @inheritdoc IRedemptionDesk
    function settle(uint256 id) external onlyReserve {
        uint256 amount = _close(id);
        emit RedemptionSettled(id, amount);
        token.burn(amount, bytes32(id));
    }

    /// @inheritdoc IRedemptionDesk
    function reject(uint256 id, uint16 reasonCode) external onlyReserve {
        uint256 amount = _close(id);
        emit RedemptionRejected(id, amount, reasonCode);
        if (!token.transfer(address(uint160(id)), amount)) revert RedemptionDeskTokenCallFailed();
    }

    /// @inheritdoc IRedemptionDesk
    function setSettlementWindow(uint32 window) external onlyReserve {
        _setWindow(window);
    }

    /// @inheritdoc IRedemptionDesk
    function request(uint256 id)
        public
        view
        returns (address requester, uint256 amount, uint64 deadline, bool open)
    {
        requester = address(uint160(id));
        uint256 word = _getStorage().requests[requester];
        uint256 nonce = id >> 160;
        for (uint256 i = 0; i < MAX_OPEN_PER_REQUESTER; ++i) {
            uint256 lane = uint128(word >> (i * _LANE_BITS));
            if (nonce != 0 && lane >> 96 == nonce) {
                amount = lane & _AMOUNT_MASK;
                deadline = uint64(uint32(lane >> 64));
                open = amount != 0;
            }
        }
    }

    /// @inheritdoc IRedemptionDesk
    function isOverdue(uint256 id) external view returns (bool overdue) {
        (, , uint64 deadline, bool open) = request(id);
        return open && block.timestamp > deadline;
    }

    /// @inheritdoc IRedemptionDesk
    function openRequestsOf(address requester) external view returns (uint256[] memory ids) {
        uint256 word = _getStorage().requests[requester];
        uint256[] memory found = new uint256[](MAX_OPEN_PER_REQUESTER);
        uint256 count = 0;
        for (uint256 i = 0; i < MAX_OPEN_PER_REQUESTER; ++i) {
            uint256 lane = uint128(word >> (i * _LANE_BITS));
            if (lane & _AMOUNT_MASK != 0) {
                found[count] = ((lane >> 96) << 160) | uint256(uint160(requester));
                ++count;
            }
        }
        ids = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) ids[i] = found[i];
    }

    /// @inheritdoc IRedemptionDesk
    function settlementWindow() external view returns (uint32 window) {
        return _getStorage().settlementWindow;
    }

    /// @dev Closes open request `id` (its amount becomes 0; nonce and deadline stay) and returns its amount.
    function _close(uint256 id) private returns (uint256 amount) {
        address requester = address(uint160(id));
        uint256 nonce = id >> 160;
        RedemptionDeskStorage storage $ = _getStorage();
        uint256 word = $.requests[requester];
        uint256 lane0 = uint128(word);
        uint256 lane1 = word >> _LANE_BITS;
        if (lane0 >> 96 == nonce && lane0 & _AMOUNT_MASK != 0) {
            amount = lane0 & _AMOUNT_MASK;
            word &= ~_AMOUNT_MASK;
        } else if (lane1 >> 96 == nonce && lane1 & _AMOUNT_MASK != 0) {
            amount = lane1 & _AMOUNT_MASK;
            word &= ~(_AMOUNT_MASK << _LANE_BITS);
        } else {
            revert RedemptionDeskNotOpen(id);
        }
        $.requests[requester] = word;
    }

    /// @dev Sets the settlement window.
    function _setWindow(uint32 window) private {
        if (window == 0 || window > MAX_SETTLEMENT_WINDOW) revert RedemptionDeskInvalidWindow(window);
        RedemptionDeskStorage storage $ = _getStorage();
        emit SettlementWindowSet($.settlementWindow, window);
        $.settlementWindow = window;
    }

    /// @dev The larger of `a` and `b`.
    function _max(uint256 a, uint256 b) private pure returns (uint256) {
        return a > b ? a : b;
    }

    /// @dev The desk's ERC-7201 namespace.
    function _getStorage() private pure returns (RedemptionDeskStorage storage $) {
        // ERC-7201: point the storage struct at its namespaced slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }
}
