import type { WriteResult } from '@scx/db';
import { ApiError } from '../errors.ts';
import { staleVersion } from './etag.ts';

export interface UnwrapOptions {
  /** A sub-resource id (a firm's certification): named when the db says which kind is missing. */
  subId?: string;
  /**
   * Prefix of field paths in validation problems: `body` when the fields are the request's own,
   * the resource name (default) when they are checked on the stored resource (e.g. on submit).
   */
  fieldPrefix?: string;
}

/** A db write result as the API answers it; `what` names the resource in messages ("scenario", "bid"). */
export function unwrap<T>(r: WriteResult<T>, what: string, id: string, opts: UnwrapOptions = {}): T {
  if (r.ok) return r.value;
  const prefix = opts.fieldPrefix ?? what;
  switch (r.reason) {
    case 'not_found':
    case 'forbidden':
      // Someone else's resource is indistinguishable from none: existence does not leak.
      throw new ApiError(
        'NOT_FOUND',
        `No ${r.detail ?? what} ${r.detail && opts.subId ? opts.subId : id} that you can change.`,
      );
    case 'version':
      throw staleVersion(r.version);
    case 'illegal':
      throw new ApiError('ILLEGAL_TRANSITION', r.detail ?? 'Not allowed in the current state.');
    case 'closed':
      throw new ApiError('DEADLINE_PASSED', r.detail ?? 'The deadline has passed.');
    case 'sealed':
      throw new ApiError('FORBIDDEN', r.detail ?? 'Sealed until the deadline.');
    case 'exists':
    case 'limit':
      throw new ApiError('CONFLICT', r.detail ?? 'Conflicts with an existing record.');
    case 'invalid':
      throw new ApiError(
        'VALIDATION_FAILED',
        (r.fields ?? []).map((f) => `${prefix}.${f.path}: ${f.message}`).join('; '),
        (r.fields ?? []).map((f) => ({ path: `${prefix}.${f.path}`, message: f.message })),
      );
  }
}
