import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, fen, id, json, updatedAt, version } from './columns.ts';
import { organizations } from './organizations.ts';

/** 产品资源池: a firm's products and solutions. */
export const products = sqliteTable(
  'products',
  {
    id: id(),
    externalId: text('external_id'),
    firmId: text('firm_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    domains: json<string[]>('domains').notNull().default([]),
    areas: json<string[]>('areas').notNull().default([]),
    /** 推荐目录: on the city's recommended catalog. */
    recommendedCatalog: bool('recommended_catalog').notNull().default(false),
    /** 首版次软件: first-edition software. */
    firstEdition: bool('first_edition').notNull().default(false),
    /** 信创: adapted to the domestic stack. */
    xinchuang: bool('xinchuang').notNull().default(false),
    priceFromFen: fen('price_from_fen'),
    deployments: integer('deployments').notNull().default(0),
    status: text('status', { enum: ['listed', 'delisted'] })
      .notNull()
      .default('listed'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('products_firm_idx').on(t.firmId), uniqueIndex('products_external_id_uq').on(t.externalId)],
);
