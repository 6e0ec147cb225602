import { BidPatchBody } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { fenToWan, localErrors, serverErrors, wanToFen } from './forms.ts';
import { locale, t } from './i18n.ts';
import { csrf } from './session.ts';
import { useSignal } from './signal.ts';

interface Bid {
  id: string;
  scenarioId: string;
  status: string;
  priceFen: number | null;
  content: { approach?: string; team?: string; schedule?: string };
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

/** 投标 / 揭榜申报: price and approach, saved as a sealed draft, then submitted before the deadline. */
export function BidEditor(props: { id: string }) {
  useSignal(locale);
  const [bid, setBid] = useState<Bid | null>(null);
  const [priceWan, setPriceWan] = useState('');
  const [approach, setApproach] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const load = async () => {
    const b = (await read(await api.api.v1.bids[':id'].$get({ param: { id: props.id } }))) as unknown as Bid;
    setBid(b);
    setPriceWan(fenToWan(b.priceFen));
    setApproach(b.content?.approach ?? '');
  };
  useEffect(() => {
    load().catch((e) => setErrors({ '': (e as Error).message }));
  }, [props.id]);

  const save = async () => {
    if (!bid) return false;
    const patch = { priceFen: wanToFen(priceWan), content: { ...bid.content, approach } };
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
  if (!bid) return errors[''] ? <p class="error">{errors['']}</p> : <p>{t('loading')}</p>;
  const editable = bid.status === 'draft' || bid.status === 'submitted';
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
      {bid.members.length > 1 && (
        <p>
          {t('consortium')}：
          {bid.members
            .map((m) => `${m.firmName}（${m.role === 'lead' ? t('lead') : `${m.shareBp / 100}%`}）`)
            .join('、')}
        </p>
      )}
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
