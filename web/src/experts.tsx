import { ConflictBody, ExpertBody, ExpertPatchBody, type ExpertView } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { Field, FormError } from './evaluation.tsx';
import { localErrors, serverErrors } from './forms.ts';
import { locale, type MessageKey, t } from './i18n.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';
import { label, vocabularies } from './vocabularies.ts';

type Errors = Record<string, string>;
interface Org {
  id: string;
  name: string;
  kind: string;
}

const fromServer = (e: unknown): Errors => {
  const fields = serverErrors(e);
  return Object.keys(fields).length ? fields : { '': (e as Error).message };
};

/** Ticks for the software domains; the list is the API's own vocabulary. */
function Domains(props: {
  name: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
}) {
  const vocab = useSignal(vocabularies);
  const l = useSignal(locale);
  return (
    <fieldset class="ex-domains">
      <legend>{t('ex_domains')}</legend>
      {vocab?.domains.map((d) => (
        <label key={d.code} class="check">
          <input
            type="checkbox"
            name={`${props.name}.${d.code}`}
            checked={props.value.includes(d.code)}
            onChange={(e) =>
              props.onChange(
                e.currentTarget.checked ? [...props.value, d.code] : props.value.filter((x) => x !== d.code),
              )
            }
          />
          {label(vocab.domains, d.code, l)}
        </label>
      ))}
      {props.error && (
        <span class="field-error" role="alert">
          {props.error}
        </span>
      )}
    </fieldset>
  );
}

/** An organization typed by name or id; the datalist offers the platform's approved organizations. */
function OrgInput(props: { name: string; value: string; onInput: (v: string) => void }) {
  return (
    <input
      name={props.name}
      list="ex-orgs"
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  );
}

