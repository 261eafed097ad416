import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KlingEmulator } from '../../emulator/server.mts';
import { N8nInstance, emulatorCredential } from '../support/n8n.mts';
import { startSink } from '../support/sink.mts';
import { chain, itemsFromBody, kling, sinkNode, webhookNode } from '../support/workflows.mts';

/**
 * Webhook → Code (3 items) → Kling Image to Video → Sink, published in a real n8n, once waiting
 * for Kling's callbacks and once polling, so both outputs can be compared.
 */
function workflow(
	id: string,
	path: string,
	wait: 'callback' | 'poll',
	emulatorUrl: string,
	sinkUrl: string,
	webhookIds: [string, string],
	prompts = ['a calm lake', 'a busy street', 'a quiet forest'],
) {
	return chain(id, [
		webhookNode(`${id}-in`, path, webhookIds[0]),
		itemsFromBody(
			`${id}-items`,
			`return ${JSON.stringify(prompts)}.map((prompt) => ({ json: { prompt } }));`,
		),
		kling(
			'klingImage2Video',
			'Kling Image to Video',
			{
				wait,
				waitTimeout: 5,
				pollInterval: 1,
				model: 'kling-v2-6',
				image: `${emulatorUrl}/samples/photo-1.png`,
				prompt: '={{ $json.prompt }}',
			},
			{ webhookId: webhookIds[1] },
		),
		sinkNode(
			`${id}-out`,
			sinkUrl,
			`={{ JSON.stringify({ mode: '${wait}', item: $itemIndex, json: $json, bytes: $binary.data ? $binary.data.fileSize : null, mime: $binary.data ? $binary.data.mimeType : null }) }}`,
		),
	]);
}

/** The output minus what differs between any two runs: ids, times and the task's own URL. */
function comparable(json: Record<string, unknown>) {
	const { taskId, externalTaskId, createdAt, updatedAt, elapsedMs, videos, ...rest } = json;
	return {
		...rest,
		videoCount: Array.isArray(videos) ? videos.length : null,
		ids: [
			typeof taskId,
			typeof externalTaskId,
			typeof createdAt,
			typeof elapsedMs,
			typeof updatedAt,
		],
	};
}

