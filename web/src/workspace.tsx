import { MAX_SECONDARY_DOMAINS, ScenarioDraftBody, ScenarioPatchBody } from '@scx/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { fenToWan, localErrors, serverErrors, wanToFen } from './forms.ts';
import { formatDate, locale, t } from './i18n.ts';
import { navigate } from './router.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';
import { label, labels, type Term, vocabularies } from './vocabularies.ts';

type Row = Awaited<ReturnType<typeof fetchRows>>['items'][number];
const fetchRows = async (status?: string) =>
  read(await api.api.v1.workspace.scenarios.$get({ query: status ? { status } : {} }));

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  submitted: ['待审核', 'In review'],
  returned: ['已退回', 'Returned'],
  published: ['已发布', 'Published'],
  bidding_closed: ['已截止', 'Bidding closed'],
  under_evaluation: ['评审中', 'Under evaluation'],
  awarded: ['已定标', 'Awarded'],
  failed: ['流标', 'Failed'],
  in_delivery: ['实施中', 'In delivery'],
  accepted: ['已验收', 'Accepted'],
  terminated: ['已终止', 'Terminated'],
  withdrawn: ['已撤回', 'Withdrawn'],
};
export const statusText = (s: string) => (STATUS[s] ?? [s, s])[locale.get() === 'en' ? 1 : 0];
/** Past the deadline: the evaluation console (开标 … 验收) applies. */
const EVALUABLE = [
  'bidding_closed',
  'under_evaluation',
  'awarded',
  'failed',
  'in_delivery',
  'accepted',
  'terminated',
];
/** A published scenario whose deadline has passed (by this device's clock) is waiting for its opening. */
const evaluable = (status: string, deadline: string | null | undefined) =>
  EVALUABLE.includes(status) || (status === 'published' && !!deadline && Date.parse(deadline) < Date.now());
const EvaluationLink = (props: { id: string }) => (
  <a
    href={`/workspace/${props.id}/evaluation`}
    onClick={(e) => {
      e.preventDefault();
      navigate(`/workspace/${props.id}/evaluation`);
    }}
  >
    {t('ev_open')}
  </a>
);

function Select(props: {
  name: string;
  value: string;
  list: Term[] | undefined;
  onChange: (v: string) => void;
}) {
  const l = useSignal(locale);
  return (
    <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <option value="">—</option>
      {props.list?.map((x) => (
        <option key={x.code} value={x.code}>
          {label(props.list, x.code, l)}
        </option>
      ))}
    </select>
  );
}

const Field = (props: { label: string; error?: string; children: preact.ComponentChildren }) => (
  // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children (an input, select or textarea)
  <label class="field">
    <span>{props.label}</span>
    {props.children}
    {props.error && <span class="field-error">{props.error}</span>}
  </label>
);

/** 新建场景: kind, title and classification are enough to start a draft. */
function NewScenario() {
  const vocab = useSignal(vocabularies);
  const [draft, setDraft] = useState({ kind: 'scenario', title: '', domain: '', area: '', district: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof draft) => (value: string) => setDraft({ ...draft, [k]: value });
  const create = async (e: Event) => {
    e.preventDefault();
    const local = localErrors(ScenarioDraftBody, draft);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      const created = await read(
        await api.api.v1.workspace.scenarios.$post({ json: draft as never }, { headers: csrf() }),
      );
      navigate(`/workspace/${(created as { id: string }).id}`);
    } catch (err) {
      setErrors(serverErrors(err));
    }
  };
  return (
    <form class="panel" onSubmit={create} aria-labelledby="new-title">
      <h2 id="new-title">{t('newScenario')}</h2>
      <Field label={t('kind')} error={errors.kind}>
        <Select name="kind" value={draft.kind} list={vocab?.scenarioKinds} onChange={set('kind')} />
      </Field>
      <Field label={t('title')} error={errors.title}>
        <input name="title" value={draft.title} onInput={(e) => set('title')(e.currentTarget.value)} />
      </Field>
      <Field label={t('allDomains')} error={errors.domain}>
        <Select name="domain" value={draft.domain} list={vocab?.domains} onChange={set('domain')} />
      </Field>
      <Field label={t('allAreas')} error={errors.area}>
        <Select name="area" value={draft.area} list={vocab?.areas} onChange={set('area')} />
      </Field>
      <Field label={t('allDistricts')} error={errors.district}>
        <Select name="district" value={draft.district} list={vocab?.districts} onChange={set('district')} />
      </Field>
      <button type="submit">{t('createDraft')}</button>
    </form>
  );
}

