import * as v from 'valibot';
import { codesOf, DISTRICTS, FIRM_SIZES, ORGANIZATION_KINDS, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import { email, nonEmpty, password, picklistOf, uscc } from './common.ts';

/** POST /api/v1/organizations — self-registration; the organizer approves before it can act. */
export const RegisterOrganizationBody = v.object({
  kind: picklistOf(
    codesOf(ORGANIZATION_KINDS).filter((k) => k !== 'organizer'),
    'organization kinds open to registration',
  ),
  name: nonEmpty(120),
  uscc,
  district: picklistOf(codesOf(DISTRICTS), 'districts'),
  size: v.optional(picklistOf(codesOf(FIRM_SIZES), 'firm sizes')),
  domains: v.optional(
    v.pipe(v.array(picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains')), v.maxLength(10)),
    [],
  ),
  description: v.optional(v.pipe(v.string(), v.maxLength(4000)), ''),
  contactPhone: v.optional(v.pipe(v.string(), v.regex(/^[0-9+\-() ]{5,30}$/, 'must be a phone number'))),
  admin: v.object({
    name: nonEmpty(60),
    email,
    password,
  }),
});
export type RegisterOrganizationBody = v.InferOutput<typeof RegisterOrganizationBody>;

export const LoginBody = v.object({
  email,
  password: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
});
export type LoginBody = v.InferOutput<typeof LoginBody>;
