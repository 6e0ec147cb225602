import { defineProject } from 'vitest/config';

// The edge suite: the bundled Worker inside workerd (Miniflare) against the local libSQL HTTP server.
export default defineProject({
  test: {
    name: 'edge',
    include: ['test/edge/**/*.test.ts'],
    globalSetup: ['test/edge/bundle.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
