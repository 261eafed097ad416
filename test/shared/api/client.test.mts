import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { KlingClient } from '../../../nodes/shared/api/client.ts';
import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import { KlingEmulator, type FaultRule } from '../../../emulator/server.mts';
import { makePng } from '../../../emulator/media.mts';
import { EMULATOR_API_KEY, emulatorCredentials, makeContext } from '../../support/context.mts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';

const FAST = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 };
/** The legacy image-to-video route, as chooseRoute gives it for Kling 2.6 on the legacy standard. */
const I2V: TaskRoute = {
	product: image2video,
	standard: 'legacy',
	legacy: image2video.endpoints.legacy[0],
	model: 'kling-v2-6',
};
const IMAGE = makePng(400, 400).toString('base64');

describe('transport against the emulator', () => {
	const emulator = new KlingEmulator({ videoTaskMs: 400, submittedMs: 50 });
	let base = '';
	beforeAll(async () => {
		base = await emulator.start();
	});
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	async function client(extra = {}) {
		const { ctx, http } = makeContext({
			params: {},
			credentials: emulatorCredentials(base, extra),
		});
		return { client: await KlingClient.connect(ctx, FAST), http };
	}

	const body = (ext: string) => ({
		model_name: 'kling-v2-6',
		image: IMAGE,
		prompt: 'p',
		external_task_id: ext,
	});

	it('creates a task and reads it back by id and by external id', async () => {
		const { client: c, http } = await client();
		const created = await c.tryCreate(I2V, body('ext-1'));
		expect(created.status).toBe('created');
		if (created.status !== 'created') return;
		const byId = await c.getTask(I2V, created.task.taskId);
		expect(byId.externalTaskId).toBe('ext-1');
		const byExt = await c.findByExternalId(I2V, 'ext-1');
		expect(byExt?.taskId).toBe(created.task.taskId);
		expect(await c.findByExternalId(I2V, 'nope')).toBeUndefined();
		// Every request hands n8n the credentials connect read, so it does not read them again.
		expect(http.length).toBeGreaterThanOrEqual(4);
		expect(http.every((e) => e.credentialsPassed)).toBe(true);
	});

	it('a list read reaches past the newer tasks still running (Kling lists newest first)', async () => {
		emulator.reset({ concurrency: 100 });
		const { client: c, http } = await client();
		const ids: string[] = [];
		for (let i = 0; i < 30; i++) {
			const created = await c.tryCreate(I2V, body(`page-${i}`));
			if (created.status === 'created') ids.push(created.task.taskId);
		}
		const due = ids.slice(0, 3);
		// A page sized to the due tasks alone (3 + 20) holds only the 23 newest: they are not on it.
		expect((await c.readMany(I2V, due, 'taskId'))?.length).toBe(0);
		const reads = http.length;
		const found = await c.readMany(I2V, due, 'taskId', ids.length);
		expect(found?.map((t) => t.taskId).sort()).toEqual([...due].sort());
		expect(http.length - reads).toBe(1);
	});

	it.each<FaultRule['kind']>(['5000-after-create', '5002-after-create', 'reset'])(
		'a create hit by %s yields exactly one task (lookup before resubmit)',
		async (kind) => {
			// Kling's own uniqueness rule is off, so only the transport's lookup prevents a duplicate.
			emulator.reset({
				enforceUniqueExternalId: false,
				faults: [{ stage: 'create', kind, count: 1 }],
			});
			const { client: c } = await client();
			const created = await c.tryCreate(I2V, body(`ext-${kind}`));
			expect(created).toMatchObject({ status: 'created', recovered: true });
			const stats = emulator.snapshot();
			expect(stats.creates).toBe(1);
			expect(stats.duplicateCreates).toBe(0);
			expect(stats.faultsInjected[kind]).toBe(1);
		},
	);

	it('resubmits a create that certainly failed before acceptance (1302, 429)', async () => {
		emulator.reset({
			faults: [
				{ stage: 'create', kind: '1302', count: 2 },
				{ stage: 'create', kind: '429', count: 1 },
			],
		});
		const { client: c } = await client();
		const created = await c.tryCreate(I2V, body('ext-rl'));
		expect(created).toMatchObject({ status: 'created', recovered: false });
		expect(emulator.snapshot().createAttempts).toBe(4);
		expect(emulator.snapshot().creates).toBe(1);
	});

	it('reports busy on 1303 instead of retrying blindly', async () => {
		emulator.reset({ faults: [{ stage: 'create', kind: '1303', count: 1 }] });
		const { client: c } = await client();
		const outcome = await c.tryCreate(I2V, body('ext-busy'));
		expect(outcome.status).toBe('busy');
		expect(emulator.snapshot().creates).toBe(0);
	});

	it.each([
		['1102', /Kling error 1102: resource pack exhausted or expired/],
		['1304', /Kling error 1304: request refused by the IP whitelist policy/],
		['html-403', /HTTP 403/],
	] as const)(
		'does not send a create again after %s (an account refusal or a gateway 4xx page)',
		async (kind, expected) => {
			emulator.reset({ faults: [{ stage: 'create', kind }] });
			const { client: c } = await client();
			const error = await c.tryCreate(I2V, body(`ext-${kind}`)).catch((e: Error) => e);
			expect((error as Error).message).toMatch(expected);
			const attempts = emulator.snapshot().requests.filter((r) => r.kind === 'create');
			expect(attempts).toHaveLength(1);
		},
	);

	it('waits at least 1 s before the first retry (Kling asks for it after 1303)', () => {
		const { ctx } = makeContext({ params: {}, credentials: emulatorCredentials(base) });
		return KlingClient.connect(ctx).then((c) => {
			const first = Array.from({ length: 200 }, () => c.backoffMs(1));
			expect(Math.min(...first)).toBeGreaterThanOrEqual(1000);
			expect(Math.max(...first)).toBeLessThanOrEqual(1500);
		});
	});

	it('retries reads through 429, HTML 502, malformed JSON and resets', async () => {
		const { client: c } = await client();
		const created = await c.tryCreate(I2V, body('ext-read'));
		if (created.status !== 'created') throw new Error('create failed');
		emulator.configure({
			faults: [
				{ stage: 'query', kind: '429', count: 1 },
				{ stage: 'query', kind: 'html-502', count: 1 },
				{ stage: 'query', kind: 'malformed', count: 1 },
				{ stage: 'query', kind: 'reset', count: 1 },
			],
		});
		const task = await c.getTask(I2V, created.task.taskId);
		expect(task.taskId).toBe(created.task.taskId);
		expect(emulator.snapshot().faultsInjected).toMatchObject({
			'429': 1,
			'html-502': 1,
			malformed: 1,
			reset: 1,
		});
	});

	it('turns a rejected create into an error with code, meaning and request id, and no secret', async () => {
		const { client: c } = await client();
		const error = await c
			.tryCreate(I2V, { ...body('ext-bad'), model_name: 'kling-v1' })
			.catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message} ${(error as { description?: string }).description}`;
		expect(text).toMatch(/Kling error 1203: model retired or not available/);
		expect(text).toMatch(/request id [0-9a-f-]{36}/);
		expect(text).not.toContain(EMULATOR_API_KEY);
		expect(emulator.snapshot().creates).toBe(0);
	});

	it('gives a readable error for a persistent gateway page', async () => {
		emulator.reset({ faults: [{ stage: 'query', kind: 'html-502' }] });
		const { client: c } = await client();
		const error = await c.getTask(I2V, 'x').catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/HTTP 502 with an HTML page: ".*" \(a gateway or CDN answer/,
		);
		expect(emulator.snapshot().faultsInjected['html-502']).toBe(6);
	});

	it("reads a cut-off 404 by Kling's code in it: no such task, not a gateway page to retry", async () => {
		emulator.reset({ faults: [{ stage: 'query', kind: 'truncated-404' }] });
		const { client: c } = await client();
		const error = await c.getTask(I2V, 'x').catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/^Kling error 1203: .*\(Kling says: "Task not found by id"\).*; it arrived as a body that is not complete JSON/,
		);
		expect(emulator.snapshot().faultsInjected['truncated-404']).toBe(1);
		expect(await c.findTask(I2V, 'x')).toBeUndefined();
	});

	it('authenticates with access key + secret key (JWT) end to end', async () => {
		const { client: c, http } = await client({
			authMode: 'accessKey',
			accessKey: 'emulator-access-key',
			secretKey: 'emulator-secret-key',
		});
		const created = await c.tryCreate(I2V, body('ext-jwt'));
		expect(created.status).toBe('created');
		expect(http[0].authorization).toMatch(/^Bearer eyJ/);
	});

	it.each([
		['official, API key', {}, '/v1/videos/image2video'],
		[
			'official, access key + secret key',
			{ authMode: 'accessKey', accessKey: 'emulator-access-key', secretKey: 'emulator-secret-key' },
			'/v1/videos/image2video',
		],
		['CometAPI', { provider: 'cometapi' }, '/kling/v1/videos/image2video'],
		['QuickRouter', { provider: 'quickrouter' }, '/kling/v1/videos/image2video'],
		['custom relay', { provider: 'custom' }, '/kling/v1/videos/image2video'],
	])('works against every provider kind: %s', async (_name, extra, path) => {
		const creds =
			(extra as { provider?: string }).provider === 'custom'
				? { ...extra, baseUrl: `${base}/kling` }
				: extra;
		const { client: c, http } = await client(creds);
		const created = await c.tryCreate(I2V, body(`ext-provider-${Math.random()}`));
		if (created.status !== 'created') throw new Error('not created');
		expect((await c.getTask(I2V, created.task.taskId)).taskId).toBe(created.task.taskId);
		expect(http[0].url).toBe(`${base}${path}`);
		expect(http[1].url).toBe(`${base}${path}/${created.task.taskId}`);
	});

	it('stops waiting at once when the execution is cancelled', async () => {
		emulator.reset({ faults: [{ stage: 'query', kind: '1302' }] });
		const controller = new AbortController();
		const { ctx } = makeContext({
			params: {},
			credentials: emulatorCredentials(base),
			signal: controller.signal,
		});
		const c = await KlingClient.connect(ctx, { baseDelayMs: 10_000, maxDelayMs: 10_000 });
		const started = Date.now();
		setTimeout(() => controller.abort(), 100);
		const error = await c.getTask(I2V, 'x').catch((e: Error) => e);
		expect((error as Error).message).toMatch(/cancelled/);
		expect(Date.now() - started).toBeLessThan(3000);
	});
});
