import { describe, expect, it } from 'vitest';

import { PRODUCTS } from '../../../nodes/shared/products/registry.ts';
import {
	TASK_TYPES,
	eventOptions,
	taskTypesProperty,
} from '../../../nodes/shared/trigger/parameters.ts';

describe('trigger parameters', () => {
	it('offers every product that makes tasks, by its label, and all of them by default', () => {
		const tasks = PRODUCTS.filter((p) => p.call === 'task');
		expect(TASK_TYPES).toEqual(tasks.map((p) => p.id));
		expect(taskTypesProperty.default).toEqual(TASK_TYPES);
		const names = taskTypesProperty.options!.map((o) => ('name' in o ? o.name : ''));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('gives every option a default', () => {
		for (const option of eventOptions) expect(option.default).not.toBeUndefined();
	});
});
