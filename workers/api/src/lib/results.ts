import type { WriteResult } from '@scx/db';
import { ApiError } from '../errors.ts';
import { staleVersion } from './etag.ts';

/** A db write result as the API answers it; `what` names the resource in messages ("scenario", "bid"). */
export function unwrap<T>(r: WriteResult<T>, what: string, id: string): T {
  if (r.ok) return r.value;
  switch (r.reason) {
    case 'not_found':
    case 'forbidden':
      // Someone else's resource is indistinguishable from none: existence does not leak.
      throw new ApiError('NOT_FOUND', `No ${what} ${id} that you can see.`);
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
        (r.fields ?? []).map((f) => `${f.path}: ${f.message}`).join('; '),
        (r.fields ?? []).map((f) => ({ path: `${what}.${f.path}`, message: f.message })),
      );
  }
}
