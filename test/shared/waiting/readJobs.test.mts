import { describe, expect, it } from 'vitest';

import { PROVIDERS, type KlingCredentials } from '../../../nodes/shared/api/providers.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';
import { readJobs, type ItemSettings } from '../../../nodes/shared/waiting/readJobs.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';

const settings = (extra: Partial<ItemSettings> = {}): ItemSettings => ({
	profile: PROVIDERS.official,
	credentials: { authMode: 'apiKey' } as KlingCredentials,
	externalTaskId: (i) => `n8n-i2v-run-${i}`,
	operation: 'generate',
	wait: 'poll',
	kind: 'video',
	continueOnFail: true,
	...extra,
});
const run = (params: (i: number) => Record<string, unknown>, items = 2) =>
	makeContext({
		params: (i) => ({
			model: 'kling-v3',
			image: 'https://example.com/frame.png',
			prompt: 'The boat sails',
			...params(i),
		}),
		items: Array.from({ length: items }, () => ({ json: {} })),
		credentials: emulatorCredentials('http://127.0.0.1:9'),
	}).ctx;

describe('reading every item before anything is sent', () => {
	it('reads each item’s wait settings, and says what was charged for a bad one: nothing', async () => {
		const jobs = await readJobs(
			run((i) => ({ waitTimeout: 2, pollInterval: i ? 0 : 5 })),
			image2video,
			settings(),
		);
		expect(jobs[0]).toMatchObject({ intervalMs: 5000, download: true, outputField: 'data' });
		expect(jobs[0].deadline - jobs[0].startedAt).toBe(2 * 60_000);
		expect(jobs[1].error?.message).toBe('Poll Interval (Seconds): must be at least 1');
		expect(jobs[1].error?.description).toBe('Nothing was sent to Kling, so nothing was charged.');
	});

	it('a wait left at the panel defaults follows a model with long tasks (Kling 4.0: 60 min, 20 s)', async () => {
		const jobs = await readJobs(
			run(
				(i) => ({
					model: ['kling-4.0', 'kling-4.0', 'kling-v3'][i],
					waitTimeout: [30, 45, 30][i],
					pollInterval: 10,
				}),
				3,
			),
			image2video,
			settings(),
		);
		const minutes = jobs.map((j) => (j.deadline - j.startedAt) / 60_000);
		expect(minutes).toEqual([60, 45, 30]);
		expect(jobs.map((j) => j.intervalMs)).toEqual([20_000, 20_000, 10_000]);
	});

	it('refuses two items with the same external task ID', async () => {
		const jobs = await readJobs(
			run(() => ({ options: { externalTaskId: 'same' } })),
			image2video,
			settings(),
		);
		expect(jobs[0].error).toBeUndefined();
		expect(jobs[1].error?.message).toMatch(/^External Task ID: items 0 and 1 both use "same"/);
	});

	it('without Continue On Fail, the first bad item stops the run', async () => {
		await expect(
			readJobs(
				run(() => ({ image: '' })),
				image2video,
				settings({ continueOnFail: false }),
			),
		).rejects.toThrow(/^Image: is empty/);
	});

	it('Get Task: the ID to look up, and where; an empty one is refused', async () => {
		const jobs = await readJobs(
			run((i) => ({ operation: 'getTask', taskId: i ? '' : ' t-1 ', lookupBy: 'taskId' })),
			image2video,
			settings({ operation: 'getTask' }),
		);
		expect(jobs[0].lookup).toMatchObject({ by: 'taskId', id: 't-1' });
		expect(jobs[0].lookup!.routes.map((r) => r.standard)).toEqual(['new', 'legacy']);
		expect(jobs[1].error?.message).toMatch(/^Task ID: is empty/);
	});

	it('Max Units per Execution refuses a run above it, before anything is sent', async () => {
		await expect(
			readJobs(
				run(() => ({ options: { maxUnits: 1 } })),
				image2video,
				settings(),
			),
		).rejects.toThrow(/^Max Units per Execution: this run would cost about/);
	});
});
