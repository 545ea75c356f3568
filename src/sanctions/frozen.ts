/**
 * The stablecoin's frozen set from its Frozen and Unfrozen events (scanned logs, oldest first or not): what the
 * screening diffs against and what the report's sanctions section counts.
 */
import { getAddress, id as topicOf } from "ethers";
import type { ScannedLog } from "../chain/scan";

export const FROZEN_TOPIC = topicOf("Frozen(address)");
export const UNFROZEN_TOPIC = topicOf("Unfrozen(address)");

/** The accounts of `coin` frozen after the logs up to block `toBlock` (checksummed). */
export function frozenAccounts(logs: readonly ScannedLog[], coin: string, toBlock = Infinity): Set<string> {
  const address = getAddress(coin);
  const events = logs
    .filter(
      (l) =>
        getAddress(l.address) === address &&
        l.blockNumber <= toBlock &&
        (l.topics[0] === FROZEN_TOPIC || l.topics[0] === UNFROZEN_TOPIC),
    )
    .sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  const frozen = new Set<string>();
  for (const l of events) {
    const who = getAddress(`0x${l.topics[1].slice(26)}`);
    if (l.topics[0] === FROZEN_TOPIC) frozen.add(who);
    else frozen.delete(who);
  }
  return frozen;
}
