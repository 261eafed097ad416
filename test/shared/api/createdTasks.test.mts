import { beforeEach, describe, expect, it } from 'vitest';

import {
	createdTaskId,
	createdType,
	forgetCreatedTasks,
	generatedExternalId,
	generatedTag,
	rememberCreated,
} from '../../../nodes/shared/api/createdTasks.ts';

beforeEach(() => forgetCreatedTasks());

describe('what this process knows of the tasks it created', () => {
	it('generates external task IDs that carry the product tag, and reads the tag back', () => {
		const id = generatedExternalId({ tag: 'i2v' }, 'a'.repeat(24), 3);
		expect(id).toBe(`n8n-i2v-${'a'.repeat(24)}-3`);
		expect(generatedTag(id)).toBe('i2v');
		expect(generatedTag('my-own-id')).toBeUndefined();
		expect(generatedTag(null)).toBeUndefined();
	});

	it('remembers a task per account and external ID, and its product, until forgotten', () => {
		rememberCreated('t1', 'image2video', { account: 'acc-a', externalId: 'ext-1' });
		expect(createdTaskId('acc-a', 'ext-1')).toBe('t1');
		expect(createdTaskId('acc-b', 'ext-1')).toBeUndefined();
		expect(createdTaskId('acc-a', '')).toBeUndefined();
		expect(createdType('t1')).toBe('image2video');
		forgetCreatedTasks();
		expect(createdTaskId('acc-a', 'ext-1')).toBeUndefined();
		expect(createdType('t1')).toBeUndefined();
	});
});
