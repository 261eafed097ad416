import { describe, expect, it } from 'vitest';

import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import type { KlingTask } from '../../../nodes/shared/api/task.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';
import { findLookedUp } from '../../../nodes/shared/waiting/getTask.ts';
import type { Job } from '../../../nodes/shared/waiting/job.ts';
import { TEST_NODE } from '../../support/context.mts';

const route = (standard: 'new' | 'legacy'): TaskRoute => ({
	product: image2video,
	standard,
	legacy: image2video.endpoints.legacy[0],
	model: '',
});
const ROUTES = [route('new'), route('legacy')];
const TASK = { taskId: 't1', externalTaskId: 'e1', status: 'processing' } as KlingTask;

/** A fake account that has TASK on the legacy endpoint only, and records what was asked where. */
function client() {
	const asked: string[] = [];
	const answer = (r: TaskRoute, by: string, id: string) => {
		asked.push(`${r.standard} ${by} ${id}`);
		return r.standard === 'legacy' && (id === 't1' || id === 'e1') ? TASK : undefined;
	};
	return {
		asked,
		findTask: async (r: TaskRoute, id: string) => answer(r, 'taskId', id),
		findByExternalId: async (r: TaskRoute, id: string) => answer(r, 'externalId', id),
	};
}

const job = (by: 'taskId' | 'externalTaskId', id: string) =>
	({ itemIndex: 2, lookup: { by, id, routes: ROUTES } }) as unknown as Job;

describe('Get Task', () => {
	it('tries the routes in order and keeps the one the task was found on', async () => {
		const c = client();
		const j = job('externalTaskId', 'e1');
		expect(await findLookedUp(c, { node: TEST_NODE, product: image2video }, j)).toBe(TASK);
		expect(c.asked).toEqual(['new externalId e1', 'legacy externalId e1']);
		expect(j.route).toBe(ROUTES[1]);
	});

	it('names the product, the kind of ID and the item when no route has the task', async () => {
		const c = client();
		const error = await findLookedUp(
			c,
			{ node: TEST_NODE, product: image2video },
			job('taskId', 'nope'),
		).catch((e: Error & { context?: { itemIndex?: number } }) => e);
		expect((error as Error).message).toBe('No Image to Video task has the task ID "nope"');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(2);
		expect(c.asked).toHaveLength(2);
	});
});
