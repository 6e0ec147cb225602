import { ConflictBody, ScoreSheetBody } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, ProblemError, read } from './api.ts';
import { localErrors, serverErrors } from './forms.ts';
import { formatDate, formatMoney, formatTime, locale, t } from './i18n.ts';
import { navigate } from './router.ts';
import { csrf } from './session.ts';
import { useSignal } from './signal.ts';

type Assignments = Awaited<ReturnType<typeof fetchAssignments>>;
type Assignment = Assignments['items'][number];
type Criteria = Awaited<ReturnType<typeof fetchCriteria>>;
type Sheets = Awaited<ReturnType<typeof fetchSheets>>;

const fetchAssignments = async (scenarioId?: string) =>
  read(await api.api.v1.experts.me.assignments.$get({ query: scenarioId ? { scenarioId } : {} }));
const fetchCriteria = async (id: string) =>
  read(await api.api.v1.scenarios[':id'].criteria.$get({ param: { id } }));
const fetchSheets = async (id: string) =>
  read(await api.api.v1.scenarios[':id']['score-sheets'].$get({ param: { id } }));

/** The API's problem in the page's language where it matters: signed out, not an expert. */
export const problemText = (e: Error) =>
  e instanceof ProblemError && e.status === 401
    ? t('signInFirst')
    : e instanceof ProblemError && e.status === 403 && e.message.includes('expert')
      ? t('exNotExpert')
      : e.message;

/** Date and minute in Asia/Shanghai. */
const when = (iso: string) => `${formatDate(iso)} ${formatTime(iso)}`;

function RescoreNotice(props: { a: Assignment }) {
  const r = props.a.rescoreRequest;
  if (!r) return null;
  return (
    <p class="notice-alert" role="alert" data-testid="rescore-request">
      <strong>{t('exRescore')}</strong>：{t('exRescoreText', { at: when(r.requestedAt), reason: r.reason })}
    </p>
  );
}

