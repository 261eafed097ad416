import { defineConfig } from 'vitest/config';

// Real n8n end-to-end suite: one n8n per file, files one after another (2 cores, ~500 MB per n8n).
export default defineConfig({
	logLevel: 'error',
	test: {
		include: ['test/e2e/**/*.test.mts'],
		testTimeout: 300_000,
		hookTimeout: 1_200_000,
		pool: 'forks',
		fileParallelism: false,
	},
});
