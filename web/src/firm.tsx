import { CertificationBody, FirmProfilePatchBody, ProductBody } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { localErrors, serverErrors } from './forms.ts';
import { formatDate, locale, t } from './i18n.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';

type Profile = Awaited<ReturnType<typeof fetchProfile>>;
const fetchProfile = async (id: string) => {
  const res = await api.api.v1.firms[':id'].$get({ param: { id } });
  const etag = res.headers.get('etag') ?? '';
  return { ...(await read(res)), etag };
};

const CERTS = [
  'CSMM',
  'DCMM',
  'CMMI',
  'ISO27001',
  'ISO9001',
  'ISO20000',
  'ITSS',
  'XINCHUANG',
  'ZJTX',
  'HNTE',
  'MLPS3',
];

/** 企业档案: what matching reads — description, capability, certifications (with levels) and products. */
export function FirmProfile() {
  useSignal(locale);
  const who = useSignal(me);
  const firmId = who?.acting?.orgKind === 'firm' ? who.acting.orgId : null;
  const [profile, setProfile] = useState<Profile | null>(null);
  const [text, setText] = useState({ description: '', capability: '' });
  const [cert, setCert] = useState({ code: 'CSMM', level: '', expires: '' });
  const [product, setProduct] = useState({ name: '', summary: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const load = async () => {
    if (!firmId) return;
    const p = await fetchProfile(firmId);
    setProfile(p);
    setText({ description: p.description ?? '', capability: p.capability ?? '' });
  };
  useEffect(() => {
    load().catch((e) => setErrors({ '': (e as Error).message }));
  }, [firmId]);
  const attempt = async (f: () => Promise<unknown>, done: string) => {
    setMessage('');
    try {
      await f();
      await load();
      setMessage(done);
      setErrors({});
    } catch (e) {
      setErrors({ ...serverErrors(e), '': (e as Error).message });
    }
  };
  if (!firmId) return <p>{t('signInFirst')}</p>;
  if (!profile) return errors[''] ? <p class="error">{errors['']}</p> : <p>{t('loading')}</p>;

  const saveProfile = () => {
    const local = localErrors(FirmProfilePatchBody, text);
    if (Object.keys(local).length) return setErrors(local);
    return attempt(
      async () =>
        read(
          await api.api.v1.firms[':id'].$patch(
            { param: { id: firmId }, json: text },
            { headers: { ...csrf(), 'if-match': profile.etag } },
          ),
        ),
      t('profileSaved'),
    );
  };
  const addCert = () => {
    const body = {
      code: cert.code,
      level: cert.level ? Number(cert.level) : null,
      expiresAt: cert.expires ? new Date(`${cert.expires}T23:59:59+08:00`).toISOString() : null,
    };
    const local = localErrors(CertificationBody, body);
    if (Object.keys(local).length) return setErrors(local);
    return attempt(
      async () =>
        read(
          await api.api.v1.firms[':id'].certifications.$post(
            { param: { id: firmId }, json: body as never },
            { headers: csrf() },
          ),
        ),
      t('certAdded'),
    );
  };
  const addProduct = () => {
    const local = localErrors(ProductBody, product);
    if (Object.keys(local).length) return setErrors(local);
    return attempt(
      async () => read(await api.api.v1.products.$post({ json: product as never }, { headers: csrf() })),
      t('productAdded'),
    );
  };

  return (
    <section aria-labelledby="firm-title">
      <h1 id="firm-title">{profile.name}</h1>
      <p class="hint">{t('profileHint')}</p>
      <div class="panel">
        <label class="field">
          <span>{t('firmDescription')}</span>
          <textarea
            name="description"
            value={text.description}
            onInput={(e) => setText({ ...text, description: e.currentTarget.value })}
          />
          {errors.description && <span class="field-error">{errors.description}</span>}
        </label>
        <label class="field">
          <span>{t('capability')}</span>
          <textarea
            name="capability"
            value={text.capability}
            onInput={(e) => setText({ ...text, capability: e.currentTarget.value })}
          />
        </label>
        <button type="button" onClick={saveProfile}>
          {t('saveProfile')}
        </button>
      </div>
      <div class="panel">
        <h2>{t('certifications')}</h2>
        <ul data-testid="certifications">
          {profile.certifications.map((c) => (
            <li key={c.id}>
              {c.code}
              {c.level ? ` ${c.level}` : ''}{' '}
              {c.expiresAt ? `· ${t('expires')} ${formatDate(c.expiresAt)}` : ''}
              {c.expired ? ` · ${t('expired')}` : ''}
            </li>
          ))}
        </ul>
        <div class="actions">
          <select
            name="certCode"
            value={cert.code}
            onChange={(e) => setCert({ ...cert, code: e.currentTarget.value })}
          >
            {CERTS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <input
            name="certLevel"
            placeholder={t('level')}
            inputMode="numeric"
            value={cert.level}
            onInput={(e) => setCert({ ...cert, level: e.currentTarget.value })}
          />
          <input
            name="certExpires"
            type="date"
            value={cert.expires}
            onInput={(e) => setCert({ ...cert, expires: e.currentTarget.value })}
          />
          <button type="button" onClick={addCert}>
            {t('addCert')}
          </button>
        </div>
        {errors.level && <span class="field-error">{errors.level}</span>}
      </div>
      <div class="panel">
        <h2>{t('products')}</h2>
        <ul data-testid="products">
          {profile.products.map((p) => (
            <li key={p.id}>
              {p.name}
              {p.summary ? ` — ${p.summary}` : ''}
            </li>
          ))}
        </ul>
        <label class="field">
          <span>{t('productName')}</span>
          <input
            name="productName"
            value={product.name}
            onInput={(e) => setProduct({ ...product, name: e.currentTarget.value })}
          />
          {errors.name && <span class="field-error">{errors.name}</span>}
        </label>
        <label class="field">
          <span>{t('summary')}</span>
          <input
            name="productSummary"
            value={product.summary}
            onInput={(e) => setProduct({ ...product, summary: e.currentTarget.value })}
          />
        </label>
        <button type="button" onClick={addProduct}>
          {t('addProduct')}
        </button>
      </div>
      {errors[''] && (
        <p class="error" role="alert">
          {errors['']}
        </p>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
