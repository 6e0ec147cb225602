import { KpiReportBody, LowPriceExplanationBody, ObjectionBody } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, ProblemError, read } from './api.ts';
import { localErrors, serverErrors } from './forms.ts';
import { formatDate, formatMoney, locale, type MessageKey, t } from './i18n.ts';
import {
  type Award,
  fetchAwards,
  fetchNotice,
  type Notice,
  noticeStatus,
  objectionsOpen,
  when,
} from './notices.tsx';
import { navigate } from './router.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';

const fetchBids = async () => (await read(await api.api.v1.bids.$get())).items;
type Bid = Awaited<ReturnType<typeof fetchBids>>[number];
const fetchObjections = async (noticeId: string) =>
  (await read(await api.api.v1.notices[':id'].objections.$get({ param: { id: noticeId } }))).items;
type Objection = Awaited<ReturnType<typeof fetchObjections>>[number];
const fetchDelivery = async (awardId: string) =>
  read(await api.api.v1.awards[':id'].delivery.$get({ param: { id: awardId } }));
type Delivery = Awaited<ReturnType<typeof fetchDelivery>>;

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  submitted: ['已提交（截止前密封）', 'Submitted (sealed until the deadline)'],
  withdrawn: ['已撤回', 'Withdrawn'],
  opened: ['已开标', 'Opened'],
  qualified: ['资格审查通过', 'Qualified'],
  disqualified: ['资格审查未通过', 'Disqualified'],
  scored: ['已评分', 'Scored'],
  awarded: ['中标 / 揭榜成功', 'Awarded'],
  not_awarded: ['未中标', 'Not awarded'],
};
const statusLabel = (s: string) => (STATUS[s] ?? [s, s])[locale.get() === 'en' ? 1 : 0];

const MILESTONE: Record<string, MessageKey> = {
  planned: 'mbMs_planned',
  done: 'mbMs_done',
  late: 'mbMs_late',
  waived: 'mbMs_waived',
};

/** Past the opening: results may exist. */
const REVIEWED = new Set(['opened', 'qualified', 'disqualified', 'scored', 'awarded', 'not_awarded']);

