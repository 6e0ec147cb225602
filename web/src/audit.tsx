import { useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { formatDate, formatTime, locale, t } from './i18n.ts';
import { useSignal } from './signal.ts';

type Verdict = Awaited<ReturnType<typeof verify>>;
const verify = async () => read(await api.api.v1.audit.verify.$get());

const TYPES = ['scenario', 'organization', 'bid', 'call', 'product', 'question'] as const;
type EntityType = (typeof TYPES)[number];

interface Entry {
  id: string;
  at: string;
  action: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  hash: string;
}

/** 审计日志: verify the hash chain end to end; read one entity's trail. */
export function AuditPage() {
  useSignal(locale);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [type, setType] = useState<EntityType>('scenario');
  const [id, setId] = useState('');
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const trail = async () => {
    setError(null);
    try {
      const r = await read(
        await api.api.v1.audit[':entityType'][':entityId'].$get({
          param: { entityType: type, entityId: id.trim() },
        }),
      );
      setEntries((r as { items: Entry[] }).items);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditLog')}</h1>
      <div class="panel">
        <button type="button" onClick={() => verify().then(setVerdict).catch(setError)}>
          {t('verifyChain')}
        </button>
        {verdict && (
          <p role="status" data-testid="audit-verdict" class={verdict.ok ? '' : 'error'}>
            {verdict.ok
              ? t('chainIntact', { n: verdict.checked })
              : t('chainBroken', { at: verdict.brokenAt ?? '?', reason: verdict.reason ?? '' })}
          </p>
        )}
      </div>
      <div class="panel">
        <div class="actions">
          <select
            name="entityType"
            value={type}
            onChange={(e) => setType(e.currentTarget.value as EntityType)}
          >
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
          <input
            name="entityId"
            placeholder={t('entityId')}
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
          />
          <button type="button" disabled={!id.trim()} onClick={trail}>
            {t('showTrail')}
          </button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error.message}
          </p>
        )}
        {entries && (
          <table class="agenda" data-testid="audit-trail">
            <thead>
              <tr>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">hash</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    {formatDate(e.at)} {formatTime(e.at)}
                  </td>
                  <td>{e.action}</td>
                  <td>
                    <code>{e.hash.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
