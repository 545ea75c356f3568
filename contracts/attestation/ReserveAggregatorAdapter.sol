// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IAttestationRegistry} from "./interfaces/IAttestationRegistry.sol";

/**
 * @title ReserveAggregatorAdapter
 * @notice Chainlink {AggregatorV3Interface} view of one attestation-registry subject (the `SOM_RESERVES`
 * subject in deployment), so existing proof-of-reserve consumers can read attested reserves.
 * @dev Not upgradeable and holds no state beyond its constructor arguments. The round id is the registry's
 * per-subject report counter: one round per accepted report, every past round served by {getRoundData}.
 * `startedAt` and `updatedAt` are the report's asOf (when the figure was valid, not when it was submitted),
 * capped at the current block time: an asOf within the registry's future skew is never served as a future
 * time. Answers never make a view revert: the registry refuses values above 2^192 - 1 at report time, so
 * every value fits int256. Freshness against the subject's maximum age is also available from
 * {IAttestedValueSource-isFresh} on the registry.
 */
contract ReserveAggregatorAdapter is AggregatorV3Interface {
    /// @notice The registry read.
    IAttestationRegistry public immutable registry;

    /// @notice The subject read.
    bytes32 public immutable subject;

    string private _description;

    /// @notice The subject has no report yet.
    error ReserveAggregatorNoReport(bytes32 subject);

    /// @notice Round `requested` does not exist: rounds run from 1 to `latest`.
    error ReserveAggregatorRoundNotAvailable(uint80 requested, uint80 latest);

    /// @notice The registry address is zero.
    error ReserveAggregatorZeroRegistry();

    /**
     * @param registry_ the attestation registry (proxy).
     * @param subject_ the subject to expose (e.g. `bytes32("SOM_RESERVES")`).
     * @param description_ the feed description (e.g. "SOM reserves (attested)").
     */
    constructor(IAttestationRegistry registry_, bytes32 subject_, string memory description_) {
        if (address(registry_) == address(0)) revert ReserveAggregatorZeroRegistry();
        registry = registry_;
        subject = subject_;
        _description = description_;
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        return registry.valueDecimals();
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(
        uint80 roundId
    ) external view returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) {
        (uint64 latest, , ) = registry.latestRound(subject);
        if (latest == 0) revert ReserveAggregatorNoReport(subject);
        if (roundId == 0 || roundId > latest) revert ReserveAggregatorRoundNotAvailable(roundId, latest);
        (uint256 raw, uint64 asOf) = registry.roundData(subject, uint64(roundId));
        return _round(roundId, raw, asOf);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        (uint64 latest, uint256 raw, uint64 asOf) = registry.latestRound(subject);
        if (latest == 0) revert ReserveAggregatorNoReport(subject);
        return _round(latest, raw, asOf);
    }

    /// @dev One round as Chainlink serves it; the time is the asOf, never later than now.
    function _round(
        uint80 roundId,
        uint256 raw,
        uint64 asOf
    ) private view returns (uint80, int256, uint256, uint256, uint80) {
        uint256 at = asOf > block.timestamp ? block.timestamp : asOf;
        // raw <= 2^192 - 1 (the registry refuses larger values), so it fits int256.
        return (roundId, int256(raw), at, at, roundId);
    }
}
