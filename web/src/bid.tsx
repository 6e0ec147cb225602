import { BidPatchBody } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { fenToWan, localErrors, serverErrors, wanToFen } from './forms.ts';
import { locale, t } from './i18n.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';

interface Bid {
  id: string;
  scenarioId: string;
  leadFirmId: string;
  status: string;
  priceFen: number | null;
  content: { approach?: string; team?: string; schedule?: string };
  domesticProduct: boolean;
  version: number;
  members: {
    firmId: string;
    firmName: string;
    role: 'lead' | 'partner';
    shareBp: number;
    confirmedAt: string | null;
  }[];
}

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿（仅本企业可见）', 'Draft (only your firm sees it)'],
  submitted: ['已提交（截止前密封）', 'Submitted (sealed until the deadline)'],
  withdrawn: ['已撤回', 'Withdrawn'],
  opened: ['已开标', 'Opened'],
  qualified: ['资格审查通过', 'Qualified'],
  disqualified: ['资格审查未通过', 'Disqualified'],
  scored: ['已评分', 'Scored'],
  awarded: ['中标 / 揭榜成功', 'Awarded'],
  not_awarded: ['未中标', 'Not awarded'],
};

interface Partner {
  firmId: string;
  firmName: string;
  /** As typed, in percent; sent as basis points. */
  sharePct: string;
}

interface ConsortiumRules {
  consortiumAllowed: boolean;
  consortiumMaxPartners: number;
}

/** "30" → 3000 basis points; anything else stays as typed so the schema names it. */
const pctToBp = (s: string): number | string => {
  const n = Number(s);
  return s.trim() !== '' && Number.isFinite(n) ? Math.round(n * 100) : s;
};

const partnersChanged = (bid: Bid, partners: Partner[]) => {
  const stored = bid.members.filter((m) => m.role === 'partner');
  return (
    stored.length !== partners.length ||
    stored.some((m, i) => m.firmId !== partners[i]?.firmId || pctToBp(partners[i].sharePct) !== m.shareBp)
  );
};

/**
 * 投标 / 揭榜申报: price, approach, team and schedule, saved as a sealed draft, then submitted before the
 * deadline. The lead invites consortium partners (联合体) while the bid is a draft; each partner confirms
 * its part on this same page.
 */
