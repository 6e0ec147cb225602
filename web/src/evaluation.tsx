import {
  AcceptanceBody,
  AwardBody,
  BUILTIN_TEMPLATES,
  CriteriaBody,
  MilestoneBody,
  MilestoneDoneBody,
  ObjectionAnswerBody,
  PanelDrawBody,
  QualificationBody,
  ReplaceMemberBody,
  RescoreBody,
} from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import type * as v from 'valibot';
import { api, ProblemError, read } from './api.ts';
import { fenToWan, localErrors, serverErrors, wanToFen } from './forms.ts';
import { formatDate, formatMoney, locale, type MessageKey, t } from './i18n.ts';
import { navigate } from './router.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';
import { EVALUATION_STRINGS } from './strings-evaluation.ts';
import { statusText } from './workspace.tsx';

// ------------------------------------------------------------------ shapes of the API's answers

interface Scenario {
  id: string;
  title: string;
  kind: 'scenario' | 'challenge';
  status: string;
  issuerId: string;
  deadline: string | null;
  budgetFen: number | null;
  subsidyFen: number | null;
  winnersMax: number;
}
interface BidRow {
  id: string;
  leadFirmId: string;
  leadFirmName: string;
  status: string;
  priceFen: number | null;
  submittedAt: string | null;
  openedAt: string | null;
  qualificationReason: string | null;
  lowPriceFlag: boolean;
  lowPriceExplanation: string | null;
  lowPriceAcceptedAt: string | null;
  partners: string[];
  size: string | null;
}
interface Member {
  id: string;
  expertId: string;
  name: string;
  seat: number;
  status: 'active' | 'recused' | 'replaced';
  recusalReason: string | null;
  signedAt: string | null;
}
interface Panel {
  id: string;
  size: number;
  seed: string;
  status: string;
  members: Member[];
}
interface Recusal {
  expertId: string;
  name: string;
  reason: string;
}
interface Criterion {
  id: string;
  code: string;
  name: string;
  kind: string;
  weight: number;
  guidance: string;
}
interface Criteria {
  category: 'goods' | 'services' | 'challenge';
  priceWeight: number;
  passThreshold: number | null;
  /** The subsidy rule in force, when the API gives one (a share of the investment, capped). */
  rules?: { subsidyRate?: number; subsidyCapFen?: number };
  criteria: Criterion[];
}
interface Sheets {
  panelStatus: string;
  allSigned: boolean;
  members: { seat: number; alias: string; signedAt: string | null }[];
}
interface RankingRow {
  bid: string;
  evaluatedPriceFen: number;
  priceScore: number;
  criteria: Record<string, number>;
  total: number;
  rank: number;
  flags: string[];
  passed: boolean;
}
interface Outcome {
  inputDigest: string;
  passThreshold: number | null;
  ranking: RankingRow[];
  excluded: { bid: string; evaluatedPriceFen: number; reason: string; flags: string[] }[];
  deviations: { bid: string; criterion: string; expert: number; points: number; panelMean: number }[];
}
interface Notice {
  id: string;
  status: string;
  publishedAt: string;
  objectionsUntil: string | null;
  inputsDigest: string;
  payload: {
    passThreshold: number | null;
    ranking: (Omit<RankingRow, 'bid'> & { bidId: string; firm: string })[];
    excluded: { bidId: string; firm: string; reason: string }[];
  };
}
interface Objection {
  id: string;
  bidId: string | null;
  orgId: string;
  text: string;
  status: 'filed' | 'upheld' | 'rejected';
  answer: string | null;
  createdAt: string;
}
interface Award {
  id: string;
  bidId: string;
  firmName: string;
  rank: number;
  amountFen: number;
  subsidyFen: number | null;
  status: string;
  acceptanceNote: string | null;
}
interface Delivery {
  kpis: { name: string; target: string; unit?: string }[];
  milestones: {
    id: string;
    title: string;
    dueAt: string;
    status: string;
    doneAt: string | null;
    note: string;
  }[];
  kpiReports: {
    id: string;
    kpi: string;
    value: string;
    met: boolean | null;
    note: string;
    reportedAt: string;
  }[];
}

interface World {
  scenario: Scenario;
  bids: BidRow[] | null;
  sealed: string | null;
  panel: Panel | null;
  criteria: Criteria | null;
  sheets: Sheets | null;
  notice: Notice | null;
  objections: Objection[];
  awards: Award[];
  deliveries: Record<string, Delivery>;
  /** The last computation, rebuilt from the reproducible report once bids are scored (before the 公示). */
  computed: Outcome | null;
}

// ------------------------------------------------------------------ small helpers

/** Date and time in Asia/Shanghai, e.g. 2026/12/08 18:00. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale.get(), {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

const wan = (fen: number | null) => (fen === null ? '—' : fenToWan(fen));
/** A translated label for a code (e.g. ev_flag_abnormally_low), or the code itself when there is none. */
export const tr = (prefix: string, code: string) => {
  const k = `${prefix}${code}`;
  return k in EVALUATION_STRINGS ? t(k as MessageKey) : code;
};

type Errors = Record<string, string>;

/** Checks a value with the API's own schema: the typed output, or the field messages. */
function check<S extends v.GenericSchema>(schema: S, value: unknown, setErrors: (e: Errors) => void) {
  const errors = localErrors(schema, value);
  setErrors(errors);
  return Object.keys(errors).length ? null : (value as v.InferInput<S>);
}

/** Field messages of a server answer; a problem without fields shows as the form's own message (''). */
function fromServer(e: unknown): Errors {
  const fields = serverErrors(e);
  if (Object.keys(fields).length === 0) return { '': (e as Error).message };
  return fields;
}

export const Field = (props: {
  label: string;
  error?: string | undefined;
  children: preact.ComponentChildren;
}) => (
  // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children (an input, select or textarea)
  <label class="field">
    <span>{props.label}</span>
    {props.children}
    {props.error && (
      <span class="field-error" role="alert">
        {props.error}
      </span>
    )}
  </label>
);

export const FormError = (props: { errors: Errors }) =>
  props.errors[''] ? (
    <p class="error" role="alert">
      {props.errors['']}
    </p>
  ) : null;

/** A status message, kept as its key so it follows the language. */
export type Say = (key: MessageKey, vars?: Record<string, string | number>) => void;

interface StepProps {
  w: World;
  id: string;
  staff: boolean;
  organizer: boolean;
  reload: () => Promise<void>;
  say: Say;
}

