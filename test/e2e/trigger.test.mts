import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KlingEmulator } from '../../emulator/server.mts';
import { makePng } from '../../emulator/media.mts';
import { N8nInstance, emulatorCredential } from '../support/n8n.mts';
import { startSink } from '../support/sink.mts';
import { chain, sinkNode } from '../support/workflows.mts';

const WEBHOOK_ID = '5d1c7b2e-3f5a-4c1e-9d2b-8a7f6e5d4c3b';
// Signed callbacks and an access key + secret key credential: in a real n8n the signature must be
// checked over the exact bytes Kling sent, and every API read carries a freshly signed JWT.
const SECRET = `whsec_${Buffer.from('e2e-trigger-signing-secret-32byt').toString('base64')}`;

describe('Kling Trigger inside a real n8n', () => {
	const emulator = new KlingEmulator({
		videoTaskMs: 1500,
		submittedMs: 300,
		concurrency: 5,
		webhookSecret: SECRET,
	});
	let n8n: N8nInstance;
	let sink: Awaited<ReturnType<typeof startSink>>;
	let hookUrl = '';

	beforeAll(async () => {
		const url = await emulator.start();
		sink = await startSink();
		n8n = await N8nInstance.create('trigger');
		await n8n.importCredentials([
			emulatorCredential(url, {
				authMode: 'accessKey',
				apiKey: '',
				accessKey: 'emulator-access-key',
				secretKey: 'emulator-secret-key',
				webhookSecret: SECRET,
			}),
		]);
		const workflow = chain('e2eTrigger', [
			{
				id: 'trg',
				name: 'Kling Trigger',
				type: 'n8n-nodes-kling.klingTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				credentials: { klingApi: { id: 'klingEmulatorCred1', name: 'Kling API (emulator)' } },
				parameters: { statuses: ['succeeded', 'failed'], options: { confirmWithApi: true } },
			},
			sinkNode('out', sink.url, '={{ JSON.stringify($json) }}'),
		]);
		await n8n.importWorkflows([workflow]);
		await n8n.publish(workflow.id);
		await n8n.start();
		await n8n.waitForWebhook(`${WEBHOOK_ID}/kling`);
		hookUrl = `http://127.0.0.1:${n8n.port}/webhook/${WEBHOOK_ID}/kling`;
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sink?.close();
		await emulator.stop();
	});

	it("emits one normalised event per signed, finished task from the emulator's callbacks; none for a forged, stale or replayed post", async () => {
		const create = (prompt: string, ext: string) =>
			fetch(`${emulator.baseUrl}/v1/videos/image2video`, {
				method: 'POST',
				headers: { authorization: 'Bearer emulator-api-key', 'content-type': 'application/json' },
				body: JSON.stringify({
					model_name: 'kling-v2-6',
					image: makePng(400, 400).toString('base64'),
					prompt,
					callback_url: hookUrl,
					external_task_id: ext,
				}),
			}).then((r) => r.json() as Promise<{ data: { task_id: string } }>);
		const a = await create('fine', 'trigger-a');
		const b = await create('[fail] broken', 'trigger-b');
		const post = (body: string, headers: Record<string, string> = {}) =>
			fetch(hookUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body,
			});
		const evil = JSON.stringify({
			task_id: '424242',
			task_status: 'succeed',
			task_result: { videos: [{ id: 'x', url: 'http://127.0.0.1:9/evil.mp4' }] },
		});
		const sign = (body: string, ts: number, secret = SECRET) => ({
			'webhook-id': `msg_${ts}`,
			'webhook-timestamp': String(ts),
			'webhook-signature': KlingEmulator.sign(secret, `msg_${ts}`, ts, body),
		});
		const now = () => Math.floor(Date.now() / 1000);
		expect((await post(evil)).status).toBe(401); // unsigned
		expect(
			(
				await post(
					evil,
					sign(
						evil,
						now(),
						`whsec_${Buffer.from('some-other-secret-of-32-bytes-xx').toString('base64')}`,
					),
				)
			).status,
		).toBe(401);
		expect((await post(evil, sign(evil, now() - 3600))).status).toBe(401); // stale
		const deadline = Date.now() + 30_000;
		while (sink.received.length < 2 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 200));
		await new Promise((r) => setTimeout(r, 1500));
		const events = sink.received.map((e) => ({
			taskId: e.taskId,
			status: e.status,
			taskType: e.taskType,
		}));
		expect(events).toHaveLength(2);
		expect(events).toEqual(
			expect.arrayContaining([
				{ taskId: a.data.task_id, status: 'succeeded', taskType: 'image2video' },
				{ taskId: b.data.task_id, status: 'failed', taskType: 'image2video' },
			]),
		);
		expect(
			sink.received.every((e) => e.signatureVerified === true && e.confirmedWithApi === true),
		).toBe(true);
		// Kling's own final callback, delivered again (validly signed): the pair is known, nothing starts.
		const replay = JSON.stringify(emulator.callbackBody(a.data.task_id));
		expect((await post(replay, sign(replay, now()))).status).toBe(200);
		await new Promise((r) => setTimeout(r, 2000));
		expect(sink.received).toHaveLength(2);
		expect(JSON.stringify(sink.received)).not.toContain('evil.mp4');
		expect(emulator.snapshot().callbacksSent).toBeGreaterThanOrEqual(6);
		// Every API read was JWT-signed with the access key; the secrets stay out of n8n's log.
		const reads = emulator
			.snapshot()
			.requests.filter((r) => r.kind === 'query' || r.kind === 'list');
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((r) => r.auth === 'jwt')).toBe(true);
		for (const secret of ['emulator-secret-key', SECRET]) expect(n8n.log).not.toContain(secret);
	});
});