export function BidEditor(props: { id: string }) {
  useSignal(locale);
  const who = useSignal(me);
  const [bid, setBid] = useState<Bid | null>(null);
  const [rules, setRules] = useState<ConsortiumRules | null>(null);
  const [priceWan, setPriceWan] = useState('');
  const [approach, setApproach] = useState('');
  const [team, setTeam] = useState('');
  const [schedule, setSchedule] = useState('');
  const [domestic, setDomestic] = useState(false);
  const [partners, setPartners] = useState<Partner[]>([]);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ id: string; name: string }[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const load = async () => {
    const b = (await read(await api.api.v1.bids[':id'].$get({ param: { id: props.id } }))) as unknown as Bid;
    setBid(b);
    setPriceWan(fenToWan(b.priceFen));
    setApproach(b.content?.approach ?? '');
    setTeam(b.content?.team ?? '');
    setSchedule(b.content?.schedule ?? '');
    setDomestic(b.domesticProduct);
    setPartners(
      b.members
        .filter((m) => m.role === 'partner')
        .map((m) => ({ firmId: m.firmId, firmName: m.firmName, sharePct: String(m.shareBp / 100) })),
    );
    const s = (await read(
      await api.api.v1.scenarios[':id'].$get({ param: { id: b.scenarioId } }),
    )) as unknown as ConsortiumRules;
    setRules({ consortiumAllowed: s.consortiumAllowed, consortiumMaxPartners: s.consortiumMaxPartners });
  };
  useEffect(() => {
    load().catch((e) => setErrors({ '': (e as Error).message }));
  }, [props.id]);

  const isLead = !!bid && who?.acting?.orgId === bid.leadFirmId;
  const membersEditable = isLead && bid?.status === 'draft' && rules?.consortiumAllowed === true;

  const findFirms = async () => {
    if (query.trim().length === 0) return;
    const page = (await read(await api.api.v1.firms.$get({ query: { q: query.trim(), limit: '8' } }))) as {
      items: { id: string; name: string }[];
    };
    setFound(page.items.filter((f) => f.id !== bid?.leadFirmId && !partners.some((p) => p.firmId === f.id)));
  };

  const save = async () => {
    if (!bid) return false;
    const patch = {
      priceFen: wanToFen(priceWan),
      content: { ...bid.content, approach, team, schedule },
      domesticProduct: domestic,
      // Sent only when changed: rewriting the members withdraws the partners' confirmations.
      ...(membersEditable && partnersChanged(bid, partners)
        ? { partners: partners.map((p) => ({ firmId: p.firmId, shareBp: pctToBp(p.sharePct) })) }
        : {}),
    };
    const local = localErrors(BidPatchBody, patch);
    setErrors(local);
    if (Object.keys(local).length) return false;
    try {
      await read(
        await api.api.v1.bids[':id'].$patch(
          { param: { id: bid.id }, json: patch as never },
          { headers: { ...csrf(), 'if-match': `"${bid.version}"` } },
        ),
      );
      await load();
      setMessage(t('bidSaved'));
      return true;
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
      return false;
    }
  };
  const submit = async () => {
    if (!bid || !(await save())) return;
    try {
      await read(
        await api.api.v1.bids[':id'].transitions.$post(
          { param: { id: bid.id }, json: { action: 'submit' } },
          { headers: csrf() },
        ),
      );
      await load();
      setMessage(t('bidSubmitted'));
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
    }
  };
  const confirm = async () => {
    if (!bid) return;
    try {
      await read(await api.api.v1.bids[':id'].confirm.$post({ param: { id: bid.id } }, { headers: csrf() }));
      await load();
      setMessage(t('partnershipConfirmed'));
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
    }
  };
  if (!bid) return errors[''] ? <p class="error">{errors['']}</p> : <p>{t('loading')}</p>;
  const editable = isLead && (bid.status === 'draft' || bid.status === 'submitted');
  const mine = bid.members.find((m) => m.firmId === who?.acting?.orgId);
  const canConfirm =
    mine?.role === 'partner' &&
    mine.confirmedAt === null &&
    (bid.status === 'draft' || bid.status === 'submitted');
  return (
    <form class="panel" onSubmit={(e) => e.preventDefault()} aria-labelledby="bid-title">
      <h1 id="bid-title">{t('myBid')}</h1>
      <p class="meta" data-testid="bid-status">
        {(STATUS[bid.status] ?? [bid.status, bid.status])[locale.get() === 'en' ? 1 : 0]}
      </p>
      <label class="field">
        <span>{t('priceWan')}</span>
        <input
          name="priceWan"
          inputMode="decimal"
          disabled={!editable}
          value={priceWan}
          onInput={(e) => setPriceWan(e.currentTarget.value)}
          aria-invalid={errors.priceFen ? 'true' : undefined}
        />
        {errors.priceFen && <span class="field-error">{errors.priceFen}</span>}
      </label>
      <label class="field">
        <span>{t('approach')}</span>
        <textarea
          name="approach"
          disabled={!editable}
          value={approach}
          onInput={(e) => setApproach(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('team')}</span>
        <textarea
          name="team"
          disabled={!editable}
          value={team}
          onInput={(e) => setTeam(e.currentTarget.value)}
        />
        {errors['content.team'] && <span class="field-error">{errors['content.team']}</span>}
      </label>
      <label class="field">
        <span>{t('bidSchedule')}</span>
        <textarea
          name="schedule"
          disabled={!editable}
          value={schedule}
          onInput={(e) => setSchedule(e.currentTarget.value)}
        />
        {errors['content.schedule'] && <span class="field-error">{errors['content.schedule']}</span>}
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="domesticProduct"
          disabled={!editable}
          checked={domestic}
          onChange={(e) => setDomestic(e.currentTarget.checked)}
        />{' '}
        {t('domesticProduct')}
      </label>
      <fieldset class="partners" data-testid="consortium">
        <legend>{t('partners')}</legend>
        {rules && !rules.consortiumAllowed && <p class="meta">{t('noConsortium')}</p>}
        {rules?.consortiumAllowed && (
          <p class="meta">{t('partnersHint', { n: rules.consortiumMaxPartners })}</p>
        )}
        {errors.partners && (
          <p class="field-error" role="alert">
            {errors.partners}
          </p>
        )}
        <ul>
          {bid.members
            .filter((m) => m.role === 'lead')
            .map((m) => (
              <li key={m.firmId}>
                {m.firmName}（{t('lead')}）
              </li>
            ))}
          {partners.map((p, i) => {
            const stored = bid.members.find((m) => m.firmId === p.firmId);
            return (
              <li key={p.firmId} data-testid="partner">
                <span>{p.firmName}</span>{' '}
                <label>
                  {t('sharePct')}{' '}
                  <input
                    name={`partners.${i}.share`}
                    inputMode="decimal"
                    size={5}
                    disabled={!membersEditable}
                    value={p.sharePct}
                    aria-invalid={errors[`partners.${i}.shareBp`] ? 'true' : undefined}
                    onInput={(e) => {
                      const v = e.currentTarget.value;
                      setPartners(partners.map((x, j) => (j === i ? { ...x, sharePct: v } : x)));
                    }}
                  />
                </label>{' '}
                <span class="meta">
                  {stored?.confirmedAt ? t('confirmed') : stored ? t('awaitingConfirmation') : ''}
                </span>
                {membersEditable && (
                  <button type="button" onClick={() => setPartners(partners.filter((_, j) => j !== i))}>
                    {t('remove')}
                  </button>
                )}
                {(errors[`partners.${i}.shareBp`] || errors[`partners.${i}.firmId`]) && (
                  <span class="field-error">
                    {errors[`partners.${i}.shareBp`] ?? errors[`partners.${i}.firmId`]}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        {membersEditable && partners.length < (rules?.consortiumMaxPartners ?? 0) && (
          <div class="row">
            <label>
              {t('findPartner')}{' '}
              <input
                name="partnerQuery"
                value={query}
                onInput={(e) => setQuery(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void findFirms();
                  }
                }}
              />
            </label>{' '}
            <button type="button" onClick={() => void findFirms()}>
              {t('searchButton')}
            </button>
            {found && (
              <ul aria-live="polite" data-testid="partner-results">
                {found.length === 0 && <li>{t('noFirmFound')}</li>}
                {found.map((f) => (
                  <li key={f.id}>
                    {f.name}{' '}
                    <button
                      type="button"
                      onClick={() => {
                        setPartners([...partners, { firmId: f.id, firmName: f.name, sharePct: '30' }]);
                        setFound(null);
                        setQuery('');
                      }}
                    >
                      {t('invite')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {canConfirm && (
          <button type="button" onClick={() => void confirm()}>
            {t('confirmPartnership')}
          </button>
        )}
      </fieldset>
      {errors[''] && (
        <p class="error" role="alert">
          {errors['']}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {editable && (
        <div class="actions">
          <button type="button" onClick={() => void save()}>
            {t('saveDraft')}
          </button>
          <button type="button" onClick={submit}>
            {bid.status === 'draft' ? t('submitBid') : t('amendBid')}
          </button>
        </div>
      )}
    </form>
  );
}
