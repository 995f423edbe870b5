/**
 * The case lifecycle (docs/domain.md §5), in three parts:
 * - evolve.ts: the case as a reducer over its events (openCase, applyEvent, replay, recomputeClock);
 * - decide.ts: an officer's action checked against the state and the law, giving the event to append;
 * - rules.ts: the rules catalogue (rule id → article → message in zh-CN and en) every refusal names.
 *
 * `submitted` (online, not yet confirmed) → `received` (clock running) → optionally `awaiting_correction`
 * (2019 regime; clock stopped, then restarted from zero) and `consulting` (clock paused) → one closing
 * action: `replied` (with an outcome code), `withdrawn`, `abandoned` (no correction in time). Appeals
 * (行政复议, 行政诉讼) and complaints (举报投诉), each filed and later decided.
 */
export { decide, type CaseAction, type CaseActionPayload, type DecideContext, type NewCaseEvent } from './decide.js';
export { applyEvent, clockInputOf, openCase, recomputeClock, replay, type CaseBase } from './evolve.js';
export { refuse, ruleMessages, RULES, type RuleId } from './rules.js';
