import {
  CertificationBody,
  FirmCaseBody,
  FirmDetail,
  FirmListQuery,
  FirmPage,
  FirmProfilePatchBody,
  ProductBody,
  ProductListQuery,
  ProductPage,
  ProductPatchBody,
  ProductView,
} from '@scx/core';
import {
  addCertification,
  addFirmCase,
  type Cursor,
  createProduct,
  decodeCursor,
  getProduct,
  getPublicFirm,
  listFirmProducts,
  listPublicFirms,
  listPublicProducts,
  removeCertification,
  removeFirmCase,
  setProductListing,
  updateFirmProfile,
  updateProduct,
} from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { etagOf, ifMatchVersion } from '../lib/etag.ts';
import { unwrap } from '../lib/results.ts';
import { principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const ulid = (what: string) =>
  v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be ${what} id (ULID)`));
const FirmParam = v.object({ id: ulid('a firm') });
const CertificationParam = v.object({ id: ulid('a firm'), certificationId: ulid('a certification') });
const CaseParam = v.object({ id: ulid('a firm'), caseId: ulid('a case') });
const ProductParam = v.object({ id: ulid('a product') });
const ListingParam = v.object({
  id: ulid('a product'),
  action: v.picklist(['delist', 'relist'], 'must be delist or relist'),
});
const Versioned = v.object({ id: v.string(), version: v.number() });

/** Firm writes: an admin or member of an approved firm, for that firm only. */
const firmWriter = () => requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] });

function cursorOf(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const cursor = decodeCursor(raw);
  if (!cursor) {
    throw new ApiError('VALIDATION_FAILED', 'query.cursor: is not a cursor from this API', [
      { path: 'query.cursor', message: 'is not a cursor from this API' },
    ]);
  }
  return cursor;
}

/** If-Match is optional on sub-resource writes; when sent it must be well-formed and current. */
const optionalIfMatch = (header: string | undefined) => (header ? ifMatchVersion(header) : undefined);

/**
 * Firm profiles (certifications, past cases) and the product pool (产品资源池). Mounted at /api/v1:
 * it serves /firms/… and /products/…. Public reads show approved firms and listed products only.
 */
export const firmsRouter = createRouter()
  .get(
    '/firms',
    describe({
      operationId: 'listFirms',
      summary: 'Approved firms: filter by domain, district, size, certification (code + min level), name',
      description:
        'Keyset pagination by (name, id) or (createdAt, id); one statement per page. A certification filter ' +
        'counts only unexpired certifications.',
      tags: ['firms'],
      responses: { 200: { description: 'A page of firms', schema: FirmPage } },
    }),
    validate('query', FirmListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const page: FirmPage = await listPublicFirms(c.get('db'), q, cursorOf(q.cursor), c.get('deps').clock());
      return c.json(page);
    },
  )
  .get(
    '/firms/:id',
    describe({
      operationId: 'getFirm',
      summary:
        'A firm’s public profile with certifications (expired ones flagged), cases and listed products',
      description: 'One database round trip. Firms not approved are 404. The ETag is the profile version.',
      tags: ['firms'],
      responses: { 200: { description: 'The firm', schema: FirmDetail } },
    }),
    validate('param', FirmParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const f: FirmDetail | null = await getPublicFirm(c.get('db'), id, c.get('deps').clock());
      if (!f) throw new ApiError('NOT_FOUND', `No firm ${id}.`);
      c.header('ETag', etagOf(f.version));
      return c.json(f);
    },
  )
  .patch(
    '/firms/:id',
    describe({
      operationId: 'updateFirmProfile',
      summary: 'Edit your own firm’s profile; If-Match required (428), stale versions get 412',
      tags: ['firms'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Updated', schema: Versioned } },
    }),
    firmWriter(),
    validate('param', FirmParam),
    validate('json', FirmProfilePatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      const r = await updateFirmProfile(
        c.get('db'),
        { firmId: id, actingFirmId: p.acting?.orgId as string, expectedVersion, patch: c.req.valid('json') },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const { version } = unwrap(r, 'firm', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(version));
      return c.json({ id, version });
    },
  )
  .post(
    '/firms/:id/certifications',
    describe({
      operationId: 'addCertification',
      summary: 'Add a certification to your firm (level within the code’s levels; none for ungraded codes)',
      description: 'Changes the profile version (new ETag); If-Match is optional and checked when sent.',
      tags: ['firms'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Added; version is the firm’s new version', schema: Versioned } },
    }),
    firmWriter(),
    validate('param', FirmParam),
    validate('json', CertificationBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await addCertification(
        c.get('db'),
        {
          firmId: id,
          actingFirmId: p.acting?.orgId as string,
          expectedVersion: optionalIfMatch(c.req.header('if-match')),
          cert: c.req.valid('json'),
        },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'firm', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(out.version));
      return c.json(out, 201);
    },
  )
  .delete(
    '/firms/:id/certifications/:certificationId',
    describe({
      operationId: 'removeCertification',
      summary: 'Remove one of your firm’s certifications',
      tags: ['firms'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Removed; version is the firm’s new version', schema: Versioned } },
    }),
    firmWriter(),
    validate('param', CertificationParam),
    async (c) => {
      const p = principal(c);
      const { id, certificationId } = c.req.valid('param');
      const r = await removeCertification(
        c.get('db'),
        {
          firmId: id,
          actingFirmId: p.acting?.orgId as string,
          certificationId,
          expectedVersion: optionalIfMatch(c.req.header('if-match')),
        },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const { version } = unwrap(r, 'firm', id, { subId: certificationId, fieldPrefix: 'body' });
      c.header('ETag', etagOf(version));
      return c.json({ id, version });
    },
  )
  .post(
    '/firms/:id/cases',
    describe({
      operationId: 'addFirmCase',
      summary: 'Add a past case (同类案例) to your firm; amount in fen',
      description: 'Changes the profile version (new ETag); If-Match is optional and checked when sent.',
      tags: ['firms'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Added; version is the firm’s new version', schema: Versioned } },
    }),
    firmWriter(),
    validate('param', FirmParam),
    validate('json', FirmCaseBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await addFirmCase(
        c.get('db'),
        {
          firmId: id,
          actingFirmId: p.acting?.orgId as string,
          expectedVersion: optionalIfMatch(c.req.header('if-match')),
          case: c.req.valid('json'),
        },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'firm', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(out.version));
      return c.json(out, 201);
    },
  )
  .delete(
    '/firms/:id/cases/:caseId',
    describe({
      operationId: 'removeFirmCase',
      summary: 'Remove one of your firm’s past cases',
      tags: ['firms'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Removed; version is the firm’s new version', schema: Versioned } },
    }),
    firmWriter(),
    validate('param', CaseParam),
    async (c) => {
      const p = principal(c);
      const { id, caseId } = c.req.valid('param');
      const r = await removeFirmCase(
        c.get('db'),
        {
          firmId: id,
          actingFirmId: p.acting?.orgId as string,
          caseId,
          expectedVersion: optionalIfMatch(c.req.header('if-match')),
        },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const { version } = unwrap(r, 'firm', id, { subId: caseId, fieldPrefix: 'body' });
      c.header('ETag', etagOf(version));
      return c.json({ id, version });
    },
  )
  .get(
    '/firms/:id/products',
    describe({
      operationId: 'listMyProducts',
      summary: 'Your own firm’s products in any status (listed and delisted), with versions',
      tags: ['products'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Products', schema: v.object({ items: v.array(ProductView) }) } },
    }),
    requireActor({ orgKinds: ['firm'] }),
    validate('param', FirmParam),
    async (c) => {
      const { id } = c.req.valid('param');
      if (principal(c).acting?.orgId !== id) throw new ApiError('NOT_FOUND', `No firm ${id} of yours.`);
      return c.json({ items: await listFirmProducts(c.get('db'), id) });
    },
  )
  .get(
    '/products',
    describe({
      operationId: 'listProducts',
      summary: 'The product pool (产品资源池): listed products of approved firms',
      description:
        'Filters: domain, area, recommendedCatalog (推荐目录), firstEdition (首版次), xinchuang (信创), firm, q. ' +
        'Keyset pagination; one statement per page. Prices in fen.',
      tags: ['products'],
      responses: { 200: { description: 'A page of products', schema: ProductPage } },
    }),
    validate('query', ProductListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const page: ProductPage = await listPublicProducts(c.get('db'), q, cursorOf(q.cursor));
      return c.json(page);
    },
  )
  .post(
    '/products',
    describe({
      operationId: 'createProduct',
      summary: 'List a product or solution of your firm in the pool',
      tags: ['products'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Listed', schema: Versioned } },
    }),
    firmWriter(),
    validate('json', ProductBody),
    async (c) => {
      const p = principal(c);
      const firmId = p.acting?.orgId as string;
      const out = await createProduct(
        c.get('db'),
        c.req.valid('json'),
        firmId,
        { userId: p.userId, orgId: firmId },
        c.get('deps').clock(),
      );
      c.header('ETag', etagOf(out.version));
      c.header('Location', `/api/v1/products/${out.id}`);
      return c.json(out, 201);
    },
  )
  .get(
    '/products/:id',
    describe({
      operationId: 'getProduct',
      summary: 'One listed product of an approved firm; the ETag is its version',
      tags: ['products'],
      responses: { 200: { description: 'The product', schema: ProductView } },
    }),
    validate('param', ProductParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const prod: ProductView | null = await getProduct(c.get('db'), id);
      if (!prod) throw new ApiError('NOT_FOUND', `No product ${id}.`);
      c.header('ETag', etagOf(prod.version));
      return c.json(prod);
    },
  )
  .patch(
    '/products/:id',
    describe({
      operationId: 'updateProduct',
      summary: 'Edit your firm’s product; If-Match required (428), stale versions get 412',
      tags: ['products'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Updated', schema: Versioned } },
    }),
    firmWriter(),
    validate('param', ProductParam),
    validate('json', ProductPatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      const r = await updateProduct(
        c.get('db'),
        { id, firmId: p.acting?.orgId as string, expectedVersion, patch: c.req.valid('json') },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const { version } = unwrap(r, 'product', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(version));
      return c.json({ id, version });
    },
  )
  .post(
    '/products/:id/:action{delist|relist}',
    describe({
      operationId: 'setProductListing',
      summary: 'Delist a product from the pool (kept, never deleted) or list it again',
      description: 'Delisting a delisted product (or relisting a listed one) is 409. If-Match is optional.',
      tags: ['products'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'The new status',
          schema: v.object({ id: v.string(), status: v.string(), version: v.number() }),
        },
      },
    }),
    firmWriter(),
    validate('param', ListingParam),
    async (c) => {
      const p = principal(c);
      const { id, action } = c.req.valid('param');
      const r = await setProductListing(
        c.get('db'),
        {
          id,
          firmId: p.acting?.orgId as string,
          action,
          expectedVersion: optionalIfMatch(c.req.header('if-match')),
        },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'product', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(out.version));
      return c.json({ id, ...out });
    },
  );
