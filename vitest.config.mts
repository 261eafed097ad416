import { defineConfig } from 'vitest/config';

export default defineConfig({
	logLevel: 'error',
	test: {
		include: ['test/**/*.test.mts'],
		exclude: ['test/e2e/**'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
