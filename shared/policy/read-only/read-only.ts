/**
 * Airlock's read-only command set: whether one simple command only reads and reports, judged by its
 * program and, where it matters, its flags and sub-verbs. Pure. The set is documented in
 * electron/policy/README.md; a command outside it is not read-only (false), and one whose arguments
 * are only known at run time in a place where they could change that is unknown (null).
 *
 * Effects outside the program — writing redirections, assignments to dangerous variables, code in
 * arithmetic or prompt expansion — are not this module's business: the analyser flags them, and a
 * flag caps any allow whatever this verdict says.
 */
import type { Tri } from '../predicate';
import type { SimpleCommand } from '../fields';
import { isForeignProgramPath } from '../paths';
import { SIMPLE_PROGRAMS, type ProgramRule } from './simple-programs';
import { VERB_PROGRAMS } from './verb-programs';

/** The rule for a program name, if it is in the read-only set. */
export function readOnlyRule(program: string): ProgramRule | undefined {
  return SIMPLE_PROGRAMS.get(program) ?? VERB_PROGRAMS.get(program);
}

/** Every program name in the read-only set, sorted (for documentation and the console). */
export function readOnlyPrograms(): string[] {
  return [...SIMPLE_PROGRAMS.keys(), ...VERB_PROGRAMS.keys()].sort();
}

/** Whether `cmd` is in the read-only set (see the module comment). */
export function readOnlyVerdict(cmd: SimpleCommand): Tri {
  if (!cmd.program || !cmd.name.literal) return null;
  // A path such as `/tmp/ls` is another program than the one the set knows; `/bin/ls` is the same.
  if (isForeignProgramPath(cmd.name.text)) return false;
  const rule = readOnlyRule(cmd.program);
  if (!rule) return false;
  return rule === 'any' ? true : rule(cmd.args);
}
