// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IAttestationRegistry} from "./interfaces/IAttestationRegistry.sol";

/**
 * @title ReserveAggregatorAdapter
 * @notice Chainlink {AggregatorV3Interface} view of one attestation-registry subject (the `SOM_RESERVES`
 * subject in deployment), so existing proof-of-reserve consumers can read attested reserves.
 * @dev Not upgradeable and holds no state beyond its constructor arguments. The round id is the registry's
 * per-subject report counter; only the latest round is available (no history is kept). `startedAt` and
 * `updatedAt` are the report's asOf (when the figure was valid, not when it was submitted), so consumers'
 * heartbeat checks measure the age of the attested figure. Freshness against the subject's maximum age is
 * also available from {IAttestedValueSource-isFresh} on the registry.
 */
contract ReserveAggregatorAdapter is AggregatorV3Interface {
    /// @notice The registry read.
    IAttestationRegistry public immutable registry;

    /// @notice The subject read.
    bytes32 public immutable subject;

    string private _description;

    /// @notice The subject has no report yet.
    error ReserveAggregatorNoReport(bytes32 subject);

    /// @notice Round `requested` is not available; only `latest` is.
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
        (uint80 latest, int256 value, uint256 asOf) = _latest();
        if (roundId != latest) revert ReserveAggregatorRoundNotAvailable(roundId, latest);
        return (latest, value, asOf, asOf, latest);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        (uint80 latest, int256 value, uint256 asOf) = _latest();
        return (latest, value, asOf, asOf, latest);
    }

    function _latest() private view returns (uint80 roundId, int256 value, uint256 asOf) {
        (uint64 round, uint256 raw, uint64 reportAsOf) = registry.latestRound(subject);
        if (round == 0) revert ReserveAggregatorNoReport(subject);
        return (round, SafeCast.toInt256(raw), reportAsOf);
    }
}