/** A one-textarea form checked with a shared schema; the server's field errors land on the same field. */
function TextForm(props: {
  name: string;
  label: string;
  button: string;
  done: string;
  field: string;
  check: (text: string) => Record<string, string>;
  send: (text: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const id = `${props.name}-error`;
  const submit = async (e: Event) => {
    e.preventDefault();
    setSent(false);
    const local = props.check(text);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await props.send(text);
      setText('');
      setSent(true);
      props.onDone();
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
    }
  };
  const err = errors[props.field];
  return (
    <form onSubmit={submit} class="inline-form">
      <label class="field">
        <span>{props.label}</span>
        <textarea
          name={props.name}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={err ? id : undefined}
        />
        {err && (
          <span class="field-error" id={id}>
            {err}
          </span>
        )}
      </label>
      <div aria-live="polite">
        {errors[''] && !err && <p class="error">{errors['']}</p>}
        {sent && <p role="status">{props.done}</p>}
      </div>
      <button type="submit">{props.button}</button>
    </form>
  );
}

/** 履约: milestones and KPI reports of the firm's award; the firm reports a KPI value. */
function DeliveryView(props: { award: Award }) {
  const [d, setD] = useState<Delivery | null>(null);
  const [kpi, setKpi] = useState('');
  const [value, setValue] = useState('');
  const [met, setMet] = useState(true);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const load = () =>
    fetchDelivery(props.award.id)
      .then((x) => {
        setD(x);
        setKpi((k) => k || x.kpis[0]?.name || '');
      })
      // A consortium partner does not follow the delivery (404): nothing to show then.
      .catch((e) => {
        if (!(e instanceof ProblemError && e.status === 404)) setErrors({ '': (e as Error).message });
      });
  useEffect(() => {
    void load();
  }, [props.award.id]);
  const report = async (e: Event) => {
    e.preventDefault();
    setSent(false);
    const body = { kpi, value, met, note };
    const local = localErrors(KpiReportBody, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await read(
        await api.api.v1.awards[':id']['kpi-reports'].$post(
          { param: { id: props.award.id }, json: body },
          { headers: csrf() },
        ),
      );
      setValue('');
      setNote('');
      setSent(true);
      await load();
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
    }
  };
  if (!d) return errors[''] ? <p class="error">{errors['']}</p> : null;
  const fieldError = (f: string) =>
    errors[f] && (
      <span class="field-error" id={`kpi-${f}-error`}>
        {errors[f]}
      </span>
    );
  return (
    <section class="delivery" aria-label={t('mbDelivery')} data-testid="delivery">
      <h3>{t('mbDelivery')}</h3>
      <h4>{t('mbMilestones')}</h4>
      <ul>
        {d.milestones.map((m) => (
          <li key={m.id}>
            {m.title} · {t('mbDue', { at: formatDate(m.dueAt) })} ·{' '}
            {MILESTONE[m.status] ? t(MILESTONE[m.status] as MessageKey) : m.status}
          </li>
        ))}
      </ul>
      <h4>{t('mbKpiReports')}</h4>
      <ul>
        {d.kpiReports.map((r) => (
          <li key={r.id}>
            {r.kpi}：{r.value}
            {r.met === true ? ` ✓ ${t('mbKpiMet')}` : ''} · {when(r.reportedAt)}
          </li>
        ))}
      </ul>
      {d.kpis.length > 0 && (
        <form onSubmit={report} class="inline-form">
          <label class="field">
            <span>{t('mbKpi')}</span>
            <select name="kpi" value={kpi} onChange={(e) => setKpi(e.currentTarget.value)}>
              {d.kpis.map((k) => (
                <option key={k.name} value={k.name}>
                  {k.name}（{k.target}
                  {k.unit ?? ''}）
                </option>
              ))}
            </select>
            {fieldError('kpi')}
          </label>
          <label class="field">
            <span>{t('mbKpiValue')}</span>
            <input
              name="kpiValue"
              value={value}
              onInput={(e) => setValue(e.currentTarget.value)}
              aria-invalid={errors.value ? 'true' : undefined}
              aria-describedby={errors.value ? 'kpi-value-error' : undefined}
            />
            {fieldError('value')}
          </label>
          <label class="check">
            <input type="checkbox" checked={met} onChange={(e) => setMet(e.currentTarget.checked)} />
            {t('mbKpiMet')}
          </label>
          <label class="field">
            <span>{t('mbKpiNote')}</span>
            <textarea name="kpiNote" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            {fieldError('note')}
          </label>
          <div aria-live="polite">
            {errors[''] && <p class="error">{errors['']}</p>}
            {sent && <p role="status">{t('mbKpiSent')}</p>}
          </div>
          <button type="submit">{t('mbKpiSend')}</button>
        </form>
      )}
    </section>
  );
}

/** One bid with its result: rank and score from the notice, award, objections, low-price explanation. */
function BidResult(props: {
  bid: Bid;
  notice: Notice | null;
  awards: Award[];
  myOrgId: string | null;
  onChange: () => void;
}) {
  const { bid, notice, awards } = props;
  const [objections, setObjections] = useState<Objection[]>([]);
  const loadObjections = () => {
    if (notice) fetchObjections(notice.id).then(setObjections, () => setObjections([]));
  };
  useEffect(loadObjections, [notice?.id]);
  const row = notice?.payload.ranking.find((r) => r.bidId === bid.id);
  const excluded = notice?.payload.excluded.find((x) => x.bidId === bid.id);
  const award = awards.find((a) => a.bidId === bid.id);
  const lead = bid.leadFirmId === props.myOrgId;
  const open = `/scenarios/${bid.scenarioId}`;
  return (
    <li class="card" data-testid="my-bid">
      <div class="card-head">
        <span class="badge">{statusLabel(bid.status)}</span>
        <span class="meta">
          {t('priceWan')}：{formatMoney(bid.priceFen)}
        </span>
      </div>
      <h3>
        <a
          href={open}
          onClick={(e) => {
            e.preventDefault();
            navigate(open);
          }}
        >
          {bid.scenarioTitle}
        </a>
      </h3>
      {(bid.status === 'draft' || bid.status === 'submitted') && (
        <p>
          <a
            href={`/bids/${bid.id}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/bids/${bid.id}`);
            }}
          >
            {t('mbEdit')}
          </a>
        </p>
      )}
      {notice && (
        <p class="meta" data-testid="my-result">
          {noticeStatus(notice.status)} ·{' '}
          {row
            ? t('mbRank', { rank: row.rank, total: row.total })
            : excluded
              ? t('mbNotRanked', { reason: excluded.reason })
              : ''}
          {notice.objectionsUntil && ` · ${t('ntWindow', { at: when(notice.objectionsUntil) })}`}
        </p>
      )}
      {award ? (
        <p class="result-ok" data-testid="my-award">
          {t('mbAwarded', { amount: formatMoney(award.amountFen) })}
        </p>
      ) : (
        bid.status === 'not_awarded' && <p class="meta">{t('mbNotAwarded')}</p>
      )}
      {lead && bid.lowPriceFlag && (
        <div class="notice-alert">
          {bid.lowPriceAcceptedAt ? (
            <p>{t('mbLowPriceAccepted')}</p>
          ) : (
            <>
              <p role="alert">{t('mbLowPrice')}</p>
              {bid.lowPriceExplanation && (
                <p class="meta">
                  {t('mbLowPriceSent')}：{bid.lowPriceExplanation}
                </p>
              )}
              <TextForm
                name={`lowPrice-${bid.id}`}
                field="explanation"
                label={t('mbLowPriceLabel')}
                button={t('mbLowPriceSend')}
                done={t('mbLowPriceSent')}
                check={(explanation) => localErrors(LowPriceExplanationBody, { explanation })}
                send={async (explanation) =>
                  read(
                    await api.api.v1.bids[':id']['low-price-explanation'].$post(
                      { param: { id: bid.id }, json: { explanation } },
                      { headers: csrf() },
                    ),
                  )
                }
                onDone={props.onChange}
              />
            </>
          )}
        </div>
      )}
      {objections.length > 0 && (
        <>
          <h4>{t('mbObjections')}</h4>
          <ul data-testid="my-objections">
            {objections.map((o) => (
              <li key={o.id}>
                {o.text} — {o.answer ? t('mbObjectionAnswer', { answer: o.answer }) : t('mbObjectionPending')}
              </li>
            ))}
          </ul>
        </>
      )}
      {notice && objectionsOpen(notice) && (
        <details>
          <summary>{t('mbObjection')}</summary>
          <TextForm
            name={`objection-${bid.id}`}
            field="text"
            label={t('mbObjectionText')}
            button={t('mbObjectionSend')}
            done={t('mbObjectionSent')}
            check={(text) => localErrors(ObjectionBody, { bidId: bid.id, text })}
            send={async (text) =>
              read(
                await api.api.v1.notices[':id'].objections.$post(
                  { param: { id: notice.id }, json: { bidId: bid.id, text } },
                  { headers: csrf() },
                ),
              )
            }
            onDone={loadObjections}
          />
        </details>
      )}
      {award && <DeliveryView award={award} />}
    </li>
  );
}

