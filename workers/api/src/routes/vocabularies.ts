import {
  APPLICATION_AREAS,
  CERTIFICATIONS,
  DISTRICTS,
  FIRM_SIZES,
  ORGANIZATION_KINDS,
  SCENARIO_KINDS,
  SOFTWARE_DOMAINS,
} from '@scx/core';
import * as v from 'valibot';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Term = v.object({ code: v.string(), zh: v.string(), en: v.string() });
const Vocabularies = v.object({
  domains: v.array(Term),
  areas: v.array(Term),
  districts: v.array(Term),
  sizes: v.array(Term),
  organizationKinds: v.array(Term),
  scenarioKinds: v.array(Term),
  certifications: v.array(v.object({ ...Term.entries, levels: v.number() })),
});

const body: v.InferOutput<typeof Vocabularies> = {
  domains: [...SOFTWARE_DOMAINS],
  areas: [...APPLICATION_AREAS],
  districts: [...DISTRICTS],
  sizes: [...FIRM_SIZES],
  organizationKinds: [...ORGANIZATION_KINDS],
  scenarioKinds: [...SCENARIO_KINDS],
  certifications: [...CERTIFICATIONS],
};

export const vocabulariesRouter = createRouter().get(
  '/',
  describe({
    operationId: 'getVocabularies',
    summary: 'Code lists with zh-CN and en labels: domains, areas, districts, sizes, certifications',
    tags: ['meta'],
    responses: { 200: { description: 'The vocabularies', schema: Vocabularies } },
  }),
  (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(body);
  },
);
