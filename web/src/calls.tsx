import { CallBody } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { localErrors, serverErrors } from './forms.ts';
import { formatDate, locale, t } from './i18n.ts';
import { csrf } from './session.ts';
import { useSignal } from './signal.ts';
import { label, vocabularies } from './vocabularies.ts';

type Calls = Awaited<ReturnType<typeof fetchCalls>>;
type Progress = Awaited<ReturnType<typeof fetchProgress>>;
const fetchCalls = async () => read(await api.api.v1.calls.$get({ query: {} }));
const fetchProgress = async (id: string) =>
  read(await api.api.v1.calls[':id'].progress.$get({ param: { id } }));

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  open: ['征集中', 'Open'],
  closed: ['已截止', 'Closed'],
  published: ['已公布', 'Published'],
};

/** 征集批次: the organizer's calls with their targets (e.g. 200 scenarios a year) and progress per domain. */
export function CallsPage() {
  const l = useSignal(locale);
  const vocab = useSignal(vocabularies);
  const [calls, setCalls] = useState<Calls | null>(null);
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const [form, setForm] = useState({
    title: '',
    year: String(new Date().getFullYear() + 1),
    opens: '',
    closes: '',
    target: '200',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const load = async () => {
    const c = await fetchCalls();
    setCalls(c);
    const entries = await Promise.all(c.items.map(async (x) => [x.id, await fetchProgress(x.id)] as const));
    setProgress(Object.fromEntries(entries));
  };
  useEffect(() => {
    load().catch((e) => setErrors({ '': (e as Error).message }));
  }, []);
  const create = async () => {
    const body = {
      title: form.title,
      year: Number(form.year),
      opensAt: form.opens ? new Date(`${form.opens}T00:00:00+08:00`).toISOString() : '',
      closesAt: form.closes ? new Date(`${form.closes}T23:59:59+08:00`).toISOString() : '',
      targetCount: Number(form.target),
    };
    const local = localErrors(CallBody, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      const created = (await read(
        await api.api.v1.calls.$post({ json: body as never }, { headers: csrf() }),
      )) as {
        id: string;
      };
      await read(
        await api.api.v1.calls[':id'].transitions.$post(
          { param: { id: created.id }, json: { action: 'open' } as never },
          { headers: csrf() },
        ),
      );
      await load();
    } catch (e) {
      setErrors({ ...serverErrors(e), '': (e as Error).message });
    }
  };
  const field = (k: keyof typeof form, type = 'text') => (
    <input
      name={k}
      type={type}
      value={form[k]}
      onInput={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
    />
  );
  return (
    <section aria-labelledby="calls-title">
      <h1 id="calls-title">{t('calls')}</h1>
      {calls?.items.map((c) => {
        const p = progress[c.id];
        return (
          <div class="panel" key={c.id} data-testid="call">
            <h2>
              {c.title} · {(STATUS[c.status] ?? [c.status, c.status])[l === 'en' ? 1 : 0]}
            </h2>
            <p class="meta">
              {formatDate(c.opensAt)} – {formatDate(c.closesAt)}
            </p>
            {p && (
              <>
                <p>
                  {t('published')} {p.overall.published} / {p.overall.target}
                  {p.overall.percentOfTarget !== null && `（${p.overall.percentOfTarget}%）`}
                </p>
                <progress
                  max={Math.max(1, p.overall.target)}
                  value={Math.min(p.overall.published, p.overall.target)}
                />
                <ul>
                  {p.byDomain.map((d) => (
                    <li key={d.domain}>
                      {label(vocab?.domains, d.domain, l)}：{d.published}
                      {d.target !== null ? ` / ${d.target}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        );
      })}
      <div class="panel">
        <h2>{t('newCall')}</h2>
        <label class="field" htmlFor={`call-title`}>
          <span>{t('title')}</span>
          {field('title')}
          {errors.title && <span class="field-error">{errors.title}</span>}
        </label>
        <label class="field" htmlFor={`call-year`}>
          <span>{t('year')}</span>
          {field('year')}
          {errors.year && <span class="field-error">{errors.year}</span>}
        </label>
        <label class="field" htmlFor={`call-opens`}>
          <span>{t('opensAt')}</span>
          {field('opens', 'date')}
          {errors.opensAt && <span class="field-error">{errors.opensAt}</span>}
        </label>
        <label class="field" htmlFor={`call-closes`}>
          <span>{t('closesAt')}</span>
          {field('closes', 'date')}
          {errors.closesAt && <span class="field-error">{errors.closesAt}</span>}
        </label>
        <label class="field" htmlFor={`call-target`}>
          <span>{t('target')}</span>
          {field('target')}
          {errors.targetCount && <span class="field-error">{errors.targetCount}</span>}
        </label>
        {errors[''] && <p class="error">{errors['']}</p>}
        <button type="button" onClick={create}>
          {t('createAndOpen')}
        </button>
      </div>
    </section>
  );
}
