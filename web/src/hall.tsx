import { useEffect, useState } from 'preact/hooks';
import { api, ProblemError, read } from './api.ts';
import { formatDate, formatMoney, locale, t } from './i18n.ts';
import { navigate } from './router.ts';
import { useSignal } from './signal.ts';
import { label, labels, vocabularies } from './vocabularies.ts';

type Page = Awaited<ReturnType<typeof fetchPage>>;
type Item = Page['items'][number];

interface Filters {
  q: string;
  kind: string;
  domain: string;
  area: string;
  district: string;
  budgetMinWan: string;
  budgetMaxWan: string;
  sort: '-published' | 'deadline' | '-budget';
}

const EMPTY: Filters = {
  q: '',
  kind: '',
  domain: '',
  area: '',
  district: '',
  budgetMinWan: '',
  budgetMaxWan: '',
  sort: '-published',
};

/** 万元 typed by a person → integer fen for the API; anything unparsable goes as typed so the API names it. */
const wanToFen = (s: string) => {
  const n = Number(s);
  return s.trim() === '' ? undefined : Number.isFinite(n) ? String(Math.round(n * 1_000_000)) : s;
};

async function fetchPage(f: Filters, cursor: string | null) {
  const query = {
    sort: f.sort,
    limit: '12',
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.domain ? { domain: f.domain } : {}),
    ...(f.area ? { area: f.area } : {}),
    ...(f.district ? { district: f.district } : {}),
    ...(wanToFen(f.budgetMinWan) ? { budgetMin: wanToFen(f.budgetMinWan) } : {}),
    ...(wanToFen(f.budgetMaxWan) ? { budgetMax: wanToFen(f.budgetMaxWan) } : {}),
    ...(cursor ? { cursor } : {}),
  } as Parameters<typeof api.api.v1.scenarios.$get>[0]['query'];
  return read(await api.api.v1.scenarios.$get({ query }));
}

/** Reads the filters from the address bar so a filtered hall can be shared as a link. */
function filtersFromUrl(): Filters {
  const p = new URLSearchParams(location.search);
  const f = { ...EMPTY };
  for (const k of Object.keys(EMPTY) as (keyof Filters)[]) {
    const v = p.get(k);
    if (v !== null) (f as Record<keyof Filters, string>)[k] = v;
  }
  return f;
}

function filtersToUrl(f: Filters) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && v !== EMPTY[k as keyof Filters]) p.set(k, v);
  const qs = p.toString();
  history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
}