/** 工作台: an agency's scenarios; an organizer's review queue (发布 / 退回). */
export function Workspace() {
  useSignal(locale);
  const vocab = useSignal(vocabularies);
  const who = useSignal(me);
  const organizer = who?.platformRole === 'organizer_admin' || who?.acting?.orgKind === 'organizer';
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  // Organizers see the review queue first; the other statuses lead to the evaluation console.
  const [shown, setShown] = useState('submitted');
  const load = () => {
    fetchRows(organizer ? shown : undefined)
      .then((r) => setRows(r.items))
      .catch(setError);
  };
  useEffect(load, [organizer, shown]);
  const act = async (id: string, action: 'publish' | 'return') => {
    try {
      await read(
        await api.api.v1.workspace.scenarios[':id'].transitions.$post(
          { param: { id }, json: { action, comment: action === 'return' ? t('returnComment') : '' } },
          { headers: csrf() },
        ),
      );
      load();
    } catch (err) {
      setError(err as Error);
    }
  };
  if (!who?.acting) return <p>{t('signInFirst')}</p>;
  return (
    <section aria-labelledby="ws-title">
      <h1 id="ws-title">{organizer ? t('reviewQueue') : t('myScenarios')}</h1>
      {error && <p class="error">{error.message}</p>}
      {organizer && (
        <label class="field">
          <span>{t('status')}</span>
          <select name="worklistStatus" value={shown} onChange={(e) => setShown(e.currentTarget.value)}>
            {['submitted', ...EVALUABLE].map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      <table class="agenda" data-testid="worklist">
        <thead>
          <tr>
            <th scope="col">{t('title')}</th>
            <th scope="col">{t('domainsColumn')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('deadline')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {rows?.map((r) => (
            <tr key={r.id} data-testid="worklist-row">
              <td>
                <a
                  href={`/workspace/${r.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/workspace/${r.id}`);
                  }}
                >
                  {r.title}
                </a>
              </td>
              <td data-testid="worklist-domains">
                {labels(vocab?.domains, [r.domain, ...r.secondaryDomains], locale.get())}
              </td>
              <td>{statusText(r.status)}</td>
              <td>{formatDate(r.deadline)}</td>
              <td>
                {evaluable(r.status, r.deadline) && <EvaluationLink id={r.id} />}
                {organizer && r.status === 'submitted' && (
                  <>
                    <button type="button" onClick={() => act(r.id, 'publish')}>
                      {t('publish')}
                    </button>{' '}
                    <button type="button" onClick={() => act(r.id, 'return')}>
                      {t('returnIt')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows?.length === 0 && <p>{t('nothingHere')}</p>}
      {!organizer && <NewScenario />}
    </section>
  );
}

interface Kpi {
  name: string;
  target: string;
  unit: string;
}

interface Form {
  kpis: Kpi[];
  summary: string;
  problem: string;
  goals: string;
  budgetWan: string;
  rewardWan: string;
  deadline: string;
  consortiumAllowed: boolean;
  secondaryDomains: string[];
}

/** 场景编辑: every change is saved as a draft after a pause (If-Match), checked by the API's own schema. */
export function ScenarioEditor(props: { id: string }) {
  const l = useSignal(locale);
  const vocab = useSignal(vocabularies);
  const [loaded, setLoaded] = useState<{
    title: string;
    status: string;
    version: number;
    deadline: string | null;
    domain: string;
  } | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved'>('idle');
  const version = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    (async () => {
      const res = await api.api.v1.workspace.scenarios[':id'].$get({ param: { id: props.id } });
      const s = (await read(res)) as Record<string, unknown>;
      version.current = Number(s.version);
      setLoaded({
        title: String(s.title),
        status: String(s.status),
        version: Number(s.version),
        deadline: s.deadline ? String(s.deadline) : null,
        domain: String(s.domain),
      });
      setForm({
        kpis: ((s.kpis as Kpi[] | undefined) ?? []).map((k) => ({
          name: k.name,
          target: k.target,
          unit: k.unit ?? '',
        })),
        summary: String(s.summary ?? ''),
        problem: String(s.problem ?? ''),
        goals: String(s.goals ?? ''),
        budgetWan: fenToWan(s.budgetFen as number | null),
        rewardWan: fenToWan(s.rewardFen as number | null),
        deadline: s.deadline ? String(s.deadline).slice(0, 10) : '',
        consortiumAllowed: Boolean(s.consortiumAllowed),
        secondaryDomains: (s.secondaryDomains as string[] | undefined) ?? [],
      });
    })().catch((e) => setErrors({ '': (e as Error).message }));
  }, [props.id]);

  const patchOf = (f: Form) => ({
    kpis: f.kpis
      .filter((k) => k.name.trim() || k.target.trim())
      .map((k) => ({ name: k.name, target: k.target, ...(k.unit ? { unit: k.unit } : {}) })),
    summary: f.summary,
    problem: f.problem,
    goals: f.goals,
    budgetFen: wanToFen(f.budgetWan),
    rewardFen: wanToFen(f.rewardWan),
    // The deadline is the end of the chosen day in Asia/Shanghai.
    deadline: f.deadline ? new Date(`${f.deadline}T23:59:59+08:00`).toISOString() : null,
    consortiumAllowed: f.consortiumAllowed,
    secondaryDomains: f.secondaryDomains,
  });

  const save = async (f: Form) => {
    const patch = patchOf(f);
    const local = localErrors(ScenarioPatchBody, patch);
    setErrors(local);
    if (Object.keys(local).length) return false;
    setSaved('saving');
    try {
      const res = await api.api.v1.workspace.scenarios[':id'].$patch(
        { param: { id: props.id }, json: patch as never },
        { headers: { ...csrf(), 'if-match': `"${version.current}"` } },
      );
      const out = (await read(res)) as { version: number };
      version.current = out.version;
      setSaved('saved');
      return true;
    } catch (err) {
      setErrors(serverErrors(err));
      setSaved('idle');
      return false;
    }
  };

  const change = (patch: Partial<Form>) => {
    if (!form) return;
    const next = { ...form, ...patch };
    setForm(next);
    setSaved('idle');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(next), 800);
  };

  const submit = async () => {
    if (!form) return;
    if (timer.current) clearTimeout(timer.current);
    if (!(await save(form))) return;
    try {
      await read(
        await api.api.v1.workspace.scenarios[':id'].transitions.$post(
          { param: { id: props.id }, json: { action: 'submit', comment: '' } },
          { headers: csrf() },
        ),
      );
      navigate('/workspace');
    } catch (err) {
      setErrors(serverErrors(err));
      setErrors((e) => ({ ...e, '': (err as Error).message }));
    }
  };

  if (!loaded || !form) return errors[''] ? <p class="error">{errors['']}</p> : <p>{t('loading')}</p>;
  const editable = loaded.status === 'draft' || loaded.status === 'returned';
  return (
    <form class="panel" onSubmit={(e) => e.preventDefault()} aria-labelledby="edit-title">
      <h1 id="edit-title">{loaded.title}</h1>
      <p class="meta">
        {statusText(loaded.status)}
        {' · '}
        <span role="status" data-testid="autosave">
          {saved === 'saving' ? t('saving') : saved === 'saved' ? t('autosaved') : ''}
        </span>
        {evaluable(loaded.status, loaded.deadline) && (
          <>
            {' · '}
            <EvaluationLink id={props.id} />
          </>
        )}
      </p>
      <fieldset class="domains" data-testid="secondary-domains-editor">
        <legend>{t('secondaryDomains')}</legend>
        <p class="meta">
          {t('primaryDomain')}：{label(vocab?.domains, loaded.domain, l)}
        </p>
        {vocab?.domains
          .filter((d) => d.code !== loaded.domain)
          .map((d) => {
            const checked = form.secondaryDomains.includes(d.code);
            return (
              <label class="check" key={d.code}>
                <input
                  type="checkbox"
                  name="secondaryDomains"
                  value={d.code}
                  disabled={!editable || (!checked && form.secondaryDomains.length >= MAX_SECONDARY_DOMAINS)}
                  checked={checked}
                  onChange={(e) =>
                    change({
                      secondaryDomains: e.currentTarget.checked
                        ? [...form.secondaryDomains, d.code]
                        : form.secondaryDomains.filter((c) => c !== d.code),
                    })
                  }
                />
                {label(vocab?.domains, d.code, l)}
              </label>
            );
          })}
        {Object.entries(errors)
          .filter(([k]) => k === 'secondaryDomains' || k.startsWith('secondaryDomains.'))
          .slice(0, 1)
          .map(([k, m]) => (
            <span class="field-error" key={k}>
              {m}
            </span>
          ))}
      </fieldset>
      <Field label={t('summary')} error={errors.summary}>
        <textarea
          name="summary"
          disabled={!editable}
          value={form.summary}
          onInput={(e) => change({ summary: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('painPoints')} error={errors.problem}>
        <textarea
          name="problem"
          disabled={!editable}
          value={form.problem}
          onInput={(e) => change({ problem: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('goals')} error={errors.goals}>
        <textarea
          name="goals"
          disabled={!editable}
          value={form.goals}
          onInput={(e) => change({ goals: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('budgetWan')} error={errors.budgetFen}>
        <input
          name="budgetWan"
          inputMode="decimal"
          disabled={!editable}
          value={form.budgetWan}
          onInput={(e) => change({ budgetWan: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('rewardWan')} error={errors.rewardFen}>
        <input
          name="rewardWan"
          inputMode="decimal"
          disabled={!editable}
          value={form.rewardWan}
          onInput={(e) => change({ rewardWan: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('deadline')} error={errors.deadline}>
        <input
          name="deadline"
          type="date"
          disabled={!editable}
          value={form.deadline}
          onInput={(e) => change({ deadline: e.currentTarget.value })}
        />
      </Field>
      <fieldset class="kpis">
        <legend>{t('kpis')}</legend>
        {form.kpis.map((k, i) => (
          <div class="kpi" key={i}>
            <input
              name={`kpi${i}.name`}
              placeholder={t('kpiName')}
              disabled={!editable}
              value={k.name}
              onInput={(e) =>
                change({
                  kpis: form.kpis.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)),
                })
              }
            />
            <input
              name={`kpi${i}.target`}
              placeholder={t('kpiTarget')}
              disabled={!editable}
              value={k.target}
              onInput={(e) =>
                change({
                  kpis: form.kpis.map((x, j) => (j === i ? { ...x, target: e.currentTarget.value } : x)),
                })
              }
            />
            {(errors[`kpis.${i}.name`] || errors[`kpis.${i}.target`]) && (
              <span class="field-error">{errors[`kpis.${i}.name`] ?? errors[`kpis.${i}.target`]}</span>
            )}
          </div>
        ))}
        {errors.kpis && <span class="field-error">{errors.kpis}</span>}
        {editable && (
          <button
            type="button"
            onClick={() => setForm({ ...form, kpis: [...form.kpis, { name: '', target: '', unit: '' }] })}
          >
            {t('addKpi')}
          </button>
        )}
      </fieldset>
      <label class="check">
        <input
          type="checkbox"
          name="consortiumAllowed"
          disabled={!editable}
          checked={form.consortiumAllowed}
          onChange={(e) => change({ consortiumAllowed: e.currentTarget.checked })}
        />
        {t('consortiumAllowed')}
      </label>
      {errors[''] && (
        <p class="error" role="alert">
          {errors['']}
        </p>
      )}
      {editable && (
        <button type="button" onClick={submit}>
          {t('submitForReview')}
        </button>
      )}
    </form>
  );
}
