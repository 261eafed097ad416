import { describe, expect, it } from 'vitest';

import { forgetCreatedTasks } from '../../nodes/shared/api/createdTasks.ts';

import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import {
	EMULATOR_API_KEY,
	binaryItem,
	legacyCredentials,
	makeContext,
} from '../support/context.mts';
import { JPEG, PNG, PNG_B64, createRequests, useEmulator } from '../support/emulator.mts';
import { makePng } from '../../emulator/media.mts';
import { I2V_BASE } from '../support/params.mts';
import { PROVIDER_CASES } from '../support/providers.mts';

const node = new KlingImage2Video();
const base = I2V_BASE;

describe('Kling Image to Video', () => {
	const env = useEmulator();

	function run(
		params: Record<string, unknown>,
		opts: Partial<Parameters<typeof makeContext>[0]> = {},
	) {
		const c = makeContext({
			params: { ...base, ...params },
			items: opts.items ?? [binaryItem(PNG)],
			credentials: legacyCredentials(env.base),
			...opts,
		});
		return { ...c, result: node.execute.call(c.ctx) };
	}

	const lastCreateBody = () => env.emulator.taskBody()!;

	it('generates from a binary PNG, waits, and returns the video as binary', async () => {
		const { result } = run({});
		const [[item]] = await result;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			status: 'succeeded',
			model: 'kling-v2-6',
			endpoint: 'image2video',
			// Kling 2.6, 720p, silent: 0.3 units per second (docs/reference/kling-api.md#models-and-prices).
			unitsDeducted: '1.5',
		});
		expect((item.json.videos as Array<{ url: string }>)[0].url).toMatch(/\/video\.mp4$/);
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(item.binary?.data.fileName).toBe(`kling-${item.json.taskId}.mp4`);
		const mp4 = Buffer.from(item.binary!.data.data, 'base64');
		expect(mp4.subarray(4, 8).toString('ascii')).toBe('ftyp');
		const body = lastCreateBody();
		expect(body.image).toBe(PNG_B64);
		expect(String(body.external_task_id)).toMatch(/^n8n-i2v-[0-9a-f]{24}-0$/);
		expect(env.emulator.snapshot().creates).toBe(1);
	});

	it('as a tool, a non-URL image gets an error the model can act on, and nothing is sent', async () => {
		const { result } = run({ image: 'photo.png' }, { isTool: true });
		// Returned, not thrown: a thrown error would end the agent's run instead of reaching the model.
		const [[item]] = await result;
		expect(item.json.error).toBe(
			'Image: must be a public https URL of a JPG or PNG image when this node runs as a tool; got "photo.png"',
		);
		expect(item.json.description).toBe('Nothing was sent to Kling, so nothing was charged.');
		expect(env.emulator.snapshot().createAttempts).toBe(0);
	});

	it('accepts a binary JPEG and a public URL', async () => {
		await run({}, { items: [binaryItem(JPEG, 'image/jpeg', 'in.jpg')] }).result;
		expect(lastCreateBody().image).toBe(JPEG.toString('base64'));
		await run({ image: 'https://example.com/cat.png' }, { items: [{ json: {} }] }).result;
		expect(lastCreateBody().image).toBe('https://example.com/cat.png');
	});

	it('maps every option to the exact request body', async () => {
		const { result } = run({
			options: {
				negativePrompt: 'blur',
				mode: 'pro',
				duration: '10',
				cfgScale: 0.3,
				sound: true,
				watermark: true,
				callbackUrl: 'https://hooks.example.com/kling',
				externalTaskId: 'my-ext-2',
				cameraControl: {
					settings: {
						type: 'simple',
						horizontal: 0,
						vertical: 0,
						pan: 5,
						tilt: 0,
						roll: 0,
						zoom: 0,
					},
				},
			},
		});
		await result;
		expect(lastCreateBody()).toEqual({
			model_name: 'kling-v2-6',
			prompt: 'A cat walks',
			negative_prompt: 'blur',
			image: PNG_B64,
			mode: 'pro',
			duration: '10',
			cfg_scale: 0.3,
			sound: 'on',
			watermark_info: { enabled: true },
			callback_url: 'https://hooks.example.com/kling',
			external_task_id: 'my-ext-2',
			camera_control: {
				type: 'simple',
				config: { horizontal: 0, vertical: 0, pan: 5, tilt: 0, roll: 0, zoom: 0 },
			},
		});
	});

	it('sends end frame, static mask and dynamic masks', async () => {
		const tail = makePng(400, 400, 9);
		await run(
			{ options: { endFrame: 'tail', mode: 'pro' } },
			{
				items: [
					{
						json: {},
						binary: {
							...binaryItem(PNG).binary,
							...binaryItem(tail, 'image/png', 't.png', 'tail').binary,
						},
					},
				],
			},
		).result;
		expect(lastCreateBody().image_tail).toBe(tail.toString('base64'));
		await run({
			options: {
				staticMask: 'https://e.com/s.png',
				dynamicMasks: { mask: [{ mask: 'https://e.com/m.png', trajectories: '1,2; 3,4; 5,6' }] },
			},
		}).result;
		expect(lastCreateBody()).toMatchObject({
			static_mask: 'https://e.com/s.png',
			dynamic_masks: [
				{
					mask: 'https://e.com/m.png',
					trajectories: [
						{ x: 1, y: 2 },
						{ x: 3, y: 4 },
						{ x: 5, y: 6 },
					],
				},
			],
		});
	});

	const bad: Array<[string, Record<string, unknown>, RegExp, unknown?]> = [
		[
			'too small image',
			{},
			/Image: the image is 200x200 px; Kling needs at least 300 px/,
			[binaryItem(makePng(200, 200))],
		],
		[
			'extreme aspect ratio',
			{},
			/Image: the aspect ratio 900:300 is outside the allowed range 1:2.5 to 2.5:1/,
			[binaryItem(makePng(900, 300))],
		],
		[
			'not an image',
			{},
			/Image: the file is not a JPG or PNG image/,
			[
				binaryItem(
					Buffer.from('GIF89a-not-really-an-image-but-long-enough'),
					'application/octet-stream',
				),
			],
		],
		[
			'non-image binary',
			{},
			/Image: binary field "data" is application\/pdf, not a JPG or PNG image/,
			[binaryItem(Buffer.from('%PDF'), 'application/pdf', 'x.pdf')],
		],
		[
			'missing binary field',
			{ image: 'photo' },
			/Image: the input item has no binary field "photo" \(it has: data\)/,
		],
		[
			'data: prefix',
			{ image: `data:image/png;base64,${PNG_B64}` },
			/Image: Base64 must be sent without a "data:image\/...;base64," prefix/,
		],
		['ftp url', { image: 'ftp://e.com/x.png' }, /Image: only http and https URLs can be used/],
		[
			'prompt too long',
			{ prompt: 'x'.repeat(2501) },
			/Prompt: is 2501 characters; Kling accepts at most 2500/,
		],
		[
			'negative prompt too long',
			{ options: { negativePrompt: 'x'.repeat(2501) } },
			/Negative Prompt: is 2501 characters/,
		],
		['cfg out of range', { options: { cfgScale: 1.5 } }, /CFG Scale: 1.5 is outside 0 to 1/],
		[
			'bad duration',
			{ options: { duration: '7' } },
			/Duration \(Seconds\): Kling 2.6 takes 5 or 10 seconds, not 7/,
		],
		['bad mode', { options: { mode: 'ultra' } }, /Mode: "ultra" is not allowed/],
		[
			'end frame + camera',
			{
				options: {
					endFrame: 'https://e.com/t.png',
					cameraControl: { settings: { type: 'simple', zoom: 2 } },
				},
			},
			/End Frame and Camera Control: Kling allows only one of End Frame, Motion Brush and Camera Control/,
		],
		[
			'end frame + motion brush',
			{ options: { endFrame: 'https://e.com/t.png', staticMask: 'https://e.com/s.png' } },
			/End Frame and Motion Brush/,
		],
		[
			'camera with two axes',
			{ options: { cameraControl: { settings: { type: 'simple', zoom: 2, pan: 1 } } } },
			/Camera Control: type Simple needs exactly one non-zero axis \(now pan, zoom\)/,
		],
		[
			'camera axis out of range',
			{ options: { cameraControl: { settings: { type: 'simple', zoom: 11 } } } },
			/Camera Control zoom: 11 is outside -10 to 10/,
		],
		[
			'trajectory too short',
			{
				options: { dynamicMasks: { mask: [{ mask: 'https://e.com/m.png', trajectories: '1,2' }] } },
			},
			/Dynamic Masks #1 Trajectory: has 1 point\(s\); Kling needs 2 to 77/,
		],
		[
			'too many mask groups',
			{
				options: {
					dynamicMasks: {
						mask: Array.from({ length: 7 }, () => ({
							mask: 'https://e.com/m.png',
							trajectories: '1,2;3,4',
						})),
					},
				},
			},
			/Dynamic Masks: has 7 groups; Kling accepts at most 6/,
		],
		[
			'bad callback url',
			{ options: { callbackUrl: 'javascript:alert(1)' } },
			/Callback URL: must be an http\(s\) URL/,
		],
		['empty model', { model: '' }, /Model: is empty/],
	];

	it.each(bad)('rejects %s before any request', async (_name, params, message, items) => {
		const { result, http } = run(params, items ? { items: items as never } : {});
		const error = await result.catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(message);
		expect(http).toHaveLength(0);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('stops bad input in item 2 before item 1 is sent', async () => {
		const { result, http } = run({}, { items: [binaryItem(PNG), binaryItem(makePng(100, 100))] });
		await expect(result).rejects.toThrow(/Image: the image is 100x100 px/);
		expect(http).toHaveLength(0);
	});

	it('fails only the failed item with continue on fail, naming the status message', async () => {
		const { result } = run(
			{ prompt: '={{item}}' },
			{
				params: (i: number) => ({ ...base, prompt: i === 1 ? 'breaks [fail]' : 'fine' }),
				items: [binaryItem(PNG), binaryItem(PNG), binaryItem(PNG)],
				continueOnFail: true,
			},
		);
		const [out] = await result;
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.status).toBe('succeeded');
		expect(out[1].json.error).toMatch(/failed: Failure to pass the risk control system/);
		expect(out[1].json.taskId).toBeTruthy();
		expect(out[2].json.status).toBe('succeeded');
	});

	it('without continue on fail, a failed task fails the node', async () => {
		const { result } = run({ prompt: 'breaks [fail]' });
		await expect(result).rejects.toThrow(/Kling task \d+ failed/);
	});

	it('a Kling error carries code, meaning and request id, and no key', async () => {
		const { result } = run({ model: 'kling-v1' }, { continueOnFail: true });
		const [[item]] = await result;
		expect(item.json.error).toMatch(
			/Kling error 1203: model retired or not available on this endpoint/,
		);
		expect(item.json.code).toBe(1203);
		expect(item.json.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(JSON.stringify(item.json)).not.toContain(EMULATOR_API_KEY);
	});

	it("returns the submitted task at once with Don't Wait", async () => {
		const { result } = run({ wait: 'none' });
		const [[item]] = await result;
		expect(item.json.status).toBe('submitted');
		expect(item.binary).toBeUndefined();
		expect(env.emulator.snapshot().pollsByTask).toEqual({});
	});

	it('reports a timeout with the task id and last status', async () => {
		const { result } = run({ prompt: 'slow [ms=200000]', waitTimeout: 0.02 });
		const error = await result.catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toMatch(
			/Task \d+ did not finish within the wait timeout \(last status: processing\)/,
		);
		expect((error as { description: string }).description).toMatch(
			/Get Task operation \(task ID \d+, external task ID n8n-/,
		);
	});

	it('stops at once when the execution is cancelled', async () => {
		const controller = new AbortController();
		const { result } = run({ prompt: 'slow [ms=200000]' }, { signal: controller.signal });
		setTimeout(() => controller.abort(), 300);
		const started = Date.now();
		await expect(result).rejects.toThrow(/cancelled/);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('Get Task by task id and by external id, with and without download', async () => {
		const first = await run({ options: { externalTaskId: 'pick-me-up' }, wait: 'none' }).result;
		const taskId = first[0][0].json.taskId as string;
		const byId = await run({ operation: 'getTask', lookupBy: 'taskId', taskId }).result;
		expect(byId[0][0].json).toMatchObject({
			taskId,
			status: 'succeeded',
			externalTaskId: 'pick-me-up',
		});
		expect(byId[0][0].binary?.data.mimeType).toBe('video/mp4');
		const byExt = await run({
			operation: 'getTask',
			lookupBy: 'externalTaskId',
			taskId: 'pick-me-up',
			downloadResult: false,
		}).result;
		expect(byExt[0][0].json.taskId).toBe(taskId);
		expect(byExt[0][0].binary).toBeUndefined();
		expect(env.emulator.snapshot().creates).toBe(1);
	});

	it('1303 back-pressure: 10 items, account limit 3, peak never above 3, no duplicates', async () => {
		env.emulator.reset({ concurrency: 3, videoTaskMs: 400, submittedMs: 50 });
		const items = Array.from({ length: 10 }, () => binaryItem(PNG));
		const { result } = run({ options: { maxConcurrency: 10 } }, { items });
		const [out] = await result;
		expect(out).toHaveLength(10);
		expect(out.every((o) => o.json.status === 'succeeded')).toBe(true);
		expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
		]);
		const stats = env.emulator.snapshot();
		expect(stats.peakConcurrency).toBeLessThanOrEqual(3);
		expect(stats.creates).toBe(10);
		expect(stats.duplicateCreates).toBe(0);
		expect(Object.values(stats.createsByExternalId).every((n) => n === 1)).toBe(true);
		expect(stats.rejectedCreates[1303] ?? 0).toBeGreaterThan(0);
	});

	it('one create per item even when creates and polls are hit by faults', async () => {
		env.emulator.reset({
			enforceUniqueExternalId: false,
			videoTaskMs: 300,
			submittedMs: 50,
			faults: [
				{ stage: 'create', kind: '5000-after-create', count: 2 },
				{ stage: 'create', kind: 'reset', count: 1 },
				{ stage: 'query', kind: 'html-502', count: 2 },
				{ stage: 'download', kind: 'reset', count: 1 },
			],
		});
		const items = Array.from({ length: 4 }, () => binaryItem(PNG));
		const [out] = await run({}, { items }).result;
		expect(out.every((o) => o.json.status === 'succeeded' && o.binary?.data)).toBe(true);
		const stats = env.emulator.snapshot();
		expect(stats.creates).toBe(4);
		expect(stats.duplicateCreates).toBe(0);
	});

	it('run again with the same External Task IDs (after a lost run), it waits for the tasks Kling has instead of paying again', async () => {
		env.emulator.reset({ videoTaskMs: 300, submittedMs: 50, enforceUniqueExternalId: true });
		const runWith = (wait: string) =>
			node.execute.call(
				makeContext({
					params: (i) => ({ ...base, wait, options: { externalTaskId: `order-${i}` } }),
					items: [binaryItem(PNG), binaryItem(PNG)],
					credentials: legacyCredentials(env.base),
				}).ctx,
			);
		// The first run is cut off after submitting (a worker lost): Don't Wait stands in for it,
		// and the run again happens in another n8n process, which knows nothing of those creates.
		const [first] = await runWith('none');
		forgetCreatedTasks();
		const [again] = await runWith('poll');
		expect(again.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded']);
		expect(again.map((i) => i.json.taskId)).toEqual(first.map((i) => i.json.taskId));
		expect(again[0].binary?.data.mimeType).toBe('video/mp4');
		const stats = env.emulator.snapshot();
		expect(stats.creates).toBe(2);
		// Kling refused the second creates (1201, free); the node found the tasks by their IDs.
		expect(stats.rejectedCreates['1201']).toBe(2);
	});

	it('a retry in the same process (Retry On Fail) on a relay that cannot find tasks by external ID nor refuses duplicates: no second create', async () => {
		const comet = PROVIDER_CASES.find((p) => p.id === 'cometapi')!;
		env.emulator.reset({
			videoTaskMs: 300,
			submittedMs: 50,
			enforceUniqueExternalId: false,
			relay: comet.relay,
		});
		// One execution, one node run: n8n's Retry On Fail calls execute again with the same context.
		const { ctx } = makeContext({
			params: { ...base, wait: 'poll' },
			items: [binaryItem(PNG), binaryItem(PNG)],
			credentials: comet.credentials(env.base),
		});
		const attempt = () => node.execute.call(ctx);
		// The first attempt fails after its creates (its downloads are refused); n8n runs it again.
		env.emulator.configure({ faults: [{ stage: 'download', kind: 'html-403', count: 1 }] });
		await expect(attempt()).rejects.toThrow(/HTTP 403/);
		const [again] = await attempt();
		expect(again.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded']);
		expect(env.emulator.snapshot().creates).toBe(2);
	});
});
