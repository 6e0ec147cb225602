import type { EvaluationRules } from '@scx/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { calls, type scenarios } from '../schema/index.ts';
import type { Tx } from './tx.ts';

type ScenarioRow = typeof scenarios.$inferSelect;

const EVALUATION_RULE_KEYS = [
  'smeDeduction',
  'consortiumDeduction',
  'domesticPreference',
  'catalogPreference',
  'lowPriceThreshold',
  'deviationThreshold',
  'trimmedMean',
  'noticeDays',
  'objectionWorkingDays',
  'subsidyRate',
  'subsidyCapFen',
] as const satisfies readonly (keyof EvaluationRules)[];

/** Only the evaluation figures of a stored rules object (a call's also holds leadLimit, a scenario's weights). */
export function pickEvaluationRules(rules: EvaluationRules): EvaluationRules {
  const out: Record<string, unknown> = {};
  for (const k of EVALUATION_RULE_KEYS) if (rules[k] !== undefined) out[k] = rules[k];
  return out as EvaluationRules;
}

/**
 * The evaluation figures in force for a scenario: its own rules over its call's (core's defaults apply to
 * whatever neither sets). One read when the scenario belongs to a call.
 */
export async function rulesInForce(db: Db | Tx, s: ScenarioRow): Promise<EvaluationRules> {
  let fromCall: EvaluationRules = {};
  if (s.callId) {
    const [c] = await db.select({ rules: calls.rules }).from(calls).where(eq(calls.id, s.callId));
    if (c) fromCall = pickEvaluationRules(c.rules);
  }
  return { ...fromCall, ...pickEvaluationRules(s.rules) };
}
