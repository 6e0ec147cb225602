import { defineConfig } from 'vitest/config';

// One run for the whole workspace; each package declares its own project (name, environment, setup).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.*config.ts', 'workers/*/vitest.*config.ts', 'web/vitest.*config.ts'],
  },
});
