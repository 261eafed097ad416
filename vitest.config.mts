import path from 'node:path';

import { defineConfig } from 'vitest/config';

// Everything the unit suites output, throw or log goes to the secret-hygiene corpus (npm run test:leaks).
const corpus = path.resolve('.e2e/leak-corpus/unit');
process.env.KLING_LEAK_CORPUS = corpus;

export default defineConfig({
	logLevel: 'error',
	test: {
		include: ['test/**/*.test.mts'],
		exclude: ['test/e2e/**'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
		env: { KLING_LEAK_CORPUS: corpus },
		globalSetup: ['test/leaks/global-setup.mts'],
		setupFiles: ['test/leaks/record-nodes.mts'],
	},
});
