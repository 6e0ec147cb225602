import { ApiError } from '../errors.ts';

export const etagOf = (version: number) => `"${version}"`;

/** The version a client read, from `If-Match: "3"`; required on every update (428 without it). */
export function ifMatchVersion(header: string | undefined): number {
  if (!header) {
    throw new ApiError(
      'PRECONDITION_REQUIRED',
      'Send If-Match with the ETag you read, so concurrent edits are not lost.',
      [{ path: 'header.if-match', message: 'is required' }],
    );
  }
  const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!m) {
    throw new ApiError('VALIDATION_FAILED', 'header.if-match: must be an ETag such as "3"', [
      { path: 'header.if-match', message: 'must be an ETag such as "3"' },
    ]);
  }
  return Number(m[1]);
}

export const staleVersion = (current: number | undefined) =>
  new ApiError(
    'PRECONDITION_FAILED',
    'Someone changed this since you read it; reload and apply your edit again.',
    [{ path: 'header.if-match', message: `does not match the current version ${current ?? '?'}` }],
    current === undefined ? undefined : { ETag: etagOf(current) },
  );