/** 我的申报: the firm's bids (lead or partner) and, once evaluated, the result of each. */
export function MyBids() {
  const l = useSignal(locale);
  const who = useSignal(me);
  const [bids, setBids] = useState<Bid[] | null>(null);
  const [notices, setNotices] = useState<Record<string, Notice | null>>({});
  const [awards, setAwards] = useState<Record<string, Award[]>>({});
  const [error, setError] = useState<Error | null>(null);
  const load = async () => {
    const items = await fetchBids();
    setBids(items);
    // One notice and award list per evaluated scenario, fetched side by side.
    const scenarios = [...new Set(items.filter((b) => REVIEWED.has(b.status)).map((b) => b.scenarioId))];
    const results = await Promise.all(
      scenarios.map(async (id) => {
        const n = await fetchNotice(id).catch(() => null);
        const a = n ? await fetchAwards(id).catch(() => []) : [];
        return [id, n, a] as const;
      }),
    );
    setNotices(Object.fromEntries(results.map(([id, n]) => [id, n])));
    setAwards(Object.fromEntries(results.map(([id, , a]) => [id, a])));
  };
  useEffect(() => {
    load().catch((e) => setError(e as Error));
  }, []);
  if (!bids)
    return error ? (
      <p class="error" role="alert">
        {error instanceof ProblemError && error.status === 401 ? t('signInFirst') : error.message}
      </p>
    ) : (
      <p>{t('loading')}</p>
    );
  return (
    <section aria-labelledby="my-bids-title" data-locale={l}>
      <h1 id="my-bids-title">{t('mbTitle')}</h1>
      {bids.length === 0 && <p>{t('mbNone')}</p>}
      <ul class="assignments">
        {bids.map((b) => (
          <BidResult
            key={b.id}
            bid={b}
            notice={notices[b.scenarioId] ?? null}
            awards={awards[b.scenarioId] ?? []}
            myOrgId={who?.acting?.orgId ?? null}
            onChange={() => void load().catch((e) => setError(e as Error))}
          />
        ))}
      </ul>
    </section>
  );
}
