import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, fen, id, json, timestamp, updatedAt, version } from './columns.ts';

export const organizations = sqliteTable(
  'organizations',
  {
    id: id(),
    externalId: text('external_id'),
    kind: text('kind', { enum: ['agency', 'firm', 'organizer', 'expert-body'] }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'suspended'] })
      .notNull()
      .default('pending'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    uscc: text('uscc').notNull(),
    district: text('district').notNull(),
    /** Firm size (大型/中型/小型/微型) — drives the SME price deduction. */
    size: text('size', { enum: ['large', 'medium', 'small', 'micro'] }),
    /** Registered and tax-paying in the city (challenges may require it). */
    localTaxResident: bool('local_tax_resident').notNull().default(true),
    domains: json<string[]>('domains').notNull().default([]),
    description: text('description').notNull().default(''),
    capability: text('capability').notNull().default(''),
    employees: integer('employees'),
    foundedYear: integer('founded_year'),
    website: text('website'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    approvedAt: timestamp('approved_at'),
    approvedBy: text('approved_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('organizations_uscc_uq').on(t.uscc),
    uniqueIndex('organizations_external_id_uq').on(t.externalId),
    index('organizations_kind_status_idx').on(t.kind, t.status),
    // The public firm directory (approved firms) pages by name or by newest without sorting.
    index('organizations_directory_name_idx').on(t.kind, t.status, t.name, t.id),
    index('organizations_directory_created_idx').on(t.kind, t.status, t.createdAt, t.id),
  ],
);

export const users = sqliteTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** pbkdf2-sha256$<iterations>$<salt b64>$<hash b64> */
    passwordHash: text('password_hash').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    platformRole: text('platform_role', { enum: ['none', 'organizer_admin'] })
      .notNull()
      .default('none'),
    disabledAt: timestamp('disabled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

/** A user's role inside one organization. */
export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'member', 'reviewer', 'expert'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index('memberships_org_idx').on(t.orgId)],
);

/** Web sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: text('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    userAgent: text('user_agent'),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Bearer tokens for integrations, stored hashed; `prefix` lets a user recognise one. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: json<string[]>('scopes').notNull().default([]),
    expiresAt: timestamp('expires_at'),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_org_idx').on(t.orgId)],
);

/** Fixed-window login throttling per key (email or client address); no in-memory state. */
export const loginAttempts = sqliteTable('login_attempts', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start').notNull(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until'),
});

export const certifications = sqliteTable(
  'certifications',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    level: integer('level'),
    issuer: text('issuer'),
    certificateNo: text('certificate_no'),
    issuedAt: timestamp('issued_at'),
    expiresAt: timestamp('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('certifications_org_idx').on(t.orgId),
    index('certifications_code_idx').on(t.code, t.level),
    // The directory's "holds CSMM ≥ 3" probe runs per firm: look up that firm's rows of that code.
    index('certifications_org_code_idx').on(t.orgId, t.code, t.level),
  ],
);

/** Past cases (同类案例) — the track record matching weighs. */
export const firmCases = sqliteTable(
  'firm_cases',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    client: text('client').notNull(),
    year: integer('year').notNull(),
    amountFen: fen('amount_fen'),
    domain: text('domain'),
    area: text('area'),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('firm_cases_org_idx').on(t.orgId)],
);
