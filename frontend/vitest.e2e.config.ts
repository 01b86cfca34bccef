import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Pinned so the config works the same when run from the repo root or from frontend/.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    // Starting the backend may take up to 60 s on its own (see e2e/support/app.ts), plus the browser.
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
