import { writeCsv } from '@scx/core';
import { listOpenScenarios } from '@scx/db';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const yuan = (fen: number | null) => (fen === null ? '' : String(fen / 100));

/** 开放数据: the public scenario list as CSV (UTF-8 with BOM, so Excel opens it); OCDS is under /ocds. */
export const openDataRouter = createRouter().get(
  '/scenarios.csv',
  describe({
    operationId: 'exportScenariosCsv',
    summary: 'Every published scenario and challenge as CSV (UTF-8 with BOM; money in yuan; times UTC)',
    description:
      '`domain` is the primary software domain; `secondary_domains` lists further ones, codes separated by `;`.',
    tags: ['open data'],
    responses: { 200: { description: 'text/csv' } },
  }),
  async (c) => {
    const rows = await listOpenScenarios(c.get('db'));
    const csv = writeCsv(
      [
        [
          'id',
          'kind',
          'status',
          'title',
          'issuer',
          'domain',
          'secondary_domains',
          'area',
          'district',
          'budget_yuan',
          'reward_yuan',
          'deadline',
          'published_at',
        ],
        ...rows.map((r) => [
          r.id,
          r.kind,
          r.status,
          r.title,
          r.issuer,
          r.domain,
          r.secondaryDomains.join(';'),
          r.area,
          r.district,
          yuan(r.budgetFen),
          yuan(r.rewardFen),
          r.deadline ?? '',
          r.publishedAt,
        ]),
      ],
      { bom: true },
    );
    return c.body(csv.buffer as ArrayBuffer, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="scenarios.csv"',
    });
  },
);
