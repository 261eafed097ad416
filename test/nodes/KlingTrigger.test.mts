import type { IWebhookFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingTrigger } from '../../nodes/KlingTrigger/KlingTrigger.node.ts';
import { verifyStandardWebhook } from '../../nodes/shared/callbacks/signature.ts';
import { normalizeTask } from '../../nodes/shared/api/task.ts';
import { PRODUCTS, productById } from '../../nodes/shared/products/registry.ts';
import { generatedExternalId, rememberCreated } from '../../nodes/shared/api/createdTasks.ts';
import { KlingEmulator } from '../../emulator/server.mts';
import { emulatorCredentials, makeWebhookContext } from '../support/context.mts';
import { PNG_B64, useEmulator } from '../support/emulator.mts';

const VECTOR = {
	secret: 'whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0MTI=',
	id: '9876543210',
	ts: 1781080794,
	body: '{"id":"1234567890","status":"succeeded","message":"","create_time":1781080778802,"update_time":1781080794151}',
	signature: 'v1,UsKlJP00XoQyOn410NM9xv34sP+Gl0jnOO9Lcpr7NJ4=',
};
const headers = (signature: string, ts = VECTOR.ts, id = VECTOR.id) => ({
	'webhook-id': id,
	'webhook-timestamp': String(ts),
	'webhook-signature': signature,
});

describe('Standard Webhooks signature', () => {
	it("accepts the vendor's own test vector", () => {
		expect(
			verifyStandardWebhook(VECTOR.secret, headers(VECTOR.signature), VECTOR.body, VECTOR.ts + 10),
		).toEqual({ ok: true, webhookId: VECTOR.id });
	});
	it('rejects a wrong secret, a changed body, a stale timestamp and missing headers', () => {
		const other = 'whsec_' + Buffer.from('another-secret-another-secret!!').toString('base64');
		expect(verifyStandardWebhook(other, headers(VECTOR.signature), VECTOR.body, VECTOR.ts).ok).toBe(
			false,
		);
		expect(
			verifyStandardWebhook(
				VECTOR.secret,
				headers(VECTOR.signature),
				VECTOR.body.replace('succeeded', 'failed'),
				VECTOR.ts,
			).ok,
		).toBe(false);
		expect(
			verifyStandardWebhook(VECTOR.secret, headers(VECTOR.signature), VECTOR.body, VECTOR.ts + 301),
		).toEqual({ ok: false, reason: 'webhook-timestamp outside the 5 minute window' });
		expect(verifyStandardWebhook(VECTOR.secret, {}, VECTOR.body, VECTOR.ts).ok).toBe(false);
	});
	it('accepts a rotated header with several signatures when one matches', () => {
		const rotated = `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${VECTOR.signature}`;
		expect(verifyStandardWebhook(VECTOR.secret, headers(rotated), VECTOR.body, VECTOR.ts).ok).toBe(
			true,
		);
		expect(
			verifyStandardWebhook(VECTOR.secret, headers('v1,AAAA v2,xyz'), VECTOR.body, VECTOR.ts).ok,
		).toBe(false);
	});
	it('matches what the emulator signs', () => {
		const ts = Math.floor(Date.now() / 1000);
		const sig = KlingEmulator.sign(VECTOR.secret, 'abc', ts, '{"a":1}');
		expect(verifyStandardWebhook(VECTOR.secret, headers(sig, ts, 'abc'), '{"a":1}', ts).ok).toBe(
			true,
		);
	});
});

describe('callback body shapes', () => {
	it('normalises the legacy task object, with and without the envelope', () => {
		const legacy = {
			task_id: 't1',
			task_status: 'succeed',
			task_status_msg: '',
			task_info: { external_task_id: 'e1' },
			final_unit_deduction: '1',
			created_at: 1,
			updated_at: 2,
			task_result: { videos: [{ id: 'v', url: 'https://cdn/v.mp4', duration: '5.1' }] },
		};
		const plain = normalizeTask(legacy);
		expect(plain).toMatchObject({
			taskId: 't1',
			externalTaskId: 'e1',
			status: 'succeeded',
			unitsDeducted: '1',
			videos: [{ id: 'v', url: 'https://cdn/v.mp4', duration: '5.1' }],
		});
		expect(normalizeTask({ code: 0, message: 'ok', request_id: 'r', data: legacy })).toEqual(plain);
	});
	it('normalises the new-standard shape', () => {
		const task = normalizeTask({
			id: 'n1',
			status: 'succeeded',
			message: '',
			external_id: 'x',
			create_time: 5,
			update_time: 6,
			outputs: [
				{ type: 'image', url: 'https://cdn/a.png' },
				{ type: 'video', id: 'v', url: 'https://cdn/b.mp4', duration: '5' },
			],
			billing: [{ charge_type: 'unit', amount: '16' }],
		});
		expect(task).toMatchObject({
			taskId: 'n1',
			externalTaskId: 'x',
			status: 'succeeded',
			unitsDeducted: '16',
			images: [{ index: 0, url: 'https://cdn/a.png' }],
			videos: [{ id: 'v', url: 'https://cdn/b.mp4' }],
		});
	});
	it('ignores what is not a task', () => {
		expect(normalizeTask({ hello: 'world' })).toBeUndefined();
		expect(normalizeTask({ task_id: 'x', task_status: 'weird' })).toBeUndefined();
	});
});

