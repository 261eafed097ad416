import { describe, expect, it } from 'vitest';

import type { Job } from '../../../nodes/shared/waiting/job.ts';
import { planOf, taskOf } from '../../../nodes/shared/waiting/job.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';

const job = (safety = image2video.safety): Job =>
	({
		itemIndex: 2,
		request: {
			body: {},
			media: [],
			model: 'kling-v3',
			route: { product: { ...image2video, safety } },
			externalTaskId: 'n8n-i2v-key-2',
		},
		startedAt: 0,
		deadline: 1,
		intervalMs: 1,
		nextPollAt: 0,
		download: true,
		outputField: 'data',
	}) as unknown as Job;

describe('a job', () => {
	it('plans its output: the item, the download, the model', () => {
		expect(planOf(job())).toMatchObject({
			itemIndex: 2,
			download: true,
			outputField: 'data',
			model: 'kling-v3',
			apiStandard: null,
		});
	});

	it('names its external task ID for the error item only where Kling was given one', () => {
		expect(taskOf(job()).externalTaskId).toBe('n8n-i2v-key-2');
		expect(taskOf(job({ externalTaskId: false, lookup: 'taskId' })).externalTaskId).toBeUndefined();
		const found = { ...job(), task: { taskId: 't', externalTaskId: 'e', status: 'failed' } };
		expect(taskOf(found as Job)).toEqual({ taskId: 't', externalTaskId: 'e', status: 'failed' });
	});
});
