import { defineConfig } from 'vitest/config';

import base from './vitest.config.mts';

// The request schemas again, with 'zod/v3' taken from zod 4: n8n provides zod at run time, and
// the package must work whichever major a later n8n ships (zod 4 keeps the v3 API at 'zod/v3').
export default defineConfig({
	...base,
	resolve: { alias: [{ find: /^zod\/v3$/, replacement: 'zod4/v3' }] },
	test: {
		...base.test,
		include: [
			'test/shared/input/zod4.check.mts',
			'test/shared/input/schemas.test.mts',
			'test/chaos/bad-input.test.mts',
		],
	},
});
