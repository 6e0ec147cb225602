import * as v from 'valibot';
import { ProblemError } from './api.ts';

/** Field → message, from the same valibot schema the API validates with (paths without "body."). */
export function localErrors(schema: v.GenericSchema, value: unknown): Record<string, string> {
  const r = v.safeParse(schema, value);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const issue of r.issues) {
    const path = v.getDotPath(issue) ?? '';
    out[path] ??= issue.message;
  }
  return out;
}

/** The API's problem+json field errors, keyed like localErrors (the "body." prefix dropped). */
export function serverErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ProblemError)) return {};
  const out: Record<string, string> = {};
  // body.x is the request's own field; scenario.x / bid.x a check on the stored resource (on submit).
  for (const f of e.errors) out[f.path.replace(/^(body|scenario|bid)\./, '')] ??= f.message;
  return out;
}

/** 万元 as typed → integer fen; '' → null; anything else stays as typed, so the schema names it. */
export const wanToFen = (s: string): number | null | string => {
  if (s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? Math.round(n * 1_000_000) : s;
};
export const fenToWan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '' : String(fen / 1_000_000);
