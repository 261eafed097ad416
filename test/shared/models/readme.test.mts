import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { withTable } from '../../../scripts/model-table.mts';

describe('the model table of docs/nodes.md', () => {
	it('is the one generated from the catalogue (run npm run models after changing it)', () => {
		const readme = readFileSync(new URL('../../../docs/nodes.md', import.meta.url), 'utf8');
		expect(readme).toBe(withTable(readme));
	});
});
