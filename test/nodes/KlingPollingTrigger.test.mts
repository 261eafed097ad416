import { describe, expect, it } from 'vitest';

import { KlingPollingTrigger } from '../../nodes/KlingPollingTrigger/KlingPollingTrigger.node.ts';
import { emulatorCredentials, makePollContext } from '../support/context.mts';
import { PNG_B64, postCreate, useEmulator } from '../support/emulator.mts';

describe('Kling Polling Trigger', () => {
	const env = useEmulator();
	const node = new KlingPollingTrigger();

	it('is a polling trigger n8n schedules, with a default on every parameter', () => {
		expect(node.description.polling).toBe(true);
		expect(node.description.group).toEqual(['trigger']);
		for (const p of node.description.properties) expect(p.default, p.name).not.toBeUndefined();
	});

	it('Fetch Test Event returns the newest finished task as the Kling Trigger would emit it', async () => {
		const created = await postCreate(env.base, '/v1/videos/image2video', {
			model_name: 'kling-v2-6',
			image: PNG_B64,
			prompt: 'a quiet harbour',
			external_task_id: 'node-poll-1',
		});
		expect(created.json.code).toBe(0);
		env.emulator.finishNow((created.json as unknown as { data: { task_id: string } }).data.task_id);
		const { ctx } = makePollContext({
			credentials: emulatorCredentials(env.base),
			mode: 'manual',
			params: { options: { downloadResult: true } },
		});
		const out = await node.poll.call(ctx);
		expect(out?.[0]).toHaveLength(1);
		expect(out?.[0][0].json).toMatchObject({
			externalTaskId: 'node-poll-1',
			status: 'succeeded',
			taskType: 'image2video',
			deliveryKey: expect.stringMatching(/:succeeded$/),
		});
		expect(out?.[0][0].binary?.data?.mimeType).toBe('video/mp4');
	});

	it("reads a solution's own list for a try-on, and only when try-ons are wanted", async () => {
		const created = await postCreate(env.base, '/solutions/virtual_try_on', {
			contents: [
				{ type: 'product_image', url: 'https://cdn.example.com/dress.png' },
				{ type: 'person_image', url: 'https://cdn.example.com/person.png' },
			],
		});
		env.emulator.finishNow((created.json as unknown as { data: { task_id: string } }).data.task_id);
		const poll = async (taskTypes: string[]) => {
			const { ctx } = makePollContext({
				credentials: emulatorCredentials(env.base),
				mode: 'manual',
				params: { taskTypes },
			});
			return await node.poll.call(ctx);
		};
		const out = await poll(['virtualTryOn']);
		expect(out?.[0][0].json).toMatchObject({ status: 'succeeded', taskType: 'virtualTryOn' });
		const lists = () =>
			env.emulator
				.snapshot()
				.requests.filter((r) => r.kind === 'list')
				.map((r) => r.path);
		// /tasks, the solution's list, and the older Kolors path's list.
		const first = lists();
		expect(first).toEqual(['/tasks', '/solutions', '/v1/images/kolors-virtual-try-on']);
		await poll(['image2video']);
		expect(lists().slice(first.length)).not.toContain('/solutions');
	});

	it('refuses a relay without a task list, saying what to use instead', async () => {
		const { ctx } = makePollContext({
			credentials: { provider: 'quickrouter', apiKey: 'relay-secret-key', baseUrl: env.base },
		});
		const error = await node.poll.call(ctx).catch((e: Error & { description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/QuickRouter .* has no task list/);
		expect((error as { description?: string }).description).toMatch(/Kling Trigger/);
		expect(JSON.stringify(error)).not.toContain('relay-secret-key');
	});
});