describe('Kling Trigger webhook', () => {
	const env = useEmulator({ videoTaskMs: 100, submittedMs: 20 });
	const trigger = new KlingTrigger();

	async function finishedTask(prompt = 'p') {
		const r = await fetch(`${env.base}/v1/videos/image2video`, {
			method: 'POST',
			headers: { authorization: 'Bearer emulator-api-key', 'content-type': 'application/json' },
			body: JSON.stringify({
				model_name: 'kling-v2-6',
				image: PNG_B64,
				prompt,
				external_task_id: `x-${Math.random()}`,
			}),
		});
		const id = ((await r.json()) as { data: { task_id: string } }).data.task_id;
		await new Promise((done) => setTimeout(done, 200));
		const view = await fetch(`${env.base}/v1/videos/image2video/${id}`, {
			headers: { authorization: 'Bearer emulator-api-key' },
		});
		return ((await view.json()) as { data: Record<string, unknown> }).data;
	}

	const call = (body: unknown, extra: Partial<Parameters<typeof makeWebhookContext>[0]> = {}) => {
		const w = makeWebhookContext({
			body,
			credentials: emulatorCredentials(env.base),
			params: { statuses: ['succeeded', 'failed'], options: { confirmWithApi: true } },
			...extra,
		});
		return { ...w, result: trigger.webhook.call(w.ctx as IWebhookFunctions) };
	};

	it('emits the API version of a finished task, once, and answers 200', async () => {
		const task = await finishedTask();
		const staticData = {};
		const first = call(task, { staticData });
		const out = await first.result;
		expect(first.response.status).toBe(200);
		expect(out.workflowData?.[0][0].json).toMatchObject({
			taskId: task.task_id,
			status: 'succeeded',
			taskType: 'image2video',
			confirmedWithApi: true,
			deliveryKey: `${task.task_id}:succeeded`,
		});
		const again = await call(task, { staticData }).result;
		expect(again.workflowData).toBeUndefined();
	});

	it('confirms a new-standard callback (bare task object) through /tasks, with its task type unknown', async () => {
		const r = await fetch(`${env.base}/image-to-video/kling-3.0`, {
			method: 'POST',
			headers: { authorization: 'Bearer emulator-api-key', 'content-type': 'application/json' },
			body: JSON.stringify({
				contents: [{ type: 'first_frame', url: PNG_B64 }],
				options: { external_task_id: `n-${Math.random()}` },
			}),
		});
		const id = ((await r.json()) as { data: { id: string } }).data.id;
		await new Promise((done) => setTimeout(done, 400));
		const body = env.emulator.callbackBody(id)!;
		expect(body).toMatchObject({ id, status: 'succeeded' });
		const out = await call(body, { staticData: {} }).result;
		expect(out.workflowData?.[0][0].json).toMatchObject({
			taskId: id,
			status: 'succeeded',
			taskType: null,
			confirmedWithApi: true,
		});
		const reads = env.emulator.snapshot().requests.filter((q) => q.kind === 'query');
		expect(reads.map((q) => q.path)).toEqual(['/tasks']);
		// A forged new-shape body for a task this account does not have starts nothing.
		const forged = await call(
			{ ...body, id: '123456789012345678', external_id: 'not-mine' },
			{ staticData: {} },
		).result;
		expect(forged.workflowData).toBeUndefined();
	});

	it('confirms a try-on callback through the solutions family, where /tasks does not show it, and knows its type', async () => {
		const r = await fetch(`${env.base}/solutions/virtual_try_on`, {
			method: 'POST',
			headers: { authorization: 'Bearer emulator-api-key', 'content-type': 'application/json' },
			body: JSON.stringify({
				contents: [
					{ type: 'product_image', url: 'https://cdn.example.com/dress.png' },
					{ type: 'person_image', url: 'https://cdn.example.com/person.png' },
				],
			}),
		});
		const id = ((await r.json()) as { data: { task_id: string } }).data.task_id;
		let body = env.emulator.callbackBody(id)!;
		for (let i = 0; i < 100 && body.status !== 'succeed'; i++) {
			await new Promise((done) => setTimeout(done, 50));
			body = env.emulator.callbackBody(id)!;
		}
		expect(body).toMatchObject({ id, status: 'succeed' });
		const out = await call(body, { staticData: {} }).result;
		expect(out.workflowData?.[0][0].json).toMatchObject({
			taskId: id,
			status: 'succeeded',
			taskType: 'virtualTryOn',
			confirmedWithApi: true,
		});
		const reads = env.emulator.snapshot().requests.filter((q) => q.kind === 'query');
		expect(reads.map((q) => q.path)).toEqual(['/tasks', '/solutions']);
	});

	it("two callbacks handled at once cannot erase each other's record, so a later repeat starts nothing", async () => {
		// n8n loads the static data afresh for each webhook call and saves it when the call returns:
		// both calls below start from the same empty copy, and the last save wins.
		const [a, b] = await Promise.all([finishedTask(), finishedTask()]);
		const copyA = {};
		const copyB = {};
		const [outA, outB] = await Promise.all([
			call(a, { staticData: copyA, workflowId: 'wf-race' }).result,
			call(b, { staticData: copyB, workflowId: 'wf-race' }).result,
		]);
		expect([outA.workflowData?.[0][0].json.taskId, outB.workflowData?.[0][0].json.taskId]).toEqual([
			a.task_id,
			b.task_id,
		]);
		const saved = JSON.parse(JSON.stringify(copyB));
		expect(
			(await call(a, { staticData: saved, workflowId: 'wf-race' }).result).workflowData,
		).toBeUndefined();
		// The same pair delivered twice at the same moment starts one execution.
		const c = await finishedTask();
		const twice = await Promise.all([
			call(c, { staticData: {}, workflowId: 'wf-race' }).result,
			call(c, { staticData: {}, workflowId: 'wf-race' }).result,
		]);
		expect(twice.filter((o) => o.workflowData)).toHaveLength(1);
	});

	it('a forged body cannot inject a status or a result URL', async () => {
		const task = await finishedTask('[fail] goes wrong');
		const forged = {
			...task,
			task_status: 'succeed',
			task_result: { videos: [{ id: 'x', url: 'http://attacker.example/evil.mp4' }] },
		};
		const out = await call(forged).result;
		expect(out.workflowData?.[0][0].json).toMatchObject({ status: 'failed', videos: [] });
		expect(JSON.stringify(out)).not.toContain('attacker');
	});

	it('a task the account does not have starts nothing', async () => {
		const out = await call({
			task_id: '999',
			task_status: 'succeed',
			task_result: { videos: [{ url: 'http://attacker.example/x.mp4' }] },
		}).result;
		expect(out.workflowData).toBeUndefined();
	});

	it('filters statuses and task types', async () => {
		const task = await finishedTask();
		expect(
			(
				await call(task, { params: { statuses: ['failed'], options: { confirmWithApi: true } } })
					.result
			).workflowData,
		).toBeUndefined();
		expect(
			(
				await call(task, {
					params: {
						statuses: ['succeeded'],
						taskTypes: ['multiImage2image'],
						options: { confirmWithApi: true },
					},
				}).result
			).workflowData,
		).toBeUndefined();
	});

	it('rejects a missing or bad signature with 401 when a secret is set, and accepts a good one', async () => {
		const secret = VECTOR.secret;
		const task = await finishedTask();
		const raw = JSON.stringify(task);
		const creds = emulatorCredentials(env.base, { webhookSecret: secret });
		const missing = call(task, { credentials: creds, rawBody: raw });
		expect((await missing.result).workflowData).toBeUndefined();
		expect(missing.response.status).toBe(401);
		const ts = Math.floor(Date.now() / 1000);
		const stale = call(task, {
			credentials: creds,
			rawBody: raw,
			headers: headers(KlingEmulator.sign(secret, 'w1', ts - 400, raw), ts - 400, 'w1'),
		});
		expect((await stale.result).workflowData).toBeUndefined();
		expect(stale.response.status).toBe(401);
		const good = call(task, {
			credentials: creds,
			rawBody: raw,
			headers: headers(KlingEmulator.sign(secret, 'w2', ts, raw), ts, 'w2'),
		});
		const out = await good.result;
		expect(good.response.status).toBe(200);
		expect(out.workflowData?.[0][0].json.signatureVerified).toBe(true);
	});

	it('downloads the result when asked', async () => {
		const task = await finishedTask();
		const out = await call(task, {
			params: {
				statuses: ['succeeded'],
				options: { confirmWithApi: true, downloadResult: true, binaryPropertyOutput: 'video' },
			},
		}).result;
		expect(out.workflowData?.[0][0].binary?.video.mimeType).toBe('video/mp4');
	});
});

