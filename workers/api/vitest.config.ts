import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'api', include: ['test/**/*.test.ts'], exclude: ['test/edge/**'], testTimeout: 30_000 },
});
