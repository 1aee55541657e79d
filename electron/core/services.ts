/**
 * What the running core offers to its front ends (the web console, the Electron shell, the CLI).
 * Main owns the truth: front ends read through these services and act only through them.
 *
 * The concrete service types live with their modules (approvals, policy, history, profiles, settings);
 * this file names them in one place so a front end depends on one seam.
 */
import type { LiveSessionView } from '../../shared/contract/views';
import type { CoreEventListener } from '../../shared/events';

/** The core's event stream. */
export interface EventSource {
  /** Subscribes to every core event, in order; returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void;
}

/** A live proxy session, as the console lists it. */
export type LiveSession = LiveSessionView;

/** Live sessions the core currently serves. */
export interface SessionRegistry {
  /** Every open session, oldest first. */
  list(): readonly LiveSession[];
}