function Step(props: {
  n: number;
  id: string;
  title: string;
  state: 'done' | 'current' | 'waiting';
  who: string;
  canAct: boolean;
  children: preact.ComponentChildren;
}) {
  const label =
    props.state === 'done'
      ? t('ev_stepDone')
      : props.state === 'current'
        ? t('ev_stepCurrent')
        : t('ev_stepWaiting');
  return (
    <section class={`ev-step ev-${props.state}`} aria-labelledby={`${props.id}-h`} data-testid={props.id}>
      <header class="ev-step-head">
        <h2 id={`${props.id}-h`}>
          <span class="ev-n" aria-hidden="true">
            {props.n}
          </span>
          {props.title}
        </h2>
        <span class={`ev-badge ev-badge-${props.state}`}>{label}</span>
      </header>
      <p class="meta">
        {props.who} · {props.canAct ? t('ev_youMayAct') : t('ev_youMayNotAct')}
      </p>
      {props.children}
    </section>
  );
}

// ------------------------------------------------------------------ 1. 开标

function OpenStep(p: StepProps) {
  const { w } = p;
  const opened = (w.bids ?? []).filter((b) => b.openedAt);
  const [errors, setErrors] = useState<Errors>({});
  const past = w.scenario.deadline !== null && w.sealed === null;
  const open = async () => {
    try {
      const r = (await read(
        await api.api.v1.scenarios[':id']['open-bids'].$post({ param: { id: p.id } }, { headers: csrf() }),
      )) as { opened: number };
      setErrors({});
      p.say('ev_opened', { n: r.opened });
      await p.reload();
    } catch (e) {
      setErrors(fromServer(e));
    }
  };
  return (
    <Step
      n={1}
      id="step-open"
      title={t('ev_stepOpen')}
      state={opened.length ? 'done' : past ? 'current' : 'waiting'}
      who={t('ev_whoIssuerOrOrganizer')}
      canAct={p.staff}
    >
      {w.sealed !== null && <p>{t('ev_sealed', { at: formatDateTime(w.scenario.deadline) })}</p>}
      {past && opened.length === 0 && p.staff && (
        <button type="button" onClick={open}>
          {t('ev_openBids')}
        </button>
      )}
      <FormError errors={errors} />
      {opened.length > 0 && (
        <div class="table-wrap">
          <table class="agenda" data-testid="opened-bids">
            <caption>{t('ev_opened', { n: opened.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ev_firm')}</th>
                <th scope="col">{t('ev_price')}</th>
                <th scope="col">{t('ev_consortium')}</th>
                <th scope="col">{t('ev_size')}</th>
                <th scope="col">{t('ev_bidStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {opened.map((b) => (
                <tr key={b.id} data-testid="opened-bid">
                  <th scope="row">{b.leadFirmName}</th>
                  <td class="num">{wan(b.priceFen)}</td>
                  <td>{b.partners.length ? b.partners.join('、') : t('ev_alone')}</td>
                  <td>{b.size ? tr('ev_size_', b.size) : '—'}</td>
                  <td>{statusOfBid(b.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {w.sealed === null && w.bids !== null && opened.length === 0 && !past && <p>{t('ev_noBids')}</p>}
    </Step>
  );
}

const BID_STATUS: Record<string, [string, string]> = {
  submitted: ['已提交', 'Submitted'],
  opened: ['已开标', 'Opened'],
  qualified: ['审查通过', 'Qualified'],
  disqualified: ['审查不通过', 'Disqualified'],
  scored: ['已评分', 'Scored'],
  awarded: ['中标', 'Awarded'],
  not_awarded: ['未中标', 'Not awarded'],
};
const statusOfBid = (s: string) => (BID_STATUS[s] ?? [s, s])[locale.get() === 'en' ? 1 : 0];

// ------------------------------------------------------------------ 2. 评审标准

interface CriterionRow {
  code: string;
  name: string;
  weight: string;
  guidance: string;
}

function templateRows(id: string, en: boolean): { price: string; rows: CriterionRow[]; pass: string } {
  const tpl = BUILTIN_TEMPLATES.find((x) => x.id === id);
  if (!tpl) return { price: '0', rows: [], pass: '' };
  return {
    price: String(tpl.priceWeight),
    pass: tpl.passThreshold === undefined ? '' : String(tpl.passThreshold),
    rows: tpl.criteria.map((c) => ({
      code: c.id,
      name: en ? c.name.en : c.name.zh,
      weight: String(c.weight),
      guidance: en ? c.guidance.en : c.guidance.zh,
    })),
  };
}

function CriteriaStep(p: StepProps & { frozen: boolean }) {
  const l = useSignal(locale);
  const { w } = p;
  const category = w.criteria?.category ?? (w.scenario.kind === 'challenge' ? 'challenge' : 'services');
  const fitting = BUILTIN_TEMPLATES.filter((x) => x.category === category);
  const [template, setTemplate] = useState(fitting[0]?.id ?? 'services-standard');
  const [form, setForm] = useState(() => templateRows(template, l === 'en'));
  const [errors, setErrors] = useState<Errors>({});
  const pick = (id: string) => {
    setTemplate(id);
    setForm(templateRows(id, l === 'en'));
    setErrors({});
  };
  const sum = Number(form.price || 0) + form.rows.reduce((s, r) => s + Number(r.weight || 0), 0);
  const save = async (e: Event) => {
    e.preventDefault();
    const base = templateRows(template, l === 'en');
    const changed =
      base.price !== form.price ||
      base.pass !== form.pass ||
      base.rows.some((r, i) => r.weight !== form.rows[i]?.weight);
    const tpl = BUILTIN_TEMPLATES.find((x) => x.id === template);
    const body = changed
      ? {
          template,
          priceWeight: Number(form.price),
          ...(form.pass.trim() ? { passThreshold: Number(form.pass) } : {}),
          criteria: form.rows.map((r) => {
            const c = tpl?.criteria.find((x) => x.id === r.code);
            return {
              code: r.code,
              name: c?.name.zh ?? r.name,
              weight: Number(r.weight),
              guidance: c?.guidance.zh ?? r.guidance,
            };
          }),
        }
      : { template };
    const ok = check(CriteriaBody, body, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.scenarios[':id'].criteria.$put(
          { param: { id: p.id }, json: ok },
          { headers: csrf() },
        ),
      );
      p.say('ev_criteriaSaved');
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  const current = w.criteria?.criteria ?? [];
  const editable = p.staff && !p.frozen && ['bidding_closed', 'under_evaluation'].includes(w.scenario.status);
  return (
    <Step
      n={2}
      id="step-criteria"
      title={t('ev_stepCriteria')}
      state={current.length ? 'done' : editable ? 'current' : 'waiting'}
      who={t('ev_whoIssuerOrOrganizer')}
      canAct={p.staff}
    >
      {current.length > 0 ? (
        <div class="table-wrap">
          <table class="agenda" data-testid="criteria">
            <thead>
              <tr>
                <th scope="col">{t('ev_criterion')}</th>
                <th scope="col">{t('ev_weight')}</th>
                <th scope="col">{t('ev_guidance')}</th>
              </tr>
            </thead>
            <tbody>
              {current.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.kind === 'price' ? t('ev_priceScore') : c.name}</th>
                  <td class="num">{c.weight}</td>
                  <td>{c.guidance}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="meta">
            {t('ev_priceWeight')}: {w.criteria?.priceWeight ?? 0}
            {w.criteria?.passThreshold != null && ` · ${t('ev_passThreshold')}: ${w.criteria.passThreshold}`}
          </p>
        </div>
      ) : (
        <p>{t('ev_criteriaNone')}</p>
      )}
      {p.frozen && current.length > 0 && <p class="meta">{t('ev_criteriaFrozen')}</p>}
      {editable && (
        <form class="ev-form" onSubmit={save} aria-label={t('ev_saveCriteria')} data-testid="criteria-form">
          <Field label={t('ev_template')} error={errors.template}>
            <select name="template" value={template} onChange={(e) => pick(e.currentTarget.value)}>
              {BUILTIN_TEMPLATES.map((x) => (
                <option key={x.id} value={x.id}>
                  {tr('ev_tpl_', x.category)} ({x.id})
                </option>
              ))}
            </select>
          </Field>
          <fieldset class="kpis">
            <legend>{t('ev_weight')}</legend>
            {form.rows.map((r, i) => (
              <div class="ev-criterion" key={r.code}>
                <Field label={r.name} error={errors[`criteria.${i}.weight`]}>
                  <input
                    name={`weight.${r.code}`}
                    inputMode="decimal"
                    value={r.weight}
                    onInput={(e) =>
                      setForm({
                        ...form,
                        rows: form.rows.map((x, j) =>
                          j === i ? { ...x, weight: e.currentTarget.value } : x,
                        ),
                      })
                    }
                  />
                </Field>
                <p class="meta">{r.guidance}</p>
              </div>
            ))}
          </fieldset>
          <Field label={t('ev_priceWeight')} error={errors.priceWeight}>
            <input
              name="priceWeight"
              inputMode="decimal"
              value={form.price}
              onInput={(e) => setForm({ ...form, price: e.currentTarget.value })}
            />
          </Field>
          {category === 'challenge' && (
            <Field label={t('ev_passThreshold')} error={errors.passThreshold}>
              <input
                name="passThreshold"
                inputMode="decimal"
                value={form.pass}
                onInput={(e) => setForm({ ...form, pass: e.currentTarget.value })}
              />
            </Field>
          )}
          <p class={sum === 100 ? 'meta' : 'meta warn'} aria-live="polite" data-testid="weight-sum">
            {t('ev_weightSum', { sum })}
          </p>
          {errors.criteria && (
            <p class="field-error" role="alert" data-testid="criteria-error">
              {errors.criteria}
            </p>
          )}
          <FormError errors={errors} />
          <button type="submit">{t('ev_saveCriteria')}</button>
        </form>
      )}
    </Step>
  );
}

// ------------------------------------------------------------------ 3. 评审专家组

function PanelStep(p: StepProps & { recused: Recusal[]; setRecused: (r: Recusal[]) => void }) {
  const { w } = p;
  const [size, setSize] = useState('');
  const [seed, setSeed] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [replacing, setReplacing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [replaceErrors, setReplaceErrors] = useState<Errors>({});
  const canDraw = p.organizer && !w.panel && (w.bids ?? []).some((b) => b.openedAt);
  const draw = async (e: Event) => {
    e.preventDefault();
    const body = {
      ...(size.trim() ? { size: Number(size) } : {}),
      ...(seed.trim() ? { seed: seed.trim() } : {}),
    };
    const ok = check(PanelDrawBody, body, setErrors);
    if (!ok) return;
    try {
      const r = (await read(
        await api.api.v1.scenarios[':id'].panel.$post({ param: { id: p.id }, json: ok }, { headers: csrf() }),
      )) as Panel & { recused: Recusal[] };
      p.setRecused(r.recused);
      p.say('ev_panelDrawn', { n: r.members.length, seed: r.seed });
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  const replace = async (e: Event, member: Member) => {
    e.preventDefault();
    const ok = check(ReplaceMemberBody, { reason }, setReplaceErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.scenarios[':id'].panel.members[':memberId'].replace.$post(
          { param: { id: p.id, memberId: member.id }, json: ok },
          { headers: csrf() },
        ),
      );
      setReplacing(null);
      setReason('');
      p.say('ev_replaced', { seat: member.seat });
      await p.reload();
    } catch (err) {
      setReplaceErrors(fromServer(err));
    }
  };
  const unsigned = (w.panel?.members ?? []).every((m) => !m.signedAt);
  return (
    <Step
      n={3}
      id="step-panel"
      title={t('ev_stepPanel')}
      state={w.panel ? 'done' : canDraw ? 'current' : 'waiting'}
      who={t('ev_whoOrganizer')}
      canAct={p.organizer}
    >
      {canDraw && (
        <form class="ev-form ev-inline" onSubmit={draw} aria-label={t('ev_drawPanel')}>
          <Field label={t('ev_panelSize')} error={errors.size}>
            <input
              name="panelSize"
              inputMode="numeric"
              value={size}
              onInput={(e) => setSize(e.currentTarget.value)}
            />
          </Field>
          <Field label={t('ev_panelSeed')} error={errors.seed}>
            <input name="panelSeed" value={seed} onInput={(e) => setSeed(e.currentTarget.value)} />
          </Field>
          <button type="submit">{t('ev_drawPanel')}</button>
          <FormError errors={errors} />
        </form>
      )}
      {!w.panel && !canDraw && <p>{t('ev_noPanel')}</p>}
      {w.panel && (
        <div class="table-wrap">
          <table class="agenda" data-testid="panel">
            <caption>{t('ev_panelDrawn', { n: w.panel.size, seed: w.panel.seed })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ev_seat')}</th>
                <th scope="col">{t('ev_expertName')}</th>
                <th scope="col">{t('ev_memberStatus')}</th>
                <th scope="col">{t('ev_stepProgress')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {w.panel.members.map((m) => (
                <tr key={m.id} data-testid="panel-member">
                  <td>专家{m.seat}</td>
                  <th scope="row">{m.name}</th>
                  <td>
                    {tr('ev_member_', m.status)}
                    {m.recusalReason && ` · ${m.recusalReason}`}
                  </td>
                  <td>
                    {m.signedAt ? t('ev_signed', { at: formatDateTime(m.signedAt) }) : t('ev_notSigned')}
                  </td>
                  <td>
                    {p.organizer && m.status !== 'replaced' && unsigned && replacing !== m.id && (
                      <button type="button" onClick={() => setReplacing(m.id)}>
                        {t('ev_replace')}
                      </button>
                    )}
                    {replacing === m.id && (
                      <form class="ev-inline" onSubmit={(e) => replace(e, m)}>
                        <Field label={t('ev_replaceReason')} error={replaceErrors.reason}>
                          <input
                            name="replaceReason"
                            value={reason}
                            onInput={(e) => setReason(e.currentTarget.value)}
                          />
                        </Field>
                        <button type="submit">{t('ev_replace')}</button>
                        <FormError errors={replaceErrors} />
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.recused.length > 0 && (
        <div data-testid="recused">
          <h3>{t('ev_recusedList')}</h3>
          <ul>
            {p.recused.map((r) => (
              <li key={r.expertId}>
                {r.name}：{r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Step>
  );
}

// ------------------------------------------------------------------ 4. 资格/符合性审查

/** 通过 / 不通过 as two radio buttons (qualification, acceptance). */
function PassFail(props: {
  name: string;
  legend: string;
  hideLegend?: boolean;
  value: 'pass' | 'fail';
  onChange: (v: 'pass' | 'fail') => void;
}) {
  return (
    <fieldset class="ev-radio">
      <legend class={props.hideLegend ? 'sr-only' : undefined}>{props.legend}</legend>
      {(['pass', 'fail'] as const).map((v) => (
        <label key={v}>
          <input
            type="radio"
            name={props.name}
            checked={props.value === v}
            onChange={() => props.onChange(v)}
          />
          {t(v === 'pass' ? 'ev_pass' : 'ev_fail')}
        </label>
      ))}
    </fieldset>
  );
}

function QualificationForm(props: { bid: BidRow; onDone: () => Promise<void>; say: Say }) {
  const [result, setResult] = useState<'pass' | 'fail'>('pass');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = check(QualificationBody, { result, reason }, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.bids[':id'].qualification.$post(
          { param: { id: props.bid.id }, json: ok },
          { headers: csrf() },
        ),
      );
      props.say('ev_qualified', { firm: props.bid.leadFirmName });
      await props.onDone();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  return (
    <form
      class="ev-inline"
      onSubmit={submit}
      aria-label={`${t('ev_stepQualification')}：${props.bid.leadFirmName}`}
    >
      <PassFail
        name={`q-${props.bid.id}`}
        legend={t('ev_decision')}
        hideLegend
        value={result}
        onChange={setResult}
      />
      <Field label={t('ev_qualReason')} error={errors.reason ?? errors.result}>
        <input name="qualReason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <button type="submit">{t('ev_record')}</button>
      <FormError errors={errors} />
    </form>
  );
}

function QualificationStep(p: StepProps) {
  const opened = (p.w.bids ?? []).filter((b) => b.openedAt);
  const pending = opened.filter((b) => b.status === 'opened');
  return (
    <Step
      n={4}
      id="step-qualification"
      title={t('ev_stepQualification')}
      state={opened.length && pending.length === 0 ? 'done' : opened.length ? 'current' : 'waiting'}
      who={t('ev_whoIssuerOrOrganizer')}
      canAct={p.staff}
    >
      {opened.length === 0 ? (
        <p>{t('ev_noBids')}</p>
      ) : (
        <ul class="ev-list">
          {opened.map((b) => (
            <li key={b.id} data-testid="qualification-row">
              <strong>{b.leadFirmName}</strong> · {statusOfBid(b.status)}
              {b.qualificationReason && <span class="meta"> · {b.qualificationReason}</span>}
              {b.status === 'opened' && p.staff && (
                <QualificationForm bid={b} onDone={p.reload} say={p.say} />
              )}
            </li>
          ))}
        </ul>
      )}
    </Step>
  );
}

// ------------------------------------------------------------------ 5. 评分进度

function ProgressStep(p: StepProps & { outcome: Outcome | null }) {
  const { w } = p;
  const sheets = w.sheets;
  const [seat, setSeat] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const signed = sheets?.members.filter((m) => m.signedAt).length ?? 0;
  const rescore = async (e: Event) => {
    e.preventDefault();
    const ok = check(RescoreBody, { seat: seat === '' ? undefined : Number(seat), reason }, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.scenarios[':id']['rescore-requests'].$post(
          { param: { id: p.id }, json: ok },
          { headers: csrf() },
        ),
      );
      p.say('ev_rescoreSent', { seat: ok.seat });
      setReason('');
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  const lowPrice = (p.outcome?.excluded ?? []).filter((x) => x.flags.includes('abnormally_low'));
  const firm = (bid: string) => w.bids?.find((b) => b.id === bid)?.leadFirmName ?? bid;
  const accept = async (bid: string) => {
    try {
      await read(
        await api.api.v1.bids[':id']['low-price-explanation'].accept.$post(
          { param: { id: bid } },
          { headers: csrf() },
        ),
      );
      p.say('ev_explanationAccepted');
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  return (
    <Step
      n={5}
      id="step-progress"
      title={t('ev_stepProgress')}
      state={sheets?.allSigned ? 'done' : w.panel ? 'current' : 'waiting'}
      who={t('ev_whoExperts')}
      canAct={p.staff}
    >
      {sheets && sheets.members.length > 0 ? (
        <>
          <p data-testid="signed-count">
            {sheets.allSigned
              ? t('ev_allSigned')
              : t('ev_signedCount', { n: signed, total: sheets.members.length })}
          </p>
          <ul class="ev-chips" data-testid="signatures">
            {sheets.members.map((m) => (
              <li key={m.seat} class={m.signedAt ? 'chip ok' : 'chip'}>
                {m.alias}：
                {m.signedAt ? t('ev_signed', { at: formatDateTime(m.signedAt) }) : t('ev_notSigned')}
              </li>
            ))}
          </ul>
          {p.staff &&
            signed > 0 &&
            w.scenario.status === 'under_evaluation' &&
            (!w.notice || w.notice.status === 'reopened') && (
              <form class="ev-form ev-inline" onSubmit={rescore} aria-label={t('ev_rescore')}>
                <Field label={t('ev_seat')} error={errors.seat}>
                  <select name="rescoreSeat" value={seat} onChange={(e) => setSeat(e.currentTarget.value)}>
                    <option value="">—</option>
                    {sheets.members
                      .filter((m) => m.signedAt)
                      .map((m) => (
                        <option key={m.seat} value={String(m.seat)}>
                          {m.alias}
                        </option>
                      ))}
                  </select>
                </Field>
                <Field label={t('ev_rescoreReason')} error={errors.reason}>
                  <input
                    name="rescoreReason"
                    value={reason}
                    onInput={(e) => setReason(e.currentTarget.value)}
                  />
                </Field>
                <button type="submit">{t('ev_rescore')}</button>
              </form>
            )}
        </>
      ) : (
        <p>{t('ev_noPanel')}</p>
      )}
      {lowPrice.length > 0 && (
        <ul class="ev-list" data-testid="low-price">
          {lowPrice.map((x) => (
            <li key={x.bid}>
              <strong>{firm(x.bid)}</strong> · {t('ev_lowPrice')} · {x.reason}{' '}
              <blockquote data-testid="low-price-explanation">
                {w.bids?.find((b) => b.id === x.bid)?.lowPriceExplanation ?? t('ev_noExplanationYet')}
              </blockquote>
              {p.staff && w.bids?.find((b) => b.id === x.bid)?.lowPriceExplanation && (
                <button type="button" onClick={() => accept(x.bid)}>
                  {t('ev_acceptExplanation')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError errors={errors} />
    </Step>
  );
}

// ------------------------------------------------------------------ 6. 计算排名

function RankingStep(p: StepProps & { outcome: Outcome | null; setOutcome: (o: Outcome) => void }) {
  const { w } = p;
  const [errors, setErrors] = useState<Errors>({});
  const compute = async () => {
    try {
      const o = (await read(
        await api.api.v1.scenarios[':id'].evaluation.$post({ param: { id: p.id } }, { headers: csrf() }),
      )) as Outcome;
      p.setOutcome(o);
      setErrors({});
      p.say('ev_computed', { digest: o.inputDigest.slice(0, 12) });
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  const firm = (bid: string) => w.bids?.find((b) => b.id === bid)?.leadFirmName ?? bid;
  // The latest computation, else the published notice's ranking.
  const rows: (RankingRow & { firm: string })[] = p.outcome
    ? p.outcome.ranking.map((r) => ({ ...r, firm: firm(r.bid) }))
    : (w.notice?.payload.ranking ?? []).map((r) => ({ ...r, bid: r.bidId }));
  const codes = (w.criteria?.criteria ?? []).filter((c) => c.kind !== 'price');
  // expert_deviation:<criterion>:<seat> names the criterion and the seat (专家n).
  const flagText = (f: string) => {
    const [kind, criterion, seat] = f.split(':');
    if (kind !== 'expert_deviation') return tr('ev_flag_', f);
    const name = codes.find((c) => c.code === criterion)?.name ?? criterion;
    return t('ev_flag_deviationAt', { criterion: name ?? '', seat: seat ?? '' });
  };
  const canCompute =
    p.staff &&
    w.scenario.status === 'under_evaluation' &&
    !!w.sheets?.allSigned &&
    w.notice?.status !== 'objection_window';
  const base = `/api/v1/scenarios/${p.id}/evaluation/report`;
  return (
    <Step
      n={6}
      id="step-ranking"
      title={t('ev_stepRanking')}
      state={rows.length ? 'done' : canCompute ? 'current' : 'waiting'}
      who={t('ev_whoIssuerOrOrganizer')}
      canAct={p.staff}
    >
      {canCompute && (
        <button type="button" onClick={compute}>
          {t('ev_compute')}
        </button>
      )}
      <FormError errors={errors} />
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="agenda ev-ranking" data-testid="ranking">
            <thead>
              <tr>
                <th scope="col">{t('ev_rank')}</th>
                <th scope="col">{t('ev_firm')}</th>
                <th scope="col">{t('ev_evaluatedPrice')}</th>
                <th scope="col">{t('ev_priceScore')}</th>
                {codes.map((c) => (
                  <th scope="col" key={c.code}>
                    {c.name}
                  </th>
                ))}
                <th scope="col">{t('ev_total')}</th>
                <th scope="col">{t('ev_flags')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.bid} data-testid="ranking-row">
                  <td class="num">{r.rank}</td>
                  <th scope="row">{r.firm}</th>
                  <td class="num">{wan(r.evaluatedPriceFen)}</td>
                  <td class="num">{r.priceScore}</td>
                  {codes.map((c) => (
                    <td class="num" key={c.code}>
                      {r.criteria[c.code] ?? '—'}
                    </td>
                  ))}
                  <td class="num" data-testid="total">
                    <strong>{r.total}</strong>
                  </td>
                  <td>
                    {[...r.flags.map(flagText), r.passed ? t('ev_passed') : t('ev_belowThreshold')].join(
                      ' · ',
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.outcome && p.outcome.deviations.length > 0 && (
        <ul class="ev-list">
          {p.outcome.deviations.map((d) => (
            <li key={`${d.bid}-${d.criterion}-${d.expert}`}>
              {t('ev_deviations', {
                alias: `专家${d.expert}`,
                firm: firm(d.bid),
                criterion: codes.find((c) => c.code === d.criterion)?.name ?? d.criterion,
                points: d.points,
                mean: d.panelMean,
              })}
            </li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <p class="actions">
          <a href={`${base}?format=text`} target="_blank" rel="noopener" data-testid="report-text">
            {t('ev_reportText')}
          </a>
          <a href={`${base}?format=json`} target="_blank" rel="noopener">
            {t('ev_reportJson')}
          </a>
        </p>
      )}
    </Step>
  );
}

// ------------------------------------------------------------------ 7. 公示与异议

function AnswerForm(props: { o: Objection; onDone: () => Promise<void>; say: Say }) {
  const [decision, setDecision] = useState<'upheld' | 'rejected' | ''>('');
  const [answer, setAnswer] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = check(ObjectionAnswerBody, { decision: decision || undefined, answer }, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.objections[':id'].answer.$post(
          { param: { id: props.o.id }, json: ok },
          { headers: csrf() },
        ),
      );
      props.say('ev_answered');
      await props.onDone();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  return (
    <form class="ev-form" onSubmit={submit} aria-label={t('ev_sendAnswer')}>
      <Field label={t('ev_decision')} error={errors.decision}>
        <select
          name="decision"
          value={decision}
          onChange={(e) => setDecision(e.currentTarget.value as 'upheld' | 'rejected' | '')}
        >
          <option value="">—</option>
          <option value="rejected">{t('ev_reject')}</option>
          <option value="upheld">{t('ev_uphold')}</option>
        </select>
      </Field>
      <Field label={t('ev_answer')} error={errors.answer}>
        <textarea name="answer" value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} />
      </Field>
      <button type="submit">{t('ev_sendAnswer')}</button>
      <FormError errors={errors} />
    </form>
  );
}

function NoticeStep(p: StepProps) {
  const { w } = p;
  const [errors, setErrors] = useState<Errors>({});
  const n = w.notice;
  const inForce = n && n.status !== 'reopened';
  const canPublish = p.staff && w.scenario.status === 'under_evaluation' && !inForce && !!w.sheets?.allSigned;
  const publish = async () => {
    try {
      await read(
        await api.api.v1.scenarios[':id'].notice.$post({ param: { id: p.id } }, { headers: csrf() }),
      );
      setErrors({});
      p.say('ev_noticePublished');
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  const firmOf = (o: Objection) =>
    w.bids?.find((b) => b.id === o.bidId || b.leadFirmId === o.orgId)?.leadFirmName ?? o.orgId;
  return (
    <Step
      n={7}
      id="step-notice"
      title={t('ev_stepNotice')}
      state={n?.status === 'final' ? 'done' : inForce ? 'current' : canPublish ? 'current' : 'waiting'}
      who={t('ev_whoIssuerOrOrganizer')}
      canAct={p.staff}
    >
      {canPublish && (
        <button type="button" onClick={publish}>
          {t('ev_publishNotice')}
        </button>
      )}
      <FormError errors={errors} />
      {n && (
        <dl class="ev-facts" data-testid="notice">
          <dt>{t('ev_noticeStatus')}</dt>
          <dd>{tr('ev_notice_', n.status)}</dd>
          <dt>{t('published')}</dt>
          <dd>{formatDateTime(n.publishedAt)}</dd>
          <dt>{t('ev_objections')}</dt>
          <dd data-testid="notice-window">
            {t('ev_noticeWindow', { at: formatDateTime(n.objectionsUntil) })}
          </dd>
        </dl>
      )}
      {n && (
        <>
          <h3>{t('ev_objections')}</h3>
          {w.objections.length === 0 ? (
            <p>{t('ev_noObjections')}</p>
          ) : (
            <ul class="ev-list" data-testid="objections">
              {w.objections.map((o) => (
                <li key={o.id} data-testid="objection">
                  <p>
                    <strong>{firmOf(o)}</strong> · {formatDateTime(o.createdAt)} · {tr('ev_obj_', o.status)}
                  </p>
                  <blockquote>{o.text}</blockquote>
                  {o.answer && (
                    <p>
                      {t('ev_answer')}：{o.answer}
                    </p>
                  )}
                  {o.status === 'filed' && p.staff && <AnswerForm o={o} onDone={p.reload} say={p.say} />}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Step>
  );
}

// ------------------------------------------------------------------ 8. 定标

function AwardStep(p: StepProps) {
  const { w } = p;
  const passed = (w.notice?.payload.ranking ?? []).filter((r) => r.passed);
  const max = w.scenario.kind === 'challenge' ? w.scenario.winnersMax : 1;
  const candidates = passed.slice(0, max);
  const [rows, setRows] = useState<
    Record<string, { on: boolean; amount: string; subsidy: string; investment: string }>
  >({});
  const [errors, setErrors] = useState<Errors>({});
  const row = (bidId: string, i: number) =>
    rows[bidId] ?? {
      on: i === 0,
      // The bid's own price (the evaluated price may carry SME or consortium deductions).
      amount: fenToWan(w.bids?.find((b) => b.id === bidId)?.priceFen ?? candidates[i]?.evaluatedPriceFen),
      subsidy: '',
      investment: '',
    };
  const chosen = candidates.map((c, i) => ({ c, r: row(c.bidId, i) })).filter((x) => x.r.on);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      awards: chosen.map(({ c, r }) => ({
        bidId: c.bidId,
        amountFen: wanToFen(r.amount),
        ...(r.subsidy.trim() ? { subsidyFen: wanToFen(r.subsidy) } : {}),
        ...(r.investment.trim() ? { investmentFen: wanToFen(r.investment) } : {}),
      })),
    };
    const ok = check(AwardBody, body, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.scenarios[':id'].awards.$post(
          { param: { id: p.id }, json: ok },
          { headers: csrf() },
        ),
      );
      setErrors({});
      p.say('ev_awarded');
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  // A field error names the index in the list sent; map it back to the candidate's row.
  const errorFor = (bidId: string, field: string) => {
    const i = chosen.findIndex((x) => x.c.bidId === bidId);
    return i < 0 ? undefined : errors[`awards.${i}.${field}`];
  };
  const canAward = p.staff && w.awards.length === 0 && w.notice?.status === 'objection_window';
  // A rate-based subsidy rule (e.g. 10 % of the total investment) needs the investment, default the amount.
  const rated = w.criteria?.rules?.subsidyRate !== undefined;
  return (
    <Step
      n={8}
      id="step-award"
      title={t('ev_stepAward')}
      state={w.awards.length ? 'done' : canAward ? 'current' : 'waiting'}
      who={t('ev_whoIssuerOrOrganizer')}
      canAct={p.staff}
    >
      {canAward && candidates.length > 0 && (
        <form class="ev-form" onSubmit={submit} aria-label={t('ev_award')} data-testid="award-form">
          <p class="meta">
            {t('ev_awardHint', { max })}
            {w.scenario.subsidyFen !== null &&
              ` · ${t('ev_subsidyCap', { cap: formatMoney(w.scenario.subsidyFen) })}`}
            {w.criteria?.rules?.subsidyRate !== undefined &&
              ` · ${t('ev_subsidyRate', { rate: Math.round(w.criteria.rules.subsidyRate * 10_000) / 100 })}`}
            {w.criteria?.rules?.subsidyCapFen !== undefined &&
              ` · ${t('ev_subsidyCap', { cap: formatMoney(w.criteria.rules.subsidyCapFen) })}`}
          </p>
          {w.notice?.objectionsUntil && Date.now() <= Date.parse(w.notice.objectionsUntil) && (
            <p class="meta" data-testid="award-wait">
              {t('ev_awardAfterWindow', { until: formatDateTime(w.notice.objectionsUntil) })}
            </p>
          )}
          {candidates.map((c, i) => {
            const r = row(c.bidId, i);
            const set = (patch: Partial<typeof r>) => setRows({ ...rows, [c.bidId]: { ...r, ...patch } });
            return (
              <fieldset key={c.bidId} class="kpis" data-testid="award-row">
                <legend>
                  {c.rank}. {c.firm}（{c.total}）
                </legend>
                <label class="check">
                  <input
                    type="checkbox"
                    name={`award.${i}`}
                    checked={r.on}
                    onChange={(e) => set({ on: e.currentTarget.checked })}
                  />
                  {t('ev_awardThis')}
                </label>
                <Field label={t('ev_amountWan')} error={errorFor(c.bidId, 'amountFen')}>
                  <input
                    name={`amount.${i}`}
                    inputMode="decimal"
                    value={r.amount}
                    disabled={!r.on}
                    onInput={(e) => set({ amount: e.currentTarget.value })}
                  />
                </Field>
                <Field label={t('ev_subsidyWan')} error={errorFor(c.bidId, 'subsidyFen')}>
                  <input
                    name={`subsidy.${i}`}
                    inputMode="decimal"
                    value={r.subsidy}
                    disabled={!r.on}
                    onInput={(e) => set({ subsidy: e.currentTarget.value })}
                  />
                </Field>
                {rated && (
                  <Field label={t('ev_investmentWan')} error={errorFor(c.bidId, 'investmentFen')}>
                    <input
                      name={`investment.${i}`}
                      inputMode="decimal"
                      value={r.investment}
                      disabled={!r.on}
                      onInput={(e) => set({ investment: e.currentTarget.value })}
                    />
                  </Field>
                )}
                {errorFor(c.bidId, 'bidId') && <span class="field-error">{errorFor(c.bidId, 'bidId')}</span>}
              </fieldset>
            );
          })}
          {errors.awards && (
            <p class="field-error" role="alert">
              {errors.awards}
            </p>
          )}
          <FormError errors={errors} />
          <button type="submit">{t('ev_award')}</button>
        </form>
      )}
      {w.awards.length > 0 && (
        <div class="table-wrap">
          <table class="agenda" data-testid="awards">
            <thead>
              <tr>
                <th scope="col">{t('ev_rank')}</th>
                <th scope="col">{t('ev_firm')}</th>
                <th scope="col">{t('ev_amount')}</th>
                <th scope="col">{t('ev_subsidy')}</th>
                <th scope="col">{t('ev_awardStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {w.awards.map((a) => (
                <tr key={a.id} data-testid="award">
                  <td class="num">{a.rank}</td>
                  <th scope="row">{a.firmName}</th>
                  <td class="num">{formatMoney(a.amountFen)}</td>
                  <td class="num">{a.subsidyFen === null ? '—' : formatMoney(a.subsidyFen)}</td>
                  <td>{tr('ev_award_', a.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Step>
  );
}

// ------------------------------------------------------------------ 9. 履约与验收

function MilestoneForm(props: { awardId: string; onDone: () => Promise<void>; say: Say }) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    // The due date is the end of the chosen day in Asia/Shanghai.
    const dueAt = /^\d{4}-\d{2}-\d{2}$/.test(due) ? new Date(`${due}T23:59:59+08:00`).toISOString() : due;
    const ok = check(MilestoneBody, { title, dueAt }, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.awards[':id'].milestones.$post(
          { param: { id: props.awardId }, json: ok },
          { headers: csrf() },
        ),
      );
      setTitle('');
      setDue('');
      props.say('ev_milestoneAdded');
      await props.onDone();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  return (
    <form class="ev-form ev-inline" onSubmit={submit} aria-label={t('ev_addMilestone')}>
      <Field label={t('ev_milestoneTitle')} error={errors.title}>
        <input name="milestoneTitle" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field label={t('ev_due')} error={errors.dueAt}>
        <input name="milestoneDue" type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} />
      </Field>
      <button type="submit">{t('ev_addMilestone')}</button>
      <FormError errors={errors} />
    </form>
  );
}

function AcceptanceForm(props: { awardId: string; onDone: () => Promise<void>; say: Say }) {
  const [result, setResult] = useState<'pass' | 'fail'>('pass');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = check(AcceptanceBody, { result, note }, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.awards[':id'].acceptance.$post(
          { param: { id: props.awardId }, json: ok },
          { headers: csrf() },
        ),
      );
      props.say('ev_accepted');
      await props.onDone();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  return (
    <form class="ev-form" onSubmit={submit} aria-label={t('ev_acceptance')} data-testid="acceptance-form">
      <PassFail
        name={`acc-${props.awardId}`}
        legend={t('ev_acceptance')}
        value={result}
        onChange={setResult}
      />
      <Field label={t('ev_acceptanceNote')} error={errors.note}>
        <textarea name="acceptanceNote" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <button type="submit">{t('ev_decide')}</button>
      <FormError errors={errors} />
    </form>
  );
}

function DeliveryStep(p: StepProps) {
  const { w } = p;
  const [errors, setErrors] = useState<Errors>({});
  const complete = async (milestoneId: string) => {
    const ok = check(MilestoneDoneBody, {}, setErrors);
    if (!ok) return;
    try {
      await read(
        await api.api.v1.milestones[':id'].complete.$post(
          { param: { id: milestoneId }, json: ok },
          { headers: csrf() },
        ),
      );
      p.say('ev_completed');
      await p.reload();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  const finished = ['accepted', 'terminated'].includes(w.scenario.status);
  return (
    <Step
      n={9}
      id="step-delivery"
      title={t('ev_stepDelivery')}
      state={finished ? 'done' : w.awards.length ? 'current' : 'waiting'}
      who={t('ev_whoIssuerOrOrganizer')}
      canAct={p.staff}
    >
      <FormError errors={errors} />
      {w.awards.length === 0 && <p>{t('nothingHere')}</p>}
      {w.awards.map((a) => {
        const d = w.deliveries[a.id];
        const open = a.status === 'awarded' || a.status === 'in_delivery';
        return (
          <article key={a.id} class="ev-award" data-testid="delivery">
            <h3>
              {a.firmName} · {tr('ev_award_', a.status)}
            </h3>
            {a.acceptanceNote && (
              <p>
                {t('ev_acceptanceNote')}：{a.acceptanceNote}
              </p>
            )}
            <h4>{t('ev_milestones')}</h4>
            {d && d.milestones.length > 0 ? (
              <ul class="ev-list" data-testid="milestones">
                {d.milestones.map((m) => (
                  <li key={m.id} data-testid="milestone">
                    <strong>{m.title}</strong> · {t('ev_due')} {formatDate(m.dueAt)} ·{' '}
                    {tr('ev_ms_', m.status)}
                    {m.doneAt && ` · ${formatDateTime(m.doneAt)}`}{' '}
                    {m.status === 'planned' && p.staff && (
                      <button type="button" onClick={() => complete(m.id)}>
                        {t('ev_complete')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('nothingHere')}</p>
            )}
            {open && p.staff && <MilestoneForm awardId={a.id} onDone={p.reload} say={p.say} />}
            <h4>{t('ev_kpiReports')}</h4>
            {d && d.kpiReports.length > 0 ? (
              <table class="agenda">
                <thead>
                  <tr>
                    <th scope="col">{t('kpiName')}</th>
                    <th scope="col">{t('ev_kpiValue')}</th>
                    <th scope="col">{t('ev_kpiMet')}</th>
                    <th scope="col">{t('time')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.kpiReports.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.kpi}</th>
                      <td>{r.value}</td>
                      <td>{r.met === null ? '—' : r.met ? t('ev_yes') : t('ev_no')}</td>
                      <td>{formatDateTime(r.reportedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>{t('ev_noKpiReports')}</p>
            )}
            {a.status === 'in_delivery' && p.staff && (
              <AcceptanceForm awardId={a.id} onDone={p.reload} say={p.say} />
            )}
          </article>
        );
      })}
    </Step>
  );
}

// ------------------------------------------------------------------ the page

async function loadWorld(id: string, prior: World | null): Promise<World> {
  const scenario = (await read(
    await api.api.v1.workspace.scenarios[':id'].$get({ param: { id } }),
  )) as unknown as Scenario;
  const soft = async <T,>(f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof ProblemError && e.status < 500) return null;
      throw e;
    }
  };
  let sealed: string | null = null;
  const [rawBids, panel, criteria, sheets, notice, awards] = await Promise.all([
    (async () => {
      try {
        return (await read(await api.api.v1.scenarios[':id'].bids.$get({ param: { id } }))) as {
          items: Omit<BidRow, 'partners' | 'size'>[];
        };
      } catch (e) {
        if (e instanceof ProblemError && e.status < 500) {
          sealed = e.message;
          return null;
        }
        throw e;
      }
    })(),
    soft(
      async () =>
        (
          (await read(await api.api.v1.scenarios[':id'].panel.$get({ param: { id } }))) as {
            panel: Panel | null;
          }
        ).panel,
    ),
    soft(
      async () =>
        (await read(await api.api.v1.scenarios[':id'].criteria.$get({ param: { id } }))) as Criteria,
    ),
    soft(
      async () =>
        (await read(await api.api.v1.scenarios[':id']['score-sheets'].$get({ param: { id } }))) as Sheets,
    ),
    soft(
      async () =>
        (
          (await read(await api.api.v1.scenarios[':id'].notice.$get({ param: { id } }))) as {
            notice: Notice | null;
          }
        ).notice,
    ),
    soft(
      async () =>
        ((await read(await api.api.v1.scenarios[':id'].awards.$get({ param: { id } }))) as { items: Award[] })
          .items,
    ),
  ]);
  // Consortium partners and firm size come from each opened bid and its lead firm (kept from the last load).
  const bids = rawBids
    ? await Promise.all(
        rawBids.items.map(async (b): Promise<BidRow> => {
          const known = prior?.bids?.find((x) => x.id === b.id);
          if (known) return { ...known, ...b };
          const [detail, firm] = await Promise.all([
            soft(
              async () =>
                (await read(await api.api.v1.bids[':id'].$get({ param: { id: b.id } }))) as {
                  members: { firmName: string; role: string }[];
                },
            ),
            soft(
              async () =>
                (await read(await api.api.v1.firms[':id'].$get({ param: { id: b.leadFirmId } }))) as {
                  size: string | null;
                },
            ),
          ]);
          return {
            ...b,
            partners: (detail?.members ?? []).filter((m) => m.role === 'partner').map((m) => m.firmName),
            size: firm?.size ?? null,
          };
        }),
      )
    : null;
  const objections = notice
    ? ((
        await soft(
          async () =>
            (await read(await api.api.v1.notices[':id'].objections.$get({ param: { id: notice.id } }))) as {
              items: Objection[];
            },
        )
      )?.items ?? [])
    : [];
  // Once computed (bids scored) and before the notice, the report shows the ranking and the excluded bids.
  let computed: Outcome | null = null;
  const inForce = notice && notice.status !== 'reopened';
  if (!inForce && sheets?.allSigned && bids?.some((b) => b.status === 'scored')) {
    const report = await soft(
      async () =>
        (await read(
          await api.api.v1.scenarios[':id'].evaluation.report.$get({
            param: { id },
            query: { format: 'json' },
          }),
        )) as {
          inputDigest: string;
          passThreshold: number | null;
          ranking: Omit<RankingRow, 'passed'>[];
          excluded: Outcome['excluded'];
          result: { deviations: Outcome['deviations'] };
        },
    );
    if (report)
      computed = {
        inputDigest: report.inputDigest,
        passThreshold: report.passThreshold,
        ranking: report.ranking.map((r) => ({
          ...r,
          passed: report.passThreshold === null || r.total >= report.passThreshold - 1e-9,
        })),
        excluded: report.excluded,
        deviations: report.result.deviations,
      };
  }
  const deliveries: Record<string, Delivery> = {};
  await Promise.all(
    (awards ?? []).map(async (a) => {
      const d = await soft(
        async () =>
          (await read(await api.api.v1.awards[':id'].delivery.$get({ param: { id: a.id } }))) as Delivery,
      );
      if (d) deliveries[a.id] = d;
    }),
  );
  return {
    scenario,
    bids,
    sealed,
    panel: panel ?? null,
    criteria,
    sheets,
    notice: notice ?? null,
    objections,
    awards: awards ?? [],
    deliveries,
    computed,
  };
}

/** 评审与定标: the issuer's and organizers' console for one scenario, from the opening to acceptance. */
export function EvaluationPage(props: { id: string }) {
  useSignal(locale);
  const who = useSignal(me);
  const [w, setW] = useState<World | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ key: MessageKey; vars?: Record<string, string | number> } | null>(
    null,
  );
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [recused, setRecused] = useState<Recusal[]>([]);
  const reload = async () => {
    try {
      const next = await loadWorld(props.id, w);
      setW(next);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    if (who?.acting) void reload();
  }, [props.id, who?.acting?.orgId]);
  if (who === null || (who && !who.acting)) return <p>{t('signInFirst')}</p>;
  if (!w) return error ? <p class="error">{error}</p> : <p>{t('loading')}</p>;
  const organizer = who?.platformRole === 'organizer_admin' || who?.acting?.orgKind === 'organizer';
  const staff = organizer || who?.acting?.orgId === w.scenario.issuerId;
  const say: Say = (key, vars) => setStatus({ key, ...(vars ? { vars } : {}) });
  // The computation of this visit, else the one the report reproduces (none while a notice is in force).
  const shown = w.computed ?? (w.notice && w.notice.status !== 'reopened' ? null : outcome);
  const frozen = (w.panel?.members ?? []).some((m) => m.signedAt) || !!shown || !!w.notice;
  const common: StepProps = { w, id: props.id, staff, organizer, reload, say };
  return (
    <section class="ev" aria-labelledby="ev-title">
      <p>
        <a
          href={`/workspace/${props.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/workspace/${props.id}`);
          }}
        >
          {t('ev_back')}
        </a>
      </p>
      <h1 id="ev-title">{t('ev_title')}</h1>
      <p class="ev-scenario">
        <strong>{w.scenario.title}</strong> · {statusText(w.scenario.status)} · {t('deadline')}{' '}
        {formatDateTime(w.scenario.deadline)} · {t('budget')} {formatMoney(w.scenario.budgetFen)}
      </p>
      <p class="meta">{t('ev_intro')}</p>
      <p class="ev-status" role="status" aria-live="polite" data-testid="ev-status">
        {status ? t(status.key, status.vars) : ''}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <OpenStep {...common} />
      <CriteriaStep {...common} frozen={frozen} />
      <PanelStep {...common} recused={recused} setRecused={setRecused} />
      <QualificationStep {...common} />
      <ProgressStep {...common} outcome={shown} />
      <RankingStep {...common} outcome={shown} setOutcome={setOutcome} />
      <NoticeStep {...common} />
      <AwardStep {...common} />
      <DeliveryStep {...common} />
    </section>
  );
}
