/**
 * The types every condition shares: three-valued truth and the compiled predicate over a call. Kept apart
 * from conditions.ts so the command matchers and the read-only tables can use them without importing the
 * condition compiler that imports them.
 */
import type { JsonObject } from '../json';
import type { CallFields } from './fields';

/** Kleene logic: true, false, or unknown (`null`: the value needed is missing or not knowable). */
export type Tri = boolean | null;

/** What a condition reads. */
export interface ConditionContext {
  readonly args: JsonObject;
  readonly fields: CallFields;
}

/** A compiled condition. */
export type Predicate = (ctx: ConditionContext) => Tri;