describe('Kling Trigger task types on the new standard', () => {
	const env = useEmulator({ videoTaskMs: 100, submittedMs: 20 });
	const trigger = new KlingTrigger();
	const BATCH = '0123456789abcdef01234567';

	/** A finished new-standard task with this external ID, as /tasks (and its callback) shows it. */
	async function newStandardTask(path: string, externalId: string, contents: unknown[]) {
		const auth = { authorization: 'Bearer emulator-api-key' };
		const r = await fetch(`${env.base}${path}`, {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({ contents, options: { external_task_id: externalId } }),
		});
		const id = ((await r.json()) as { data: { id: string } }).data.id;
		// Read until finished: the callback the trigger gets is the finished task.
		for (;;) {
			const view = await fetch(`${env.base}/tasks?task_ids=${id}`, { headers: auth });
			const task = ((await view.json()) as { data: Array<Record<string, unknown>> }).data[0];
			if (task.status === 'succeeded') return task;
			await new Promise((done) => setTimeout(done, 20));
		}
	}
	const i2v = (externalId: string) =>
		newStandardTask('/image-to-video/kling-2.6', externalId, [
			{ type: 'first_frame', url: PNG_B64 },
		]);
	const omni = (externalId: string) =>
		newStandardTask('/omni-video/kling-3.0-omni', externalId, [
			{ type: 'prompt', text: 'p' },
			{ type: 'refer_image', url: PNG_B64, id: 'image_1' },
		]);
	const call = async (body: unknown, params: Record<string, unknown>) => {
		const w = makeWebhookContext({
			body,
			credentials: emulatorCredentials(env.base),
			params: { statuses: ['succeeded'], ...params },
		});
		const out = await trigger.webhook.call(w.ctx as IWebhookFunctions);
		return out.workflowData?.[0][0].json;
	};

	it('knows the type of a task the package created from its external task ID, and filters on it', async () => {
		const task = await omni(generatedExternalId(productById('multiImage2video')!, BATCH, 0));
		expect(await call(task, {})).toMatchObject({ taskType: 'multiImage2video' });
		// Omni-video also serves Text to Video: the task alone could not tell them apart.
		expect(await call(task, { taskTypes: ['text2video'] })).toBeUndefined();
		const image = await i2v(generatedExternalId(productById('image2video')!, BATCH, 1));
		expect(await call(image, { taskTypes: ['image2video'] })).toMatchObject({
			taskType: 'image2video',
		});
	});

	it('passes a task of unknown type by default, with taskType null, and drops it when asked', async () => {
		const task = await i2v('my-own-id-1');
		expect(await call(task, { taskTypes: ['text2video'] })).toMatchObject({ taskType: null });
		expect(
			await call(task, { taskTypes: ['text2video'], options: { unknownTaskTypes: 'drop' } }),
		).toBeUndefined();
	});

	it("in the process that created it, knows the type of a task with the user's own external ID", async () => {
		const task = await i2v('my-own-id-2');
		rememberCreated(String(task.id), 'image2video');
		expect(await call(task, { options: { unknownTaskTypes: 'drop' } })).toMatchObject({
			taskType: 'image2video',
		});
	});
});

describe('Kling Trigger task types', () => {
	it('offers, and by default listens to, every task product, Text to Video included; not the synchronous ones', () => {
		const property = new KlingTrigger().description.properties.find((p) => p.name === 'taskTypes')!;
		const offered = (property.options as Array<{ value: string }>).map((o) => o.value).sort();
		expect(offered).toEqual(
			PRODUCTS.filter((p) => p.call === 'task')
				.map((p) => p.id)
				.sort(),
		);
		expect(offered).toEqual(expect.arrayContaining(['text2video', 'lipSync', 'motionControl']));
		// Text to speech answers at once: Kling calls nothing back for it.
		expect(offered).not.toContain('textToSpeech');
		expect([...(property.default as string[])].sort()).toEqual(offered);
	});
});
