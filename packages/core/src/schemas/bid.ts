import * as v from 'valibot';
import { fen } from './common.ts';

const ulid = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (ULID)'));

export const BidContentInput = v.object({
  approach: v.optional(v.pipe(v.string(), v.maxLength(20000, 'must have at most 20000 characters'))),
  team: v.optional(v.pipe(v.string(), v.maxLength(5000))),
  schedule: v.optional(v.pipe(v.string(), v.maxLength(5000))),
  kpiCommitments: v.optional(
    v.pipe(
      v.array(
        v.object({
          kpi: v.pipe(v.string(), v.maxLength(60)),
          commitment: v.pipe(v.string(), v.maxLength(500)),
        }),
      ),
      v.maxLength(20),
    ),
  ),
});

export const ConsortiumPartnerInput = v.object({
  firmId: ulid,
  /** Share of the work in basis points (100 = 1 %). */
  shareBp: v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1 basis point'), v.maxValue(9999)),
  responsibility: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
});

/** POST /api/v1/scenarios/{id}/bids — a draft bid led by the caller's firm. */
export const BidDraftBody = v.object({
  priceFen: v.optional(v.nullable(fen), null),
  content: v.optional(BidContentInput, {}),
  domesticProduct: v.optional(v.boolean(), false),
  partners: v.optional(
    v.pipe(v.array(ConsortiumPartnerInput), v.maxLength(4, 'a consortium has at most 4 partners')),
    [],
  ),
});
export type BidDraftBody = v.InferOutput<typeof BidDraftBody>;

export const BidPatchBody = v.partial(BidDraftBody);
export type BidPatchBody = v.InferOutput<typeof BidPatchBody>;

export const BidTransitionBody = v.object({
  action: v.picklist(['submit', 'withdraw'], 'must be submit or withdraw'),
});

/** Consortium rules of DESIGN.md, pure: one lead plus at most `maxPartners`, shares summing to 100 %. */
export function consortiumProblems(
  leadFirmId: string,
  partners: { firmId: string; shareBp: number }[],
  rules: { consortiumAllowed: boolean; consortiumMaxPartners: number },
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (partners.length === 0) return out;
  if (!rules.consortiumAllowed)
    return [{ path: 'partners', message: 'this scenario does not accept consortia' }];
  if (partners.length > rules.consortiumMaxPartners) {
    out.push({ path: 'partners', message: `at most ${rules.consortiumMaxPartners} partners` });
  }
  const seen = new Set<string>();
  partners.forEach((p, i) => {
    if (p.firmId === leadFirmId)
      out.push({ path: `partners.${i}.firmId`, message: 'the lead cannot also be a partner' });
    if (seen.has(p.firmId)) out.push({ path: `partners.${i}.firmId`, message: 'is listed twice' });
    seen.add(p.firmId);
  });
  const partnerShare = partners.reduce((s, p) => s + p.shareBp, 0);
  if (partnerShare >= 10_000)
    out.push({ path: 'partners', message: 'partners’ shares must leave a share for the lead' });
  return out;
}
