/** The approval broker and its contract, for the proxy session and the console services. */
export { createApprovalBroker } from './broker';
export { digestArguments } from './digest';
export { formatDuration } from './resolution';
export { retryKey } from './retry-store';
export type {
  ApprovalBroker,
  BrokerDecideResult,
  BrokerOptions,
  HeldCall,
  HoldRequest,
  Resolution,
  RetryCaller,
  RetryMatch,
  SessionGrant,
  TimerHandle,
} from './types';
