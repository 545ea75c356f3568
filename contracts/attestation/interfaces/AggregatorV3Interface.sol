// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title AggregatorV3Interface
 * @notice The read interface of Chainlink data feeds (declared here, same signatures), so proof-of-reserve
 * consumers written for Chainlink can read attested reserves unchanged.
 */
// Chainlink's own name, kept so consumers' imports and tooling recognise it.
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    /// @notice Decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice Human-readable description of the feed.
    function description() external view returns (string memory);

    /// @notice Version of the feed contract.
    function version() external view returns (uint256);

    /**
     * @notice Data of round `roundId`.
     * @return roundId the round.
     * @return answer the value.
     * @return startedAt when the round started.
     * @return updatedAt when the answer was last updated.
     * @return answeredInRound the round the answer was computed in.
     */
    function getRoundData(
        uint80 roundId
    ) external view returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /**
     * @notice Data of the latest round.
     * @return roundId the round.
     * @return answer the value.
     * @return startedAt when the round started.
     * @return updatedAt when the answer was last updated.
     * @return answeredInRound the round the answer was computed in.
     */
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
