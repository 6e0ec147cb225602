import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { formatDate, formatMoney, locale, t } from './i18n.ts';
import { NoticeSection } from './notices.tsx';
import { navigate } from './router.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';
import { label, labels, vocabularies } from './vocabularies.ts';

type Detail = Awaited<ReturnType<typeof fetchDetail>>;
type Questions = Awaited<ReturnType<typeof fetchQuestions>>;

const fetchDetail = async (id: string) => read(await api.api.v1.scenarios[':id'].$get({ param: { id } }));
const fetchQuestions = async (id: string) =>
  read(await api.api.v1.scenarios[':id'].questions.$get({ param: { id } }));

/** The issuer's public answer to one question (every bidder sees it; the asker stays private). */
function Answer(props: { id: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const send = async () => {
    try {
      await read(
        await api.api.v1.questions[':id'].answer.$post(
          { param: { id: props.id }, json: { answer: text } },
          { headers: csrf() },
        ),
      );
      props.onDone();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <span class="answer">
      <textarea name="answer" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="button" disabled={!text.trim()} onClick={send}>
        {t('answerIt')}
      </button>
      {error && <span class="field-error">{error.message}</span>}
    </span>
  );
}

/** A published scenario or 揭榜挂帅 challenge: the brief, requirements, public Q&A; a firm asks or applies. */
export function ScenarioPage(props: { id: string }) {
  const l = useSignal(locale);
  const vocab = useSignal(vocabularies);
  const who = useSignal(me);
  const [s, setS] = useState<Detail | null>(null);
  const [qs, setQs] = useState<Questions | null>(null);
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    fetchDetail(props.id).then(setS).catch(setError);
    fetchQuestions(props.id).then(setQs).catch(setError);
  }, [props.id]);
  const isFirm = who?.acting?.orgKind === 'firm';
  const isIssuer = s !== null && who?.acting?.orgId === s.issuer.id;
  const ask = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await read(
        await api.api.v1.scenarios[':id'].questions.$post(
          { param: { id: props.id }, json: { question } },
          { headers: csrf() },
        ),
      );
      setQuestion('');
      setQs(await fetchQuestions(props.id));
    } catch (err) {
      setError(err as Error);
    }
  };
  const apply = async () => {
    setError(null);
    try {
      const bid = await read(
        await api.api.v1.scenarios[':id'].bids.$post(
          { param: { id: props.id }, json: {} },
          { headers: csrf() },
        ),
      );
      navigate(`/bids/${(bid as { id: string }).id}`);
    } catch (err) {
      setError(err as Error);
    }
  };
  if (!s) return error ? <p class="error">{error.message}</p> : <p>{t('loading')}</p>;
  return (
    <article aria-labelledby="scenario-title" data-testid="scenario-detail">
      <p class="badge">{label(vocab?.scenarioKinds, s.kind, l)}</p>
      <h1 id="scenario-title">{s.title}</h1>
      <p class="meta">
        {t('issuer')}：{s.issuer.name} · {label(vocab?.domains, s.domain, l)}
        {s.secondaryDomains.length > 0 && (
          <span data-testid="secondary-domains">
            {'（'}
            {t('alsoIn')} {labels(vocab?.domains, s.secondaryDomains, l)}
            {'）'}
          </span>
        )}{' '}
        · {label(vocab?.areas, s.area, l)} · {label(vocab?.districts, s.district, l)}
      </p>
      <p class="meta">
        {t('budget')}：{formatMoney(s.budgetFen)}
        {s.rewardFen !== null && ` · ${t('reward')}：${formatMoney(s.rewardFen)}`} · {t('deadline')}：
        {formatDate(s.deadline)}
      </p>
      {s.summary && <p>{s.summary}</p>}
      {s.problem && (
        <>
          <h2>{t('painPoints')}</h2>
          <p>{s.problem}</p>
        </>
      )}
      {s.goals && (
        <>
          <h2>{t('goals')}</h2>
          <p>{s.goals}</p>
        </>
      )}
      {s.kpis.length > 0 && (
        <>
          <h2>{t('kpis')}</h2>
          <ul>
            {s.kpis.map((k) => (
              <li key={k.name}>
                {k.name}：{k.target}
                {k.unit ?? ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {s.requirements.length > 0 && (
        <>
          <h2>{t('requirements')}</h2>
          <ul>
            {s.requirements.map((r, i) => (
              <li key={i}>
                {r.description || r.kind}
                {r.mandatory ? `（${t('mandatory')}）` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {isFirm && (
        <p>
          <button type="button" onClick={apply}>
            {t('apply')}
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      <NoticeSection scenarioId={props.id} />
      <section aria-labelledby="qa-title">
        <h2 id="qa-title">{t('qa')}</h2>
        <ul>
          {qs?.items.map((q) => (
            <li key={q.id} data-testid="question">
              <strong>{q.question}</strong>
              <br />
              {q.answer ??
                (isIssuer ? (
                  <Answer id={q.id} onDone={() => fetchQuestions(props.id).then(setQs)} />
                ) : (
                  t('notAnswered')
                ))}
            </li>
          ))}
        </ul>
        {isFirm && (
          <form onSubmit={ask}>
            <label>
              {t('askQuestion')}
              <textarea
                name="question"
                value={question}
                onInput={(e) => setQuestion(e.currentTarget.value)}
              />
            </label>
            <button type="submit" disabled={!question.trim()}>
              {t('send')}
            </button>
          </form>
        )}
      </section>
    </article>
  );
}