describe('Wait "Until Kling Calls Back" inside a real n8n', () => {
	const emulator = new KlingEmulator({ videoTaskMs: 12_000, submittedMs: 500, concurrency: 5 });
	let n8n: N8nInstance;
	let sink: Awaited<ReturnType<typeof startSink>>;

	beforeAll(async () => {
		const url = await emulator.start();
		sink = await startSink();
		n8n = await N8nInstance.create('callback');
		await n8n.importCredentials([emulatorCredential(url)]);
		const flows = [
			workflow('e2eCallbackWait', 'start-callback', 'callback', url, sink.url, [
				'0b6f1a2c-1d3e-4f5a-8b9c-0a1b2c3d4e5f',
				'7c1e9d2a-4b3f-4e6a-9c8d-1a2b3c4d5e6f',
			]),
			workflow('e2eCallbackPoll', 'start-poll', 'poll', url, sink.url, [
				'0b6f1a2c-1d3e-4f5a-8b9c-0a1b2c3d4e60',
				'7c1e9d2a-4b3f-4e6a-9c8d-1a2b3c4d5e70',
			]),
			// The emulator reads `[ms=N]` in a prompt as the task's length.
			workflow(
				'e2eCallbackLost',
				'start-lost',
				'callback',
				url,
				sink.url,
				['0b6f1a2c-1d3e-4f5a-8b9c-0a1b2c3d4e61', '7c1e9d2a-4b3f-4e6a-9c8d-1a2b3c4d5e71'],
				['a short one [ms=2000]', 'a long one [ms=5000]'],
			),
		];
		await n8n.importWorkflows(flows);
		for (const flow of flows) await n8n.publish(flow.id);
		await n8n.start();
		await n8n.waitForWebhook('start-callback');
		await n8n.waitForWebhook('start-poll');
		await n8n.waitForWebhook('start-lost');
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sink?.close();
		await emulator.stop();
	});

	it('pauses while the tasks run, resumes once after the last one, with the same output as polling', async () => {
		const started = await fetch(`http://127.0.0.1:${n8n.port}/webhook/start-callback`, {
			method: 'POST',
		});
		expect(started.status).toBe(200);

		// While Kling works, the execution is saved as waiting and nothing reaches the sink.
		let waitingSeen = false;
		const waitDeadline = Date.now() + 10_000;
		while (!waitingSeen && Date.now() < waitDeadline) {
			waitingSeen = (await n8n.executions()).some((e) => e.status === 'waiting');
			if (!waitingSeen) await new Promise((r) => setTimeout(r, 200));
		}
		expect(waitingSeen).toBe(true);
		expect(sink.received).toHaveLength(0);
		const afterSubmit = emulator.snapshot();
		expect(afterSubmit.creates).toBe(3);

		// Forged calls to the resume URL: a wrong token is refused by n8n; a claimed success for a task
		// outside the batch is read by nobody and resumes nothing.
		const resumeUrl = String(emulator.callbackUrl(afterSubmit.tasks[0].id));
		const forgedBody = JSON.stringify({
			task_id: '999',
			task_status: 'succeed',
			task_info: { external_task_id: 'evil' },
			task_result: { videos: [{ id: 'v', url: 'http://127.0.0.1:9/evil.mp4' }] },
		});
		const post = (url: string, body: string) =>
			fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		expect(
			(await post(resumeUrl.replace(/signature=[^&]+/, 'signature=forged'), forgedBody)).status,
		).toBe(401);
		expect((await post(resumeUrl, forgedBody)).status).toBe(200);
		expect((await n8n.executions())[0].status).toBe('waiting');

		const deadline = Date.now() + 60_000;
		while (sink.received.length < 3 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 200));
		await new Promise((r) => setTimeout(r, 1500));
		const stats = emulator.snapshot();
		const lastFinish = Math.max(...stats.tasks.map((t) => t.finishAt));

		const callback = sink.received.filter((r) => r.mode === 'callback');
		expect(callback).toHaveLength(3);
		expect(callback.map((r) => (r.json as { status: string }).status)).toEqual([
			'succeeded',
			'succeeded',
			'succeeded',
		]);
		expect(callback.map((r) => [r.mime, typeof r.bytes])).toEqual(
			Array(3).fill(['video/mp4', 'string']),
		); // fileSize is n8n's "15.2 kB"
		expect(Math.min(...sink.times)).toBeGreaterThanOrEqual(lastFinish);
		const executions = await n8n.executions();
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		// One create per item; the only reads are the batch checks (one /tasks read for all three
		// before the pause and one per final callback), never a per-task poll.
		expect(Object.values(stats.createsByExternalId)).toEqual([1, 1, 1]);
		const reads = stats.requests.filter((r) => r.kind === 'query' || r.kind === 'list');
		expect(reads.every((r) => r.path === '/tasks')).toBe(true);
		expect(reads.length).toBeLessThanOrEqual(1 + 3);
		expect(stats.callbacksSent).toBeGreaterThanOrEqual(6); // processing + final per task
		// A repeated callback after the execution finished changes nothing.
		const late = await post(
			resumeUrl,
			JSON.stringify(emulator.callbackBody(afterSubmit.tasks[2].id)),
		);
		expect(late.status).toBe(409);
		expect(sink.received).toHaveLength(3);
		expect(await n8n.executions()).toHaveLength(1);

		// The same input, polled: the same items in the same order.
		const polled = await fetch(`http://127.0.0.1:${n8n.port}/webhook/start-poll`, {
			method: 'POST',
		});
		expect(polled.status).toBe(200);
		const pollDeadline = Date.now() + 60_000;
		while (sink.received.length < 6 && Date.now() < pollDeadline)
			await new Promise((r) => setTimeout(r, 200));
		const poll = sink.received.filter((r) => r.mode === 'poll');
		expect(poll).toHaveLength(3);
		expect(
			callback.map((r) => ({
				item: r.item,
				bytes: r.bytes,
				mime: r.mime,
				json: comparable(r.json as Record<string, unknown>),
			})),
		).toEqual(
			poll.map((r) => ({
				item: r.item,
				bytes: r.bytes,
				mime: r.mime,
				json: comparable(r.json as Record<string, unknown>),
			})),
		);
		expect(n8n.log).not.toContain('emulator-api-key');
	});

	it('resumes when the last final callback is lost, long before the Wait Timeout', async () => {
		// The first final callback gets through; the second task's is lost.
		emulator.configure({
			faults: [{ stage: 'callback', kind: 'callback-drop', finalOnly: true, skip: 1 }],
		});
		const before = emulator.snapshot();
		const received = sink.received.length;
		const started = Date.now();
		await fetch(`http://127.0.0.1:${n8n.port}/webhook/start-lost`, { method: 'POST' });
		const deadline = started + 90_000;
		while (sink.received.length < received + 2 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 200));
		await new Promise((r) => setTimeout(r, 1500));
		emulator.configure({ faults: [] });

		const stats = emulator.snapshot();
		const out = sink.received.slice(received);
		expect(out.map((r) => (r.json as { status: string }).status)).toEqual([
			'succeeded',
			'succeeded',
		]);
		expect(stats.faultsInjected['callback-drop'] ?? 0).toBe(1);
		// Resumed by the watching callback once the batch was quiet for 15 s, not at the 5-minute
		// timeout; each result downloaded once.
		const lastFinish = Math.max(...stats.tasks.slice(-2).map((t) => t.finishAt));
		expect(Math.min(...sink.times.slice(received))).toBeGreaterThan(lastFinish);
		expect(Date.now() - started).toBeLessThan(45_000);
		expect(stats.downloads - before.downloads).toBe(2);
		const lost = (await n8n.executions()).filter((e) => e.workflowId === 'e2eCallbackLost');
		expect(lost.map((e) => e.status)).toEqual(['success']);
	});
});
