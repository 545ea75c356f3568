/**
 * The ReserveGuard as the tooling talks to it, without generated code: its ABI owned here as human-readable
 * fragments, a typed handle on a deployed guard, the records' names and the guard a Safe has installed.
 * Everything the offline commands reach (safe:sign reviews the guard's announcements) comes from here, so they
 * run on a fresh clone before anything is compiled (typechain-types/ exists only after `hardhat compile`; the
 * TypeChain types below are type-only imports, erased at run time). test/guard/abi.test.ts proves the fragments
 * equal the compiled artifact's ABI, so they cannot drift. Deploying a guard (its bytecode) is ./deploy.ts.
 */
import { Contract, Interface, getAddress } from "ethers";
import type { ContractRunner, Provider } from "ethers";
import type { ReserveGuard } from "../../typechain-types";
import type { ReserveGuardInterface } from "../../typechain-types/contracts/guard/ReserveGuard";
import { withTimeout } from "../chain/timeout";
import { SAFE_GUARD_SLOT } from "../safe/slots";

/** Every function, event and error of contracts/guard/ReserveGuard.sol (its constructor aside: ./deploy.ts). */
export const RESERVE_GUARD_ABI: readonly string[] = [
  "error AlreadyAnnounced(bytes32 callHash, uint64 expiresAt)",
  "error AnnouncementExpired(bytes32 callHash, uint64 expiresAt)",
  "error AnnouncementNotDue(bytes32 callHash, uint64 executableAt)",
  "error CallNotAnnounced(address safe, bytes32 callHash)",
  "error DelayOutOfRange(uint64 delay)",
  "error DelegateCallRefused(address to)",
  "error ExpiryWindowOutOfRange(uint64 expiryWindow)",
  "error GasRefundRefused(uint256 gasPrice, address refundReceiver)",
  "error GuardCallRefused(bytes4 selector)",
  "error MalformedBatch()",
  "error NotAContract(address account)",
  "error NotSafeOwner(address safe, address account)",
  "error OnlyCallsAnnounced(uint8 operation)",
  "error ProtectiveSelector(bytes4 selector)",
  "error SafeTxGasWithAnnouncedCall(uint256 safeTxGas)",
  "event AnnouncedCallExecuted(address indexed safe, bytes32 indexed callHash)",
  "event AnnouncementCancelled(address indexed safe, bytes32 indexed callHash)",
  "event CallAnnounced(address indexed safe, bytes32 indexed callHash, address to, uint256 value, bytes data, " +
    "uint8 operation, uint64 executableAt, uint64 expiresAt, address announcer)",
  "event CallRuleChanged(address indexed safe, address rule)",
  "event DelayChanged(address indexed safe, uint64 delay)",
  "event ExpiryWindowChanged(address indexed safe, uint64 expiryWindow)",
  "event SelectorDelayed(address indexed safe, bytes4 selector)",
  "event SelectorUndelayed(address indexed safe, bytes4 selector)",
  "function DEFAULT_DELAY() view returns (uint64)",
  "function DEFAULT_EXPIRY_WINDOW() view returns (uint64)",
  "function MAX_DELAY() view returns (uint64)",
  "function MAX_EXPIRY_WINDOW() view returns (uint64)",
  "function MIN_EXPIRY_WINDOW() view returns (uint64)",
  "function MULTI_SEND_CALL_ONLY() view returns (address)",
  "function announce(address safe, address to, uint256 value, bytes data, uint8 operation) " +
    "returns (bytes32 hash, uint64 executableAt, uint64 expiresAt)",
  "function announcement(address safe, bytes32 hash) view returns (uint64 executableAt, uint64 expiresAt)",
  "function callHash(address safe, address to, uint256 value, bytes data, uint8 operation) pure returns (bytes32)",
  "function callRuleOf(address safe) view returns (address)",
  "function cancel(bytes32 hash)",
  "function checkAfterExecution(bytes32, bool) pure",
  "function checkTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256, " +
    "uint256 gasPrice, address, address refundReceiver, bytes, address)",
  "function delayOf(address safe) view returns (uint64)",
  "function delaySelectors(bytes4[] selectors)",
  "function expiryWindowOf(address safe) view returns (uint64)",
  "function isDelayed(address safe, bytes4 selector) view returns (bool)",
  "function isProtective(bytes4 selector) pure returns (bool)",
  "function setCallRule(address rule)",
  "function setDelay(uint64 newDelay)",
  "function setExpiryWindow(uint64 newExpiryWindow)",
  "function supportsInterface(bytes4 interfaceId) pure returns (bool)",
  "function undelaySelectors(bytes4[] selectors)",
];

/** The guard's ABI interface, typed as TypeChain's. */
export function reserveGuardInterface(): ReserveGuardInterface {
  return new Interface(RESERVE_GUARD_ABI) as unknown as ReserveGuardInterface;
}

/** The ReserveGuard at `address`, typed as TypeChain's handle. */
export function reserveGuardAt(address: string, runner: ContractRunner | null): ReserveGuard {
  return new Contract(address, RESERVE_GUARD_ABI, runner) as unknown as ReserveGuard;
}

/** Record names of the guard contracts in deployments/<network>/. */
export const GUARD_RECORDS = { guard: "ReserveGuard", setup: "ReserveGuardSetup" } as const;

/** The guard a Safe v1.4.1 has installed (zero address = none), read from its storage slot. */
export async function guardOf(provider: Provider, safe: string): Promise<string> {
  const word = await withTimeout(provider.getStorage(safe, SAFE_GUARD_SLOT), `guard slot of ${safe}`);
  return getAddress(`0x${word.slice(26)}`);
}