/** 回避申报: the expert names an organization (a bidder of their panels) and why. */
function ConflictForm(props: {
  expertId: string;
  firms: { id: string; name: string }[];
  onDone: () => void;
}) {
  const [orgId, setOrgId] = useState(props.firms[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const send = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    const body = { orgId, reason };
    const local = localErrors(ConflictBody, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await read(
        await api.api.v1.experts[':id'].conflicts.$post(
          { param: { id: props.expertId }, json: body },
          { headers: csrf() },
        ),
      );
      setReason('');
      setDone(true);
      props.onDone();
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
    }
  };
  return (
    <form class="panel" onSubmit={send} aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('exConflict')}</h2>
      <label class="field">
        <span>{t('exConflictOrg')}</span>
        <select
          name="orgId"
          value={orgId}
          onChange={(e) => setOrgId(e.currentTarget.value)}
          aria-invalid={errors.orgId ? 'true' : undefined}
          aria-describedby={errors.orgId ? 'conflict-org-error' : undefined}
        >
          <option value="">—</option>
          {props.firms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        {errors.orgId && (
          <span class="field-error" id="conflict-org-error">
            {errors.orgId}
          </span>
        )}
      </label>
      <label class="field">
        <span>{t('exConflictReason')}</span>
        <textarea
          name="conflictReason"
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
          aria-invalid={errors.reason ? 'true' : undefined}
          aria-describedby={errors.reason ? 'conflict-reason-error' : undefined}
        />
        {errors.reason && (
          <span class="field-error" id="conflict-reason-error">
            {errors.reason}
          </span>
        )}
      </label>
      <div aria-live="polite">
        {errors[''] && <p class="error">{errors['']}</p>}
        {done && <p role="status">{t('exConflictDone')}</p>}
      </div>
      <div class="actions">
        <button type="submit">{t('exConflictSend')}</button>
      </div>
    </form>
  );
}

/** 我的评审任务: the panels the signed-in expert sits on, their progress and signature. */
export function ExpertHome() {
  const l = useSignal(locale);
  const [data, setData] = useState<Assignments | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = () =>
    fetchAssignments()
      .then(setData)
      .catch((e) => setError(e as Error));
  useEffect(() => {
    void load();
  }, []);
  if (!data)
    return error ? (
      <p class="error" role="alert">
        {problemText(error)}
      </p>
    ) : (
      <p>{t('loading')}</p>
    );
  const firms = new Map<string, string>();
  for (const a of data.items) for (const b of a.bids) firms.set(b.firmId, b.firmName);
  return (
    <section aria-labelledby="expert-title" data-locale={l}>
      <h1 id="expert-title">{t('exTitle')}</h1>
      <p class="meta">
        {data.expert.name}
        {data.expert.title && ` · ${data.expert.title}`}
        {data.expert.employerName && ` · ${data.expert.employerName}`}
      </p>
      {data.items.length === 0 && <p>{t('exNone')}</p>}
      <ul class="assignments">
        {data.items.map((a) => (
          <li key={a.scenarioId} class="card" data-testid="assignment">
            <div class="card-head">
              <span class={`badge ${a.kind === 'challenge' ? 'challenge' : ''}`}>{a.alias}</span>
              <span class="meta">{a.issuerName}</span>
            </div>
            <h3>
              <a
                href={`/expert/${a.scenarioId}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/expert/${a.scenarioId}`);
                }}
              >
                {a.title}
              </a>
            </h3>
            <p class="meta">
              {t('exProgress', { done: a.completedSheets, total: a.qualifiedBids })} ·{' '}
              {a.signedAt ? t('exSignedAt', { at: when(a.signedAt) }) : t('exUnsigned')}
            </p>
            <RescoreNotice a={a} />
          </li>
        ))}
      </ul>
      {data.expert.conflicts.length > 0 && (
        <>
          <h2>{t('exDeclared')}</h2>
          <ul>
            {data.expert.conflicts.map((c) => (
              <li key={c.orgId}>
                {c.orgName}：{c.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <ConflictForm
        expertId={data.expert.id}
        firms={[...firms].map(([id, name]) => ({ id, name }))}
        onDone={() => void load()}
      />
    </section>
  );
}

interface Cell {
  points: string;
  comment: string;
}

/** One bid's sheet: points per criterion (0…weight, checked here and by the server) with reasons. */
function BidSheet(props: {
  scenarioId: string;
  bid: Assignment['bids'][number];
  criteria: Criteria['criteria'];
  saved: Sheets['sheets'];
  editable: boolean;
  onSaved: () => void;
}) {
  const { bid, criteria } = props;
  const initial = () =>
    Object.fromEntries(
      criteria.map((c) => {
        const s = props.saved.find((x) => x.criterion === c.code);
        return [c.code, { points: s ? String(s.points) : '', comment: s?.comment ?? '' }];
      }),
    ) as Record<string, Cell>;
  const [cells, setCells] = useState<Record<string, Cell>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  // Reset to the stored points only when they change (not on every parent render: unsaved input survives).
  const savedKey = JSON.stringify(props.saved);
  useEffect(() => setCells(initial()), [savedKey]);
  const complete = criteria.every((c) => props.saved.some((x) => x.criterion === c.code));
  const set = (code: string, patch: Partial<Cell>) =>
    setCells((prev) => ({ ...prev, [code]: { ...(prev[code] as Cell), ...patch } }));
  const save = async (e: Event) => {
    e.preventDefault();
    setMessage('');
    const body = {
      scores: criteria.map((c) => {
        const raw = (cells[c.code]?.points ?? '').trim();
        const n = Number(raw);
        return {
          criterion: c.code,
          // As typed when it is not a number, so the shared schema names the field.
          points: raw === '' ? raw : Number.isFinite(n) ? n : raw,
          comment: cells[c.code]?.comment ?? '',
        };
      }),
    };
    const local = localErrors(ScoreSheetBody, body);
    // The shared schema knows 0…100; the criterion's own weight is the tighter bound.
    body.scores.forEach((s, i) => {
      const max = (criteria[i] as Criteria['criteria'][number]).weight;
      if (typeof s.points !== 'number') local[`scores.${i}.points`] = t('exNumber');
      else if (s.points < 0 || s.points > max) local[`scores.${i}.points`] ??= t('exRange', { max });
    });
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await read(
        await api.api.v1.scenarios[':id']['score-sheets'][':bidId'].$put(
          { param: { id: props.scenarioId, bidId: bid.id }, json: body as ScoreSheetBody },
          { headers: csrf() },
        ),
      );
      setMessage(t('exSaved'));
      props.onSaved();
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
    }
  };
  const content = (bid.content ?? {}) as { approach?: string; team?: string; schedule?: string };
  return (
    <form class="panel sheet" onSubmit={save} aria-labelledby={`sheet-${bid.id}`} data-testid="bid-sheet">
      <h2 id={`sheet-${bid.id}`}>
        {bid.firmName}{' '}
        <span class={`badge ${complete ? 'done' : ''}`}>
          {complete ? t('exSheetDone') : t('exSheetIncomplete')}
        </span>
      </h2>
      <p class="meta">
        {t('exPrice')}：{formatMoney(bid.priceFen)}
      </p>
      {content.approach && (
        <details>
          <summary>{t('exProposal')}</summary>
          <p class="proposal">{content.approach}</p>
          {content.team && <p class="proposal">{content.team}</p>}
          {content.schedule && <p class="proposal">{content.schedule}</p>}
        </details>
      )}
      <table class="score-table">
        <thead>
          <tr>
            <th scope="col">{t('exCriterion')}</th>
            <th scope="col">{t('exWeight')}</th>
            <th scope="col">{t('exPointsHead')}</th>
            <th scope="col">{t('exComment')}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c, i) => {
            const err = errors[`scores.${i}.points`];
            const errId = `err-${bid.id}-${c.code}`;
            return (
              <tr key={c.code}>
                <th scope="row">
                  {c.name}
                  {c.guidance && <small class="guidance">{c.guidance}</small>}
                </th>
                <td>{c.weight}</td>
                <td>
                  <label>
                    <span class="sr-only">
                      {c.name} {t('exPoints', { max: c.weight })}
                    </span>
                    <input
                      name={`points.${c.code}`}
                      inputMode="decimal"
                      size={5}
                      disabled={!props.editable}
                      value={cells[c.code]?.points ?? ''}
                      onInput={(e) => set(c.code, { points: e.currentTarget.value })}
                      aria-invalid={err ? 'true' : undefined}
                      aria-describedby={err ? errId : undefined}
                    />
                  </label>
                  {err && (
                    <span class="field-error" id={errId} data-criterion={c.code}>
                      {c.name}：{err}
                    </span>
                  )}
                </td>
                <td>
                  <label>
                    <span class="sr-only">
                      {c.name} {t('exComment')}
                    </span>
                    <textarea
                      name={`comment.${c.code}`}
                      rows={2}
                      disabled={!props.editable}
                      value={cells[c.code]?.comment ?? ''}
                      onInput={(e) => set(c.code, { comment: e.currentTarget.value })}
                    />
                  </label>
                  {errors[`scores.${i}.comment`] && (
                    <span class="field-error">{errors[`scores.${i}.comment`]}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div aria-live="polite">
        {errors[''] && (
          <p class="error" role="alert">
            {errors['']}
          </p>
        )}
        {message && <p role="status">{message}</p>}
      </div>
      {props.editable && (
        <div class="actions">
          <button type="submit">{t('exSave')}</button>
        </div>
      )}
    </form>
  );
}

/** 评分表: every qualified bid of one scenario; save each, then sign once all are complete. */
export function ScoreSheetPage(props: { scenarioId: string }) {
  const l = useSignal(locale);
  const [a, setA] = useState<Assignment | null>(null);
  const [criteria, setCriteria] = useState<Criteria | null>(null);
  const [sheets, setSheets] = useState<Sheets | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [signError, setSignError] = useState('');
  const load = async () => {
    const [mine, crit, sh] = await Promise.all([
      fetchAssignments(props.scenarioId),
      fetchCriteria(props.scenarioId),
      fetchSheets(props.scenarioId),
    ]);
    const item = mine.items[0];
    if (!item) throw new Error(t('exNone'));
    setA(item);
    setCriteria(crit);
    setSheets(sh);
  };
  useEffect(() => {
    load().catch((e) => setError(e as Error));
  }, [props.scenarioId]);
  const sign = async () => {
    setSignError('');
    try {
      await read(
        await api.api.v1.scenarios[':id']['score-sheets'].sign.$post(
          { param: { id: props.scenarioId } },
          { headers: csrf() },
        ),
      );
      await load();
    } catch (err) {
      setSignError((err as Error).message);
    }
  };
  if (!a || !criteria || !sheets)
    return error ? (
      <p class="error" role="alert">
        {problemText(error)}
      </p>
    ) : (
      <p>{t('loading')}</p>
    );
  const scored = criteria.criteria.filter((c) => c.kind !== 'price');
  const mySeat = sheets.members.find((m) => m.you)?.seat ?? a.seat;
  const open = a.scenarioStatus === 'under_evaluation';
  const editable = open && !a.signedAt;
  const canSign = editable && a.qualifiedBids > 0 && a.completedSheets === a.qualifiedBids;
  return (
    <section aria-labelledby="sheet-title" data-locale={l}>
      <p>
        <a
          href="/expert"
          onClick={(e) => {
            e.preventDefault();
            navigate('/expert');
          }}
        >
          ← {t('exBack')}
        </a>
      </p>
      <h1 id="sheet-title">
        {t('exSheetTitle')} · {a.title}
      </h1>
      <p class="meta">
        {a.issuerName} · {t('exSeat')}：{a.alias} ·{' '}
        {t('exProgress', { done: a.completedSheets, total: a.qualifiedBids })}
      </p>
      <RescoreNotice a={a} />
      <p class="hint" data-testid="independence">
        {sheets.allSigned ? t('exOthers') : t('exHidden')}
      </p>
      <p class="meta" data-testid="signatures">
        {t('exMembers')}：
        {sheets.members
          .map((m) => `${m.alias}${m.you ? t('exYou') : ''} ${m.signedAt ? t('exSigned') : t('exUnsigned')}`)
          .join(' · ')}
      </p>
      {!open && <p class="hint">{t('exClosed')}</p>}
      {a.bids.map((b) => (
        <BidSheet
          key={b.id}
          scenarioId={props.scenarioId}
          bid={b}
          criteria={scored}
          saved={sheets.sheets.filter((s) => s.bidId === b.id && s.seat === mySeat)}
          editable={editable}
          onSaved={() => void load().catch((e) => setError(e as Error))}
        />
      ))}
      {sheets.allSigned && (
        <div class="grid-wrap">
          <table class="score-table" data-testid="all-scores">
            <caption>{t('exOthers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exBid')}</th>
                <th scope="col">{t('exCriterion')}</th>
                {sheets.members.map((m) => (
                  <th scope="col" key={m.seat}>
                    {m.alias}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {a.bids.flatMap((b) =>
                scored.map((c) => (
                  <tr key={`${b.id}-${c.code}`}>
                    <td>{b.firmName}</td>
                    <td>{c.name}</td>
                    {sheets.members.map((m) => (
                      <td key={m.seat}>
                        {sheets.sheets.find(
                          (s) => s.bidId === b.id && s.criterion === c.code && s.seat === m.seat,
                        )?.points ?? '—'}
                      </td>
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      <div class="panel" aria-live="polite">
        {a.signedAt ? (
          <p role="status" data-testid="signed">
            {t('exSignedAt', { at: when(a.signedAt) })}
          </p>
        ) : (
          <>
            <p class="hint">{t('exSignHint')}</p>
            <button type="button" disabled={!canSign} onClick={sign}>
              {t('exSign')}
            </button>
          </>
        )}
        {signError && (
          <p class="error" role="alert">
            {signError}
          </p>
        )}
      </div>
    </section>
  );
}
