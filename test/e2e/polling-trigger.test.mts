import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KlingEmulator } from '../../emulator/server.mts';
import { makePng } from '../../emulator/media.mts';
import { KlingClient } from '../../nodes/shared/api/client.ts';
import { endpointPath } from '../../nodes/shared/api/providers.ts';
import { feedRoutes } from '../../nodes/shared/trigger/feed.ts';
import { emulatorCredentials, makeContext } from '../support/context.mts';
import { N8nInstance, emulatorCredential } from '../support/n8n.mts';
import { startSink } from '../support/sink.mts';
import { chain, sinkNode } from '../support/workflows.mts';

// Tasks last ten minutes unless the test ends them: what the trigger sees follows the test's
// steps, not the machine's speed.
const LONG = '[ms=600000]';

describe('Kling Polling Trigger inside a real n8n', () => {
	const emulator = new KlingEmulator({ concurrency: 10 });
	let n8n: N8nInstance;
	let sink: Awaited<ReturnType<typeof startSink>>;

	const create = async (prompt: string, ext: string): Promise<string> => {
		const res = await fetch(`${emulator.baseUrl}/v1/videos/image2video`, {
			method: 'POST',
			headers: { authorization: 'Bearer emulator-api-key', 'content-type': 'application/json' },
			body: JSON.stringify({
				model_name: 'kling-v2-6',
				image: makePng(400, 400).toString('base64'),
				prompt: `${prompt} ${LONG}`,
				external_task_id: ext,
			}),
		});
		return ((await res.json()) as { data: { task_id: string } }).data.task_id;
	};

	/** Whether a poll has read every list since `since`: the cursor list, then each /v1 list. */
	let listPaths: string[] = [];
	const pollDoneSince = (since: number) => {
		const answered = emulator
			.snapshot()
			.requests.filter((r) => r.kind === 'list' && (r.answeredAt ?? 0) >= since);
		return listPaths.every((p) => answered.some((r) => r.path === p));
	};
	const settled = async () => {
		await expect
			.poll(async () => (await n8n.executions()).every((e) => e.status === 'success'), {
				timeout: 60_000,
				interval: 500,
			})
			.toBe(true);
	};

	beforeAll(async () => {
		const url = await emulator.start();
		sink = await startSink();
		const client = await KlingClient.connect(
			makeContext({ params: {}, credentials: emulatorCredentials(url) }).ctx,
		);
		listPaths = feedRoutes(client).map((r) =>
			r.standard === 'new' ? '/tasks' : endpointPath(client.provider.profile, r.legacy),
		);
		n8n = await N8nInstance.create('polling-trigger');
		await n8n.importCredentials([emulatorCredential(url)]);
		const workflow = chain('e2ePollingTrigger', [
			{
				id: 'poll',
				name: 'Kling Polling Trigger',
				type: 'n8n-nodes-kling.klingPollingTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: { klingApi: { id: 'klingEmulatorCred1', name: 'Kling API (emulator)' } },
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] } },
			},
			sinkNode('out', sink.url, '={{ JSON.stringify($json) }}'),
		]);
		await n8n.importWorkflows([workflow]);
		await n8n.publish(workflow.id);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sink?.close();
		await emulator.stop();
	});

	it('reports each task status once, only after publishing, and nothing twice after a restart', async () => {
		const before = await create('done before publishing', 'poll-before');
		emulator.finishNow(before);
		const ok = await create('fine', 'poll-ok');
		const bad = await create('[fail] broken', 'poll-bad');

		const started = Date.now();
		await n8n.start();
		// Publishing polls at once: that first read only learns what is there.
		await expect.poll(() => pollDoneSince(started), { timeout: 60_000 }).toBe(true);
		emulator.finishNow(ok);
		emulator.finishNow(bad);
		// The next poll is within a minute (n8n polls at most once a minute).
		await expect.poll(() => sink.received.length, { timeout: 150_000, interval: 500 }).toBe(2);
		await settled();
		expect(sink.received.map((e) => [e.taskId, e.status, e.taskType])).toEqual(
			expect.arrayContaining([
				[ok, 'succeeded', 'image2video'],
				[bad, 'failed', 'image2video'],
			]),
		);
		expect(sink.received[0]).toMatchObject({ confirmedWithApi: true, signatureVerified: null });

		// A restart: its first poll sees the two reported tasks again and the one finished meanwhile.
		await n8n.stop();
		const during = await create('finished while n8n was down', 'poll-during');
		emulator.finishNow(during);
		await n8n.start();
		await expect.poll(() => sink.received.length, { timeout: 90_000, interval: 500 }).toBe(3);
		await settled();
		const reported = sink.received.map((e) => `${String(e.taskId)}:${String(e.status)}`);
		expect(reported.sort()).toEqual(
			[`${ok}:succeeded`, `${bad}:failed`, `${during}:succeeded`].sort(),
		);
		expect(reported.join()).not.toContain(before);
		expect(emulator.snapshot().creates).toBe(4);
	});
});
