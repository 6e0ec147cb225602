import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { formatDate, formatMoney, formatTime, locale, type MessageKey, t } from './i18n.ts';
import { useSignal } from './signal.ts';

/** The published ranking as the API stores it (experts only as 专家1…n). */
export interface NoticePayload {
  passThreshold: number | null;
  ranking: {
    rank: number;
    bidId: string;
    firm: string;
    evaluatedPriceFen: number;
    priceScore: number;
    criteria: Record<string, number>;
    total: number;
    passed: boolean;
    flags: string[];
    /** criterion → 专家n → points */
    experts: Record<string, Record<string, number>>;
  }[];
  excluded: { bidId: string; firm: string; reason: string }[];
}

export const fetchNotice = async (id: string) => {
  const r = await read(await api.api.v1.scenarios[':id'].notice.$get({ param: { id } }));
  // The API declares the stored payload opaque (NoticeView.payload is unknown); its shape is publishNotice's.
  return r.notice ? { ...r.notice, payload: r.notice.payload as unknown as NoticePayload } : null;
};
export const fetchAwards = async (id: string) =>
  (await read(await api.api.v1.scenarios[':id'].awards.$get({ param: { id } }))).items;
const fetchCriteria = async (id: string) =>
  read(await api.api.v1.scenarios[':id'].criteria.$get({ param: { id } }));

export type Notice = NonNullable<Awaited<ReturnType<typeof fetchNotice>>>;
export type Award = Awaited<ReturnType<typeof fetchAwards>>[number];

const STATUS: Record<string, MessageKey> = {
  published: 'ntStatus_published',
  objection_window: 'ntStatus_objection_window',
  final: 'ntStatus_final',
  reopened: 'ntStatus_reopened',
};
export const noticeStatus = (s: string) => (STATUS[s] ? t(STATUS[s]) : s);

/** Date and minute in Asia/Shanghai. */
export const when = (iso: string) => `${formatDate(iso)} ${formatTime(iso)}`;

/** True while objections may still be filed (the server's clock decides; this only hides the form). */
export const objectionsOpen = (n: Pick<Notice, 'status' | 'objectionsUntil'>) =>
  n.status === 'objection_window' && n.objectionsUntil !== null && Date.parse(n.objectionsUntil) > Date.now();

/** 评审结果公示 and 定标: shown on a scenario's public page once a notice exists. */
export function NoticeSection(props: { scenarioId: string }) {
  const l = useSignal(locale);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [awards, setAwards] = useState<Award[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    fetchNotice(props.scenarioId)
      .then(async (n) => {
        setNotice(n);
        if (!n) return;
        const [a, c] = await Promise.all([fetchAwards(props.scenarioId), fetchCriteria(props.scenarioId)]);
        setAwards(a);
        setNames(Object.fromEntries(c.criteria.map((x) => [x.code, x.name])));
      })
      // A scenario without a notice (or not yet public) simply shows no section.
      .catch(() => setNotice(null));
  }, [props.scenarioId]);
  if (!notice) return null;
  const p = notice.payload;
  const codes = [...new Set(p.ranking.flatMap((r) => Object.keys(r.criteria)))];
  // Challenges usually weigh price at 0: no price score column then.
  const priced = p.ranking.some((r) => r.priceScore > 0);
  const aliases = [
    ...new Set(p.ranking.flatMap((r) => Object.values(r.experts).flatMap((e) => Object.keys(e)))),
  ];
  return (
    <section aria-labelledby="notice-title" class="notice" data-testid="notice" data-locale={l}>
      <h2 id="notice-title">{t('ntTitle')}</h2>
      <p class="meta">
        <span class="badge" data-testid="notice-status">
          {noticeStatus(notice.status)}
        </span>{' '}
        {t('ntPublished', { at: when(notice.publishedAt) })}
        {notice.objectionsUntil && ` · ${t('ntWindow', { at: when(notice.objectionsUntil) })}`}
      </p>
      <div class="grid-wrap">
        <table class="score-table">
          <thead>
            <tr>
              <th scope="col">{t('ntRank')}</th>
              <th scope="col">{t('ntFirm')}</th>
              <th scope="col">{t('ntEvaluatedPrice')}</th>
              {priced && <th scope="col">{t('ntPriceScore')}</th>}
              {codes.map((c) => (
                <th scope="col" key={c}>
                  {names[c] ?? c}
                </th>
              ))}
              <th scope="col">{t('ntTotal')}</th>
              {p.passThreshold !== null && <th scope="col">{t('ntPassed')}</th>}
            </tr>
          </thead>
          <tbody>
            {p.ranking.map((r) => (
              <tr key={r.bidId} data-testid="notice-row">
                <td>{r.rank}</td>
                <th scope="row">{r.firm}</th>
                <td>{formatMoney(r.evaluatedPriceFen)}</td>
                {priced && <td>{r.priceScore}</td>}
                {codes.map((c) => (
                  <td key={c}>{r.criteria[c] ?? '—'}</td>
                ))}
                <td>
                  <strong>{r.total}</strong>
                </td>
                {p.passThreshold !== null && <td>{r.passed ? t('ntYes') : t('ntNo')}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('ntExperts')}</h3>
      <div class="grid-wrap">
        <table class="score-table" data-testid="notice-experts">
          <thead>
            <tr>
              <th scope="col">{t('ntFirm')}</th>
              <th scope="col">{t('exCriterion')}</th>
              {aliases.map((a) => (
                <th scope="col" key={a}>
                  {a}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.ranking.flatMap((r) =>
              codes.map((c, i) => (
                <tr key={`${r.bidId}-${c}`}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={codes.length}>
                      {r.firm}
                    </th>
                  )}
                  <td>{names[c] ?? c}</td>
                  {aliases.map((a) => (
                    <td key={a}>{r.experts[c]?.[a] ?? '—'}</td>
                  ))}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      {p.excluded.length > 0 && (
        <>
          <h3>{t('ntExcluded')}</h3>
          <ul>
            {p.excluded.map((x) => (
              <li key={x.bidId}>
                {x.firm}：{x.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {awards.length > 0 && (
        <>
          <h3>{t('ntAwards')}</h3>
          <ul data-testid="awards">
            {awards.map((a) => (
              <li key={a.id}>
                {t('ntRank')} {a.rank} · {a.firmName} · {t('ntAmount')} {formatMoney(a.amountFen)}
                {a.subsidyFen !== null && ` · ${t('ntSubsidy')} ${formatMoney(a.subsidyFen)}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="meta">
        {t('ntDigest')}：<code>{notice.inputsDigest.slice(0, 16)}</code>
      </p>
    </section>
  );
}
