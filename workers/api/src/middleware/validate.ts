import { sValidator } from '@hono/standard-validator';
import type { ValidationTargets } from 'hono';
import type * as v from 'valibot';
import { ApiError, type FieldError } from '../errors.ts';
import { OPENAPI_META, type ValidationMeta } from '../openapi.ts';

type Issue = {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
};

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json(\s*;|$)/i;

const PREFIX: Partial<Record<keyof ValidationTargets, string>> = { json: 'body', form: 'body' };

export function fieldErrors(target: keyof ValidationTargets, issues: readonly Issue[]): FieldError[] {
  const prefix = PREFIX[target] ?? target;
  return issues.map((i) => {
    const keys = (i.path ?? []).map((p) => String(typeof p === 'object' && p !== null ? p.key : p));
    return { path: [prefix, ...keys].join('.'), message: i.message };
  });
}

/**
 * The one validation wrapper every router uses: valibot through Standard Schema, failures become
 * a 422 problem naming every bad field, and the schema is recorded for the OpenAPI document.
 */
export function validate<T extends keyof ValidationTargets, S extends v.GenericSchema>(target: T, schema: S) {
  const mw = sValidator(target, schema, (result) => {
    if (!result.success) {
      const errors = fieldErrors(target, result.error);
      throw new ApiError(
        'VALIDATION_FAILED',
        errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        errors,
      );
    }
  });
  // Hono validates a non-JSON body as {}; say what is wrong instead of listing every field as missing.
  const guarded = ((c, next) => {
    if (target === 'json' && !JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.', [
        { path: 'header.content-type', message: 'must be application/json' },
      ]);
    }
    return mw(c, next);
  }) as typeof mw;
  const meta: ValidationMeta = { kind: 'validate', target, schema };
  return Object.assign(guarded, { [OPENAPI_META]: meta });
}
