import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { withTable } from '../../../scripts/model-table.mts';

describe('README model table', () => {
	it('is the one generated from the catalogue (run npm run models after changing it)', () => {
		const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
		expect(readme).toBe(withTable(readme));
	});
});
