import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/runtimes/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        // The browser entry and the secret guard under a DOM (happy-dom's fetch enforces CORS),
        // importing the packed package by name: see test/runtimes/happy-dom/.
        extends: true,
        test: {
          name: 'happy-dom',
          include: ['test/runtimes/happy-dom/**/*.test.ts'],
          environment: 'happy-dom',
          globalSetup: ['test/runtimes/happy-dom/stage.ts'],
        },
      },
    ],
  },
});
