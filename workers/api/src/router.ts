import { Hono } from 'hono';
import type { AppEnv } from './env.ts';

/** Every resource router is made here so they all share one Env type (and hc keeps its types). */
export const createRouter = () => new Hono<AppEnv>();
