/** What the console needs from the history store (see `history-adapter.ts` for the mapping). */
import type { InvokeRequest } from '../../shared/contract/channels';
import type {
  CallDetailView,
  ExportedFile,
  HistorySessionRow,
  TimelineRow,
} from '../../shared/contract/views';
import type { MaybePromise } from './policy-port';

/** History as the console reads it. */
export interface HistoryPort {
  sessions(filters: InvokeRequest<'history:sessions'>): MaybePromise<readonly HistorySessionRow[]>;
  timeline(sessionId: string): MaybePromise<readonly TimelineRow[]>;
  /** Throws when the call is unknown. */
  call(sessionId: string, callId: string): MaybePromise<CallDetailView>;
  /** Full-text hits (tool, arguments, output), newest first; within one session when `sessionId` is set. */
  search(text: string, limit: number, sessionId: string | null): MaybePromise<readonly TimelineRow[]>;
  export(format: 'jsonl' | 'csv', sessionId: string | null): MaybePromise<ExportedFile>;
}
