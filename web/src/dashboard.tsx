import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { locale, t } from './i18n.ts';
import { useSignal } from './signal.ts';
import { label, vocabularies } from './vocabularies.ts';

type Data = Awaited<ReturnType<typeof fetchDashboard>>;
const fetchDashboard = async (year: string) => read(await api.api.v1.dashboard.$get({ query: { year } }));

/** Horizontal bars drawn as SVG: light, printable, readable by screen readers through the table beside. */
function Bars(props: { title: string; rows: { label: string; value: number }[]; testId: string }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const h = 22;
  return (
    <figure class="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 420 ${Math.max(1, props.rows.length) * h}`} role="img" aria-label={props.title}>
        {props.rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * h})`}>
            <text x="0" y="15" font-size="12">
              {r.label}
            </text>
            <rect x="150" y="4" height="14" width={(230 * r.value) / max} fill="#1d6fb8" />
            <text x={156 + (230 * r.value) / max} y="15" font-size="12">
              {r.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** 驾驶舱: targets, growth by year, where scenarios come from, and how many turn into delivered projects. */
export function Dashboard() {
  const l = useSignal(locale);
  const vocab = useSignal(vocabularies);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    fetchDashboard(year).then(setData).catch(setError);
  }, [year]);
  if (error) return <p class="error">{error.message}</p>;
  if (!data) return <p>{t('loading')}</p>;
  const f = data.funnel;
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t('dashboard')}</h1>
      <label>
        {t('year')}{' '}
        <select value={year} onChange={(e) => setYear(e.currentTarget.value)}>
          {[0, 1, 2, 3].map((k) => {
            const y = String(new Date().getFullYear() - k);
            return (
              <option key={y} value={y}>
                {y}
              </option>
            );
          })}
        </select>
      </label>
      <div class="charts">
        <div class="chart" data-testid="targets">
          <h2>{t('callTargets')}</h2>
          {data.calls.map((c) => (
            <p key={c.id}>
              {c.title}：{c.published} / {c.target}
              <progress max={Math.max(1, c.target)} value={Math.min(c.published, c.target)} />
            </p>
          ))}
          {data.calls.length === 0 && <p>{t('nothingHere')}</p>}
        </div>
        <Bars
          testId="funnel"
          title={t('funnel')}
          rows={[
            { label: t('funnelPublished'), value: f.published },
            { label: t('funnelClosed'), value: f.deadlinePassed },
            { label: t('funnelBids'), value: f.withBids },
            { label: t('funnelAwarded'), value: f.awarded },
            { label: t('funnelAccepted'), value: f.accepted },
          ]}
        />
        <Bars
          testId="by-domain"
          title={t('byDomain')}
          rows={data.byDomain.map((r) => ({ label: label(vocab?.domains, r.key, l), value: r.count }))}
        />
        <Bars
          testId="by-district"
          title={t('byDistrict')}
          rows={data.byDistrict.map((r) => ({ label: label(vocab?.districts, r.key, l), value: r.count }))}
        />
        <Bars
          testId="by-year"
          title={t('byYear')}
          rows={data.byYear.map((r) => ({ label: r.key, value: r.count }))}
        />
      </div>
    </section>
  );
}