export function Hall() {
  const l = useSignal(locale);
  const vocab = useSignal(vocabularies);
  const [draft, setDraft] = useState<Filters>(filtersFromUrl);
  const [filters, setFilters] = useState<Filters>(draft);
  const [items, setItems] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ProblemError | Error | null>(null);

  const load = async (f: Filters, after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(f, after);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      if (!after) setItems([]);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    filtersToUrl(filters);
    void load(filters, null);
  }, [filters]);

  const fieldError = (path: string) => (error instanceof ProblemError ? error.fieldError(path) : undefined);
  const set = (k: keyof Filters) => (e: Event) => {
    const next = { ...draft, [k]: (e.currentTarget as HTMLInputElement).value };
    setDraft(next);
    // Selects apply at once; text fields wait for Enter or the button.
    if ((e.currentTarget as HTMLElement).tagName === 'SELECT') setFilters(next);
  };
  const select = (
    k: keyof Filters,
    all: string,
    terms: { code: string; zh: string; en: string }[] | undefined,
  ) => (
    <select name={k} value={draft[k]} onChange={set(k)} aria-label={all}>
      <option value="">{all}</option>
      {terms?.map((x) => (
        <option key={x.code} value={x.code}>
          {l === 'en' ? x.en : x.zh}
        </option>
      ))}
    </select>
  );

  // The API names the field in fen (query.budgetMin); the person typed 万元 in this input.
  const budgetInput = (name: 'budgetMinWan' | 'budgetMaxWan', apiPath: string, placeholder: string) => (
    <label class="budget">
      <input
        name={name}
        inputMode="decimal"
        placeholder={placeholder}
        value={draft[name]}
        onInput={set(name)}
        aria-invalid={fieldError(apiPath) ? 'true' : undefined}
      />
      {fieldError(apiPath) && <span class="field-error">{fieldError(apiPath)}</span>}
    </label>
  );

  return (
    <section class="hall">
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
        }}
      >
        <div class="search">
          <input
            name="q"
            type="search"
            maxLength={100}
            placeholder={t('search')}
            value={draft.q}
            onInput={set('q')}
            aria-invalid={fieldError('query.q') ? 'true' : undefined}
          />
          <button type="submit">{t('searchButton')}</button>
        </div>
        <div class="row">
          {select('kind', t('allKinds'), vocab?.scenarioKinds)}
          {select('domain', t('allDomains'), vocab?.domains)}
          {select('area', t('allAreas'), vocab?.areas)}
          {select('district', t('allDistricts'), vocab?.districts)}
          {budgetInput('budgetMinWan', 'query.budgetMin', t('budgetMin'))}
          {budgetInput('budgetMaxWan', 'query.budgetMax', t('budgetMax'))}
          <select name="sort" value={draft.sort} onChange={set('sort')} aria-label={t('sort')}>
            <option value="-published">{t('sortNewest')}</option>
            <option value="deadline">{t('sortDeadline')}</option>
            <option value="-budget">{t('sortBudget')}</option>
          </select>
          <button
            type="button"
            class="link"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            {t('reset')}
          </button>
        </div>
      </form>

      {error && (
        <p class="error" role="alert">
          {t('error')}: {error.message}
        </p>
      )}

      <ul class="cards" aria-busy={loading}>
        {items.map((s) => (
          <li class="card" key={s.id} data-testid="scenario-card">
            <div class="card-head">
              <span class={`badge ${s.kind}`}>{label(vocab?.scenarioKinds, s.kind, l)}</span>
              <span class="domain" title={labels(vocab?.domains, s.secondaryDomains, l)}>
                {label(vocab?.domains, s.domain, l)}
                {s.secondaryDomains.length > 0 && ` +${s.secondaryDomains.length}`}
              </span>
            </div>
            <h3>
              <a
                href={`/scenarios/${s.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/scenarios/${s.id}`);
                }}
              >
                {s.title}
              </a>
            </h3>
            <p class="summary">{s.summary}</p>
            <dl>
              <div>
                <dt>{t('issuer')}</dt>
                <dd>{s.issuer.name}</dd>
              </div>
              <div>
                <dt>{s.kind === 'challenge' && s.rewardFen !== null ? t('reward') : t('budget')}</dt>
                <dd class="money">
                  {formatMoney(s.kind === 'challenge' && s.rewardFen !== null ? s.rewardFen : s.budgetFen)}
                </dd>
              </div>
              <div>
                <dt>{t('deadline')}</dt>
                <dd>{formatDate(s.deadline)}</dd>
              </div>
            </dl>
            <div class="tags">
              <span>{label(vocab?.areas, s.area, l)}</span>
              <span>{label(vocab?.districts, s.district, l)}</span>
            </div>
          </li>
        ))}
      </ul>

      <footer class="more">
        {loading ? (
          <span>{t('loading')}</span>
        ) : items.length === 0 && !error ? (
          <span>{t('empty')}</span>
        ) : cursor ? (
          <button type="button" onClick={() => void load(filters, cursor)}>
            {t('loadMore')} · {t('shown', { n: items.length })}
          </button>
        ) : (
          items.length > 0 && (
            <span>
              {t('end')} · {t('shown', { n: items.length })}
            </span>
          )
        )}
      </footer>
    </section>
  );
}
