import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { formatDate, formatMoney, locale, t } from './i18n.ts';
import { csrf, type Me, me } from './session.ts';
import { useSignal } from './signal.ts';

type Matches = Awaited<ReturnType<typeof fetchMatches>>;
type Recommendations = Awaited<ReturnType<typeof fetchRecommendations>>;
interface Reason {
  zh: string;
  en: string;
}

const fetchMatches = async (id: string) =>
  read(
    await api.api.v1.scenarios[':id'].matches.$get({ param: { id }, query: { top: '10', nearMisses: '5' } }),
  );
const fetchRecommendations = async (id: string) =>
  read(
    await api.api.v1.firms[':id'].recommendations.$get({
      param: { id },
      query: { top: '10', nearMisses: '5' },
    }),
  );
const fetchMyScenarios = async () =>
  read(
    await api.api.v1.workspace.scenarios.$get({ query: { status: 'published,bidding_closed', limit: '50' } }),
  );

const say = (r: Reason) => (locale.get() === 'en' ? r.en : r.zh);

/** 有用 / 没用 on one recommendation; the next ranking follows it. */
function Feedback(props: { scenarioId: string; firmId: string; productId: string | null }) {
  const [marked, setMarked] = useState<boolean | null>(null);
  const mark = async (useful: boolean) => {
    await read(
      await api.api.v1.matching.feedback.$post(
        { json: { scenarioId: props.scenarioId, firmId: props.firmId, productId: props.productId, useful } },
        { headers: csrf() },
      ),
    );
    setMarked(useful);
  };
  return (
    <span class="feedback">
      <button type="button" aria-pressed={marked === true} onClick={() => mark(true)}>
        {t('useful')}
      </button>
      <button type="button" aria-pressed={marked === false} onClick={() => mark(false)}>
        {t('notUseful')}
      </button>
    </span>
  );
}

function Reasons(props: { reasons: Reason[] }) {
  return (
    <ul class="reasons" aria-label={t('whyRecommended')}>
      {props.reasons.map((r) => (
        <li key={r.zh}>{say(r)}</li>
      ))}
    </ul>
  );
}

/** An agency's scenarios and, for the chosen one, the firms and products that fit, with reasons. */
function AgencyMatches() {
  useSignal(locale);
  const [scenarios, setScenarios] = useState<{ id: string; title: string }[]>([]);
  const [chosen, setChosen] = useState<string>('');
  const [data, setData] = useState<Matches | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    fetchMyScenarios()
      .then((r) => {
        setScenarios(r.items);
        setChosen((c) => c || r.items[0]?.id || '');
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    if (!chosen) return;
    setData(null);
    fetchMatches(chosen).then(setData).catch(setError);
  }, [chosen]);
  return (
    <section aria-labelledby="matches-title">
      <h1 id="matches-title">{t('recommendedFirms')}</h1>
      <label>
        {t('myScenario')}{' '}
        <select value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      {error && <p class="error">{error.message}</p>}
      {!data && !error && chosen && <p>{t('loading')}</p>}
      {data && (
        <>
          <ol class="matches">
            {data.results.map((r) => (
              <li key={r.firm.id} class="card" data-testid="match">
                <div class="card-head">
                  <strong>{r.firm.name}</strong>
                  <span class="score">{r.score.toFixed(1)}</span>
                </div>
                {r.product && (
                  <p>
                    {t('product')}：{r.product.name}
                  </p>
                )}
                <Reasons reasons={r.reasons} />
                <Feedback
                  scenarioId={data.scenario.id}
                  firmId={r.firm.id}
                  productId={r.product?.id ?? null}
                />
              </li>
            ))}
          </ol>
          <NearMisses
            items={data.nearMisses.map((n) => ({ key: n.firm.id, title: n.firm.name, unmet: n.unmet }))}
          />
        </>
      )}
    </section>
  );
}

/** A firm's recommended scenarios and challenges, and those it cannot take yet with the rule it misses. */
function FirmRecommendations(props: { firmId: string }) {
  useSignal(locale);
  const [data, setData] = useState<Recommendations | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    fetchRecommendations(props.firmId).then(setData).catch(setError);
  }, [props.firmId]);
  return (
    <section aria-labelledby="recommend-title">
      <h1 id="recommend-title">{t('recommendedScenarios')}</h1>
      {error && <p class="error">{error.message}</p>}
      {!data && !error && <p>{t('loading')}</p>}
      {data && (
        <>
          <ol class="matches">
            {data.results.map((r) => (
              <li key={r.scenario.id} class="card" data-testid="recommendation">
                <div class="card-head">
                  <strong>{r.scenario.title}</strong>
                  <span class="score">{r.score.toFixed(1)}</span>
                </div>
                <p class="meta">
                  {t('issuer')}：{r.scenario.issuer.name} · {t('budget')}：{formatMoney(r.scenario.budgetFen)}{' '}
                  · {t('deadline')}：{formatDate(r.scenario.deadline)}
                </p>
                {r.product && (
                  <p>
                    {t('yourProduct')}：{r.product.name}
                  </p>
                )}
                <Reasons reasons={r.reasons} />
                <Feedback
                  scenarioId={r.scenario.id}
                  firmId={data.firm.id}
                  productId={r.product?.id ?? null}
                />
              </li>
            ))}
          </ol>
          <NearMisses
            items={data.nearMisses.map((n) => ({
              key: n.scenario.id,
              title: n.scenario.title,
              unmet: n.unmet,
            }))}
          />
        </>
      )}
    </section>
  );
}

function NearMisses(props: { items: { key: string; title: string; unmet: Reason[] }[] }) {
  if (props.items.length === 0) return null;
  return (
    <section aria-labelledby="near-title" class="near">
      <h2 id="near-title">{t('nearMisses')}</h2>
      <ul>
        {props.items.map((n) => (
          <li key={n.key} data-testid="near-miss">
            <strong>{n.title}</strong>：{n.unmet.map(say).join('；')}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 智能推荐: what the signed-in organization should look at, by the matching engine. */
export function Recommend() {
  const who = useSignal(me) as Me | null | undefined;
  useSignal(locale);
  if (who === undefined) return <p>{t('loading')}</p>;
  if (!who?.acting) return <p>{t('signInFirst')}</p>;
  if (who.acting.orgKind === 'firm') return <FirmRecommendations firmId={who.acting.orgId} />;
  if (who.acting.orgKind === 'agency') return <AgencyMatches />;
  return <p>{t('recommendForOthers')}</p>;
}
