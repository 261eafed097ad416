import { describe, expect, it } from 'vitest';

import { KlingClient } from '../../../nodes/shared/api/client.ts';
import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import { makePng } from '../../../emulator/media.mts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';
import { useEmulator } from '../../support/emulator.mts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';

const ROUTE: TaskRoute = {
	product: image2video,
	standard: 'new',
	legacy: image2video.endpoints.legacy[0],
	new: image2video.endpoints.new[0],
	model: 'kling-2.6',
};
const IMAGE = makePng(400, 400).toString('base64');
const body = (ext: string) => ({
	contents: [{ type: 'first_frame', url: IMAGE }],
	options: { external_task_id: ext },
});

describe('the new standard against the emulator', () => {
	const env = useEmulator({ concurrency: 50 });
	const connect = async (extra = {}) =>
		await KlingClient.connect(
			makeContext({ params: {}, credentials: emulatorCredentials(env.base, extra) }).ctx,
			{ baseDelayMs: 5, maxDelayMs: 20 },
		);
	const tasksReads = () =>
		env.emulator.snapshot().requests.filter((r) => r.path === '/tasks' && r.method === 'GET');

	it('reads 25 tasks in two /tasks calls (20 ids at most each) and leaves unknown ids out', async () => {
		const client = await connect();
		const ids: string[] = [];
		for (let i = 0; i < 25; i++) {
			const created = await client.tryCreate(ROUTE, body(`batch-${i}`));
			if (created.status === 'created') ids.push(created.task.taskId);
		}
		const tasks = await client.readMany(ROUTE, [...ids, '404404'], 'taskId');
		expect(tasks?.map((t) => t.taskId).sort()).toEqual([...ids].sort());
		expect(tasksReads()).toHaveLength(2);
		const externals = await client.readMany(ROUTE, ['batch-3', 'batch-24'], 'externalId');
		expect(externals?.map((t) => t.externalTaskId)).toEqual(['batch-3', 'batch-24']);
	});

	it('finds a task by external ID, and says when there is none', async () => {
		const client = await connect();
		const created = await client.tryCreate(ROUTE, body('find-me'));
		expect(created.status).toBe('created');
		expect((await client.findByExternalId(ROUTE, 'find-me'))?.status).toBe('submitted');
		expect(await client.findByExternalId(ROUTE, 'nobody')).toBeUndefined();
		await expect(client.getTask(ROUTE, '1')).rejects.toThrow(
			/Kling has no task with the task ID "1"/,
		);
	});

	it('a create whose answer is lost is found by its external ID, not sent twice', async () => {
		env.emulator.reset({
			enforceUniqueExternalId: false,
			faults: [{ stage: 'create', kind: '5002-after-create', count: 1 }],
		});
		const client = await connect();
		expect(await client.tryCreate(ROUTE, body('lost'))).toMatchObject({
			status: 'created',
			recovered: true,
		});
		expect(env.emulator.snapshot().creates).toBe(1);
	});

	it('the emulator refuses a JWT on the new standard (API key only) and > 20 ids', async () => {
		const jwt = await fetch(`${env.base}/tasks?task_ids=1`, {
			headers: { authorization: 'Bearer a.b.c' },
		});
		expect(jwt.status).toBe(401);
		const many = Array.from({ length: 21 }, (_, i) => i).join(',');
		const tooMany = await fetch(`${env.base}/tasks?task_ids=${many}`, {
			headers: { authorization: 'Bearer emulator-api-key' },
		});
		expect(tooMany.status).toBe(400);
		expect(await tooMany.json()).toMatchObject({ code: 1201 });
	});
});
