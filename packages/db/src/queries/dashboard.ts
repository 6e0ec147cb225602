import type { Db } from '../client.ts';

export interface DashboardCount {
  key: string;
  count: number;
}

export interface Dashboard {
  year: number;
  /** Calls of the year against their targets (e.g. 200 scenarios a year). */
  calls: { id: string; title: string; status: string; target: number; published: number }[];
  /** Scenarios and challenges published per year (all years). */
  byYear: DashboardCount[];
  /** Published in `year`, per software domain and per district. */
  byDomain: DashboardCount[];
  byDistrict: DashboardCount[];
  /**
   * Conversion of the scenarios published in `year`: → with at least one bid (only scenarios whose
   * deadline has passed count: a sealed bid is nobody's business before) → awarded → accepted (验收).
   */
  funnel: { published: number; deadlinePassed: number; withBids: number; awarded: number; accepted: number };
}

const AWARDED = "('awarded', 'in_delivery', 'accepted')";

/** The organizer's dashboard (驾驶舱) in one read batch. */
export async function getDashboard(db: Db, year: number, now: Date): Promise<Dashboard> {
  const from = `${year}-01-01T00:00:00.000Z`;
  const to = `${year + 1}-01-01T00:00:00.000Z`;
  const inYear = 's.published_at >= :from AND s.published_at < :to';
  const args = { from, to, now: now.toISOString(), year };
  const [calls, byYear, byDomain, byDistrict, funnel] = await db.$client.batch(
    [
      {
        sql: `SELECT c.id, c.title, c.status, c.target_count AS target,
                (SELECT count(*) FROM scenarios s WHERE s.call_id = c.id AND s.published_at IS NOT NULL) AS published
              FROM calls c WHERE c.year = :year ORDER BY c.opens_at, c.id`,
        args,
      },
      {
        sql: `SELECT substr(published_at, 1, 4) AS key, count(*) AS count FROM scenarios
              WHERE published_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
        args: {},
      },
      {
        sql: `SELECT s.domain AS key, count(*) AS count FROM scenarios s WHERE ${inYear} GROUP BY 1 ORDER BY 2 DESC, 1`,
        args,
      },
      {
        sql: `SELECT s.district AS key, count(*) AS count FROM scenarios s WHERE ${inYear} GROUP BY 1 ORDER BY 2 DESC, 1`,
        args,
      },
      {
        sql: `SELECT count(*) AS published,
                coalesce(sum(s.deadline IS NOT NULL AND s.deadline <= :now), 0) AS deadline_passed,
                coalesce(sum(s.deadline IS NOT NULL AND s.deadline <= :now AND EXISTS (SELECT 1 FROM bids b
                  WHERE b.scenario_id = s.id AND b.status NOT IN ('draft', 'withdrawn'))), 0) AS with_bids,
                coalesce(sum(s.status IN ${AWARDED}), 0) AS awarded,
                coalesce(sum(s.status = 'accepted'), 0) AS accepted
              FROM scenarios s WHERE ${inYear}`,
        args,
      },
    ],
    'read',
  );
  const counts = (rows: typeof byYear) =>
    (rows?.rows ?? []).map((r) => ({ key: String(r.key), count: Number(r.count) }));
  const f = funnel?.rows[0];
  return {
    year,
    calls: (calls?.rows ?? []).map((r) => ({
      id: String(r.id),
      title: String(r.title),
      status: String(r.status),
      target: Number(r.target),
      published: Number(r.published),
    })),
    byYear: counts(byYear),
    byDomain: counts(byDomain),
    byDistrict: counts(byDistrict),
    funnel: {
      published: Number(f?.published ?? 0),
      deadlinePassed: Number(f?.deadline_passed ?? 0),
      withBids: Number(f?.with_bids ?? 0),
      awarded: Number(f?.awarded ?? 0),
      accepted: Number(f?.accepted ?? 0),
    },
  };
}
