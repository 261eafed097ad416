import path from 'node:path';

import { defineConfig } from 'vitest/config';

// What n8n logs and outputs in these runs goes to the secret-hygiene corpus (npm run test:leaks).
const corpus = path.resolve('.e2e/leak-corpus/e2e');
process.env.KLING_LEAK_CORPUS = corpus;

// Real n8n end-to-end suite: one n8n per file, files one after another (2 cores, ~500 MB per n8n).
export default defineConfig({
	logLevel: 'error',
	test: {
		include: ['test/e2e/**/*.test.mts'],
		testTimeout: 300_000,
		hookTimeout: 1_200_000,
		pool: 'forks',
		fileParallelism: false,
		env: { KLING_LEAK_CORPUS: corpus },
		globalSetup: ['test/leaks/global-setup.mts'],
	},
});