function NewExpert(props: { onDone: () => Promise<void>; say: (key: MessageKey) => void }) {
  const blank = {
    name: '',
    title: '',
    employerName: '',
    employerOrgId: '',
    userId: '',
    domains: [] as string[],
  };
  const [f, setF] = useState(blank);
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      name: f.name,
      title: f.title,
      employerName: f.employerName,
      domains: f.domains,
      ...(f.employerOrgId.trim() ? { employerOrgId: f.employerOrgId.trim() } : {}),
      ...(f.userId.trim() ? { userId: f.userId.trim() } : {}),
    };
    const local = localErrors(ExpertBody, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await read(await api.api.v1.experts.$post({ json: body as ExpertBody }, { headers: csrf() }));
      setF(blank);
      props.say('ex_added');
      await props.onDone();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="ex-new">
      <h2 id="ex-new">{t('ex_add')}</h2>
      <Field label={t('ex_name')} error={errors.name}>
        <input name="name" value={f.name} onInput={(e) => setF({ ...f, name: e.currentTarget.value })} />
      </Field>
      <Field label={t('ex_titleField')} error={errors.title}>
        <input name="title" value={f.title} onInput={(e) => setF({ ...f, title: e.currentTarget.value })} />
      </Field>
      <Field label={t('ex_employer')} error={errors.employerName}>
        <input
          name="employerName"
          value={f.employerName}
          onInput={(e) => setF({ ...f, employerName: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('ex_employerOrgId')} error={errors.employerOrgId}>
        <OrgInput
          name="employerOrgId"
          value={f.employerOrgId}
          onInput={(v) => setF({ ...f, employerOrgId: v })}
        />
      </Field>
      <Field label={t('ex_userId')} error={errors.userId}>
        <input
          name="userId"
          value={f.userId}
          onInput={(e) => setF({ ...f, userId: e.currentTarget.value })}
        />
      </Field>
      <Domains
        name="domains"
        value={f.domains}
        onChange={(d) => setF({ ...f, domains: d })}
        error={errors.domains}
      />
      <FormError errors={errors} />
      <button type="submit">{t('ex_add')}</button>
    </form>
  );
}

function ExpertRow(props: {
  x: ExpertView;
  orgName: (id: string) => string;
  onDone: () => Promise<void>;
  say: (key: MessageKey) => void;
}) {
  const l = useSignal(locale);
  const vocab = useSignal(vocabularies);
  const { x } = props;
  const [mode, setMode] = useState<'view' | 'edit' | 'conflict'>('view');
  const [edit, setEdit] = useState({ title: x.title, domains: x.domains, active: x.active });
  const [conflict, setConflict] = useState({ orgId: '', reason: '' });
  const [errors, setErrors] = useState<Errors>({});
  const save = async (e: Event) => {
    e.preventDefault();
    const local = localErrors(ExpertPatchBody, edit);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await read(
        await api.api.v1.experts[':id'].$patch(
          { param: { id: x.id }, json: edit as ExpertPatchBody },
          { headers: csrf() },
        ),
      );
      setMode('view');
      props.say('ex_saved');
      await props.onDone();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  const declare = async (e: Event) => {
    e.preventDefault();
    const body = { orgId: conflict.orgId.trim(), reason: conflict.reason };
    const local = localErrors(ConflictBody, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await read(
        await api.api.v1.experts[':id'].conflicts.$post(
          { param: { id: x.id }, json: body },
          { headers: csrf() },
        ),
      );
      setMode('view');
      setConflict({ orgId: '', reason: '' });
      props.say('ex_declared');
      await props.onDone();
    } catch (err) {
      setErrors(fromServer(err));
    }
  };
  return (
    <tr data-testid="expert-row" class={x.active ? '' : 'inactive'}>
      <th scope="row">
        {x.name}
        {x.title && <span class="meta"> · {x.title}</span>}
      </th>
      <td>{x.employerName || (x.employerOrgId ? props.orgName(x.employerOrgId) : '—')}</td>
      <td>{x.domains.map((d) => label(vocab?.domains, d, l)).join('、')}</td>
      <td>{x.active ? t('ex_active') : t('ex_inactive')}</td>
      <td>
        {x.conflicts.length === 0
          ? '—'
          : x.conflicts.map((c) => (
              <div key={c.orgId}>
                {props.orgName(c.orgId)}：{c.reason}
              </div>
            ))}
      </td>
      <td>
        {mode === 'view' && (
          <span class="actions">
            <button type="button" onClick={() => setMode('edit')} aria-label={`${t('ex_edit')} ${x.name}`}>
              {t('ex_edit')}
            </button>
            <button
              type="button"
              onClick={() => setMode('conflict')}
              aria-label={`${t('ex_declare')} ${x.name}`}
            >
              {t('ex_declare')}
            </button>
          </span>
        )}
        {mode === 'edit' && (
          <form class="ev-form" onSubmit={save} aria-label={`${t('ex_edit')} ${x.name}`}>
            <Field label={t('ex_titleField')} error={errors.title}>
              <input
                name="editTitle"
                value={edit.title}
                onInput={(e) => setEdit({ ...edit, title: e.currentTarget.value })}
              />
            </Field>
            <Domains
              name="editDomains"
              value={edit.domains}
              onChange={(d) => setEdit({ ...edit, domains: d })}
              error={errors.domains}
            />
            <label class="check">
              <input
                type="checkbox"
                name="active"
                checked={edit.active}
                onChange={(e) => setEdit({ ...edit, active: e.currentTarget.checked })}
              />
              {t('ex_active')}
            </label>
            <FormError errors={errors} />
            <span class="actions">
              <button type="submit">{t('ex_save')}</button>
              <button type="button" onClick={() => setMode('view')}>
                {t('ex_cancel')}
              </button>
            </span>
          </form>
        )}
        {mode === 'conflict' && (
          <form class="ev-form" onSubmit={declare} aria-label={`${t('ex_declare')} ${x.name}`}>
            <Field label={t('ex_conflictOrg')} error={errors.orgId}>
              <OrgInput
                name="conflictOrg"
                value={conflict.orgId}
                onInput={(v) => setConflict({ ...conflict, orgId: v })}
              />
            </Field>
            <Field label={t('ex_conflictReason')} error={errors.reason}>
              <input
                name="conflictReason"
                value={conflict.reason}
                onInput={(e) => setConflict({ ...conflict, reason: e.currentTarget.value })}
              />
            </Field>
            <FormError errors={errors} />
            <span class="actions">
              <button type="submit">{t('ex_declare')}</button>
              <button type="button" onClick={() => setMode('view')}>
                {t('ex_cancel')}
              </button>
            </span>
          </form>
        )}
      </td>
    </tr>
  );
}

/** 专家库: the organizer keeps the pool — add experts, edit their domains and availability, declare conflicts. */
export function ExpertsPage() {
  useSignal(locale);
  const who = useSignal(me);
  const organizer = who?.platformRole === 'organizer_admin' || who?.acting?.orgKind === 'organizer';
  const [items, setItems] = useState<ExpertView[] | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setItems(((await read(await api.api.v1.experts.$get())) as { items: ExpertView[] }).items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    if (!organizer) return;
    void load();
    void (async () => {
      const res = await api.api.v1.organizations.$get({ query: { status: 'approved', limit: '200' } });
      if (res.ok) setOrgs(((await res.json()) as { items: Org[] }).items);
    })();
  }, [organizer]);
  if (!who?.acting) return <p>{t('signInFirst')}</p>;
  if (!organizer) return <p>{t('ex_organizersOnly')}</p>;
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  const q = filter.trim();
  const shown = (items ?? []).filter((x) => !q || x.name.includes(q) || x.employerName.includes(q));
  return (
    <section aria-labelledby="ex-title" class="ev">
      <h1 id="ex-title">{t('ex_title')}</h1>
      <p class="meta">{t('ex_intro')}</p>
      <p role="status" aria-live="polite" class="ev-status" data-testid="ex-status">
        {status ? t(status) : ''}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <datalist id="ex-orgs">
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </datalist>
      {items && (
        <p class="meta">{t('ex_count', { n: items.length, active: items.filter((x) => x.active).length })}</p>
      )}
      <Field label={t('ex_filter')}>
        <input
          type="search"
          name="expertFilter"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      </Field>
      <div class="table-wrap">
        <table class="agenda" data-testid="experts">
          <thead>
            <tr>
              <th scope="col">{t('ex_name')}</th>
              <th scope="col">{t('ex_employer')}</th>
              <th scope="col">{t('ex_domains')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('ex_conflicts')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {shown.map((x) => (
              <ExpertRow
                key={`${x.id}-${x.active}-${x.domains.join()}`}
                x={x}
                orgName={orgName}
                onDone={load}
                say={setStatus}
              />
            ))}
          </tbody>
        </table>
      </div>
      {items === null && !error && <p>{t('loading')}</p>}
      <NewExpert onDone={load} say={setStatus} />
    </section>
  );
}
