import { PUBLIC_SCENARIO_STATUSES } from '@scx/core';
import type { Db } from '../client.ts';
import { parse } from './matching.ts';

export interface OpenScenarioRow {
  id: string;
  kind: string;
  status: string;
  title: string;
  issuer: string;
  domain: string;
  /** Further software domains, codes (the primary one is `domain`). */
  secondaryDomains: string[];
  area: string;
  district: string;
  budgetFen: number | null;
  rewardFen: number | null;
  deadline: string | null;
  publishedAt: string;
}

/** Every published scenario and challenge with its public fields, newest first (open data export). */
export async function listOpenScenarios(db: Db): Promise<OpenScenarioRow[]> {
  const statuses = PUBLIC_SCENARIO_STATUSES.map((s) => `'${s}'`).join(', ');
  const rs = await db.$client.execute(
    `SELECT s.id, s.kind, s.status, s.title, o.name AS issuer, s.domain, s.secondary_domains, s.area, s.district, s.budget_fen,
            s.reward_fen, s.deadline, s.published_at
     FROM scenarios s JOIN organizations o ON o.id = s.issuer_id
     WHERE s.published_at IS NOT NULL AND s.status IN (${statuses})
     ORDER BY s.published_at DESC, s.id DESC`,
  );
  return rs.rows.map((r) => ({
    id: String(r.id),
    kind: String(r.kind),
    status: String(r.status),
    title: String(r.title),
    issuer: String(r.issuer),
    domain: String(r.domain),
    secondaryDomains: parse<string[]>(r.secondary_domains, []),
    area: String(r.area),
    district: String(r.district),
    budgetFen: r.budget_fen === null ? null : Number(r.budget_fen),
    rewardFen: r.reward_fen === null ? null : Number(r.reward_fen),
    deadline: r.deadline === null ? null : String(r.deadline),
    publishedAt: String(r.published_at),
  }));
}
