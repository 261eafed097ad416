import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { KlingText2Video } from '../../nodes/KlingText2Video/KlingText2Video.node.ts';
import { KlingMultiImage2Image } from '../../nodes/KlingMultiImage2Image/KlingMultiImage2Image.node.ts';
import { KlingMultiImage2Video } from '../../nodes/KlingMultiImage2Video/KlingMultiImage2Video.node.ts';
import {
	EMULATOR_ACCESS_KEY,
	EMULATOR_SECRET_KEY,
	emulatorCredentials,
	makeContext,
	makeWebhookContext,
} from '../support/context.mts';
import {
	createRequests,
	JPEG_B64,
	PNG_B64,
	TWO_IMAGES,
	useEmulator,
} from '../support/emulator.mts';
import { POLLING } from '../support/params.mts';

/**
 * Each node on each API standard against the emulator: the body each standard documents,
 * polling, Get Task by task ID and by external task ID, and the downloaded result.
 */
const nodes = {
	t2v: new KlingText2Video(),
	i2v: new KlingImage2Video(),
	m2v: new KlingMultiImage2Video(),
	m2i: new KlingMultiImage2Image(),
};

describe('the nodes on both API standards', () => {
	const env = useEmulator();
	const newStandard = () => emulatorCredentials(env.base);
	const accessKey = () =>
		emulatorCredentials(env.base, {
			authMode: 'accessKey',
			accessKey: EMULATOR_ACCESS_KEY,
			secretKey: EMULATOR_SECRET_KEY,
		});
	const run = async (
		node: keyof typeof nodes,
		params: IDataObject,
		credentials: IDataObject,
		items = [TWO_IMAGES],
	) => {
		const c = makeContext({ params: { ...POLLING, ...params }, items, credentials });
		return await nodes[node].execute.call(c.ctx);
	};
	const lastCreate = () => createRequests(env.emulator).pop()!;
	const credentialsBy = { 'API key': newStandard, 'access key': accessKey };

	it('Image to Video, Kling 3.0 on the new standard: contents, settings, options; video out', async () => {
		const [[item]] = await run(
			'i2v',
			{
				model: 'kling-v3',
				image: 'data',
				prompt: 'A slow pan',
				options: { endFrame: 'second', mode: 'pro', duration: '7', sound: true, watermark: true },
			},
			newStandard(),
		);
		expect(lastCreate()).toMatchObject({ path: '/image-to-video/kling-3.0', auth: 'apiKey' });
		const body = env.emulator.taskBody()!;
		expect(body).toEqual({
			contents: [
				{ type: 'prompt', text: 'A slow pan' },
				{ type: 'first_frame', url: PNG_B64 },
				{ type: 'last_frame', url: JPEG_B64 },
			],
			settings: { resolution: '1080p', duration: 7, audio: 'native' },
			options: {
				watermark_info: { enabled: true },
				external_task_id: expect.stringMatching(/^n8n-i2v-[0-9a-f]{24}-0$/),
			},
		});
		expect(item.json).toMatchObject({
			status: 'succeeded',
			model: 'kling-v3',
			endpoint: 'image2video',
			// 1.2 units per second at 1080p with native audio, 7 s (docs/reference/kling-api.md#models-and-prices).
			unitsDeducted: '8.4',
		});
		expect(item.binary?.data.mimeType).toBe('video/mp4');
	});

	const storyboard = {
		multiShot: 'storyboard',
		shots: {
			shot: [
				{ prompt: 'Wide: a lighthouse in a storm', duration: 4 },
				{ prompt: 'Close-up: the keeper lights the lamp', duration: 3 },
			],
		},
	};

	it('Text to Video, Kling 3.0 on the new standard: a flat prompt with the storyboard as shot syntax, sound', async () => {
		const [[item]] = await run(
			't2v',
			{
				model: 'kling-v3',
				prompt: '',
				options: { ...storyboard, sound: true, aspectRatio: '9:16' },
			},
			newStandard(),
			[{ json: {} }],
		);
		expect(lastCreate()).toMatchObject({ path: '/text-to-video/kling-3.0', auth: 'apiKey' });
		expect(env.emulator.taskBody()).toEqual({
			prompt:
				'shot 1, 4, Wide: a lighthouse in a storm; shot 2, 3, Close-up: the keeper lights the lamp;',
			settings: { multi_shot: true, duration: 7, aspect_ratio: '9:16', audio: 'native' },
			options: { external_task_id: expect.stringMatching(/^n8n-t2v-[0-9a-f]{24}-0$/) },
		});
		expect(item.json).toMatchObject({
			status: 'succeeded',
			endpoint: 'text2video',
			model: 'kling-v3',
			apiStandard: 'new',
		});
		expect(item.binary?.data.mimeType).toBe('video/mp4');
	});

	it('Text to Video with an access key: the legacy storyboard (multi_prompt), the prompt left out', async () => {
		const [[item]] = await run(
			't2v',
			{
				model: 'kling-v3',
				prompt: 'ignored with a storyboard',
				options: { ...storyboard, sound: true },
			},
			accessKey(),
			[{ json: {} }],
		);
		expect(lastCreate()).toMatchObject({ path: '/v1/videos/text2video', auth: 'jwt' });
		const body = env.emulator.taskBody()!;
		expect(body).toMatchObject({
			model_name: 'kling-v3',
			sound: 'on',
			duration: '7',
			multi_shot: true,
			shot_type: 'customize',
			multi_prompt: [
				{ index: 1, prompt: 'Wide: a lighthouse in a storm', duration: '4' },
				{ index: 2, prompt: 'Close-up: the keeper lights the lamp', duration: '3' },
			],
		});
		expect(body.prompt).toBeUndefined();
		expect(item.json).toMatchObject({ status: 'succeeded', apiStandard: 'legacy' });
	});

	it.each([
		['API key', '/omni-video/kling-3.0-omni', { contents: [{ type: 'prompt', text: 'Rain' }] }],
		['access key', '/v1/videos/omni-video', { model_name: 'kling-v3-omni', prompt: 'Rain' }],
	] as const)(
		'Text to Video on 3.0 Omni (%s): omni-video with no images, intelligent multi-shot',
		async (auth, path, expected) => {
			const [[item]] = await run(
				't2v',
				{ model: 'kling-v3-omni', prompt: 'Rain', options: { multiShot: 'intelligent' } },
				credentialsBy[auth](),
				[{ json: {} }],
			);
			expect(lastCreate().path).toBe(path);
			const body = env.emulator.taskBody()!;
			expect(body).toMatchObject(expected);
			if (auth === 'API key')
				expect(body.settings).toEqual({ multi_shot: true, aspect_ratio: '16:9' });
			else expect(body).toMatchObject({ multi_shot: true, shot_type: 'intelligence' });
			expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'text2video' });
		},
	);

	it('Text to Video, 3.0 Turbo: the storyboard only as shot syntax (it has no multi_shot field)', async () => {
		await run('t2v', { model: 'kling-3.0-turbo', prompt: '', options: storyboard }, newStandard(), [
			{ json: {} },
		]);
		expect(env.emulator.taskBody()).toMatchObject({
			prompt: expect.stringMatching(/^shot 1, 4, /),
			settings: { duration: 7 },
		});
	});

	// Above 2^53: a JavaScript number would turn it into 829836802793406600.
	const ELEMENT = '829836802793406551';
	const elements = { elements: { element: [{ id: ELEMENT }, { id: '321922438904313' }] } };

	it('Image to Video with elements on the new standard: element contents with their ids as strings', async () => {
		await run(
			'i2v',
			{ model: 'kling-v3', image: 'data', prompt: '<<<element_1>>> waves', options: elements },
			newStandard(),
		);
		expect(env.emulator.taskBody()!.contents).toEqual([
			// The legacy way to name an element, written the new standard's way.
			{ type: 'prompt', text: '@element_1 waves' },
			{ type: 'first_frame', url: PNG_B64 },
			{ type: 'element', element_id: ELEMENT, id: 'element_1' },
			{ type: 'element', element_id: '321922438904313', id: 'element_2' },
		]);
	});

	it.each([
		['i2v', 'kling-v3', '/v1/videos/image2video'],
		['m2v', 'kling-v3-omni', '/v1/videos/omni-video'],
		['t2v', 'kling-v3-omni', '/v1/videos/omni-video'],
	] as const)(
		'%s (%s) with elements on the legacy standard: element_list with each ID as an exact JSON integer',
		async (node, model, path) => {
			const [[item]] = await run(
				node,
				{
					model,
					image: 'data',
					images: { image: [{ value: 'data' }] },
					prompt: '<<<element_1>>> waves',
					options: elements,
				},
				accessKey(),
			);
			expect(lastCreate().path).toBe(path);
			// The emulator refuses a quoted ID and keeps the integer's digits as they arrived.
			expect(env.emulator.taskBody()!.element_list).toEqual([
				{ element_id: ELEMENT },
				{ element_id: '321922438904313' },
			]);
			expect(item.json.status).toBe('succeeded');
		},
	);

	it.each(['API key', 'access key'] as const)(
		'Image to Video, Kling 2.6 with two voices (%s): voice contents or voice_list, sound on at 1080p',
		async (auth) => {
			const voices = { voices: { voice: [{ id: '930801338081615883' }, { id: 'preset_f1' }] } };
			await run(
				'i2v',
				{
					model: 'kling-v2-6',
					image: 'data',
					prompt: '<<<voice_1>>> says hello to <<<voice_2>>>',
					options: { ...voices, sound: true, mode: 'pro' },
				},
				credentialsBy[auth](),
			);
			const body = env.emulator.taskBody()!;
			if (auth === 'API key') {
				expect(body.contents).toEqual([
					{ type: 'prompt', text: '@voice_1 says hello to @voice_2' },
					{ type: 'first_frame', url: PNG_B64 },
					{ type: 'voice', voice_id: '930801338081615883', id: 'voice_1' },
					{ type: 'voice', voice_id: 'preset_f1', id: 'voice_2' },
				]);
				expect(body.settings).toEqual({ resolution: '1080p', audio: 'native' });
			} else {
				expect(body).toMatchObject({
					voice_list: [{ voice_id: '930801338081615883' }, { voice_id: 'preset_f1' }],
					sound: 'on',
					mode: 'pro',
				});
			}
		},
	);

	const video = (use: string, keepOriginalSound = false) => ({
		referenceVideo: { video: { url: 'https://cdn.example.com/clip.mp4', use, keepOriginalSound } },
	});

	it.each([
		['feature', false, 'feature_video', undefined],
		['base', true, 'base_video', 'original'],
	] as const)(
		'Multi-Image to Video, 3.0 Omni on the new standard, a %s reference video: its content and audio',
		async (use, keep, type, audio) => {
			await run(
				'm2v',
				{
					model: 'kling-v3-omni',
					prompt: 'Make it rain',
					images: { image: [{ value: 'data' }] },
					options: video(use, keep),
				},
				newStandard(),
			);
			const body = env.emulator.taskBody()!;
			expect(body.contents).toContainEqual({
				type,
				url: 'https://cdn.example.com/clip.mp4',
				id: 'video_1',
			});
			expect((body.settings as IDataObject).audio).toBe(audio);
		},
	);

	it('Multi-Image to Video, O1 with an access key: a base video to edit in video_list, keeping its sound', async () => {
		const [[item]] = await run(
			'm2v',
			{
				model: 'kling-video-o1',
				prompt: 'Make it night',
				images: { image: [{ value: 'data' }] },
				options: video('base', true),
			},
			accessKey(),
		);
		expect(env.emulator.taskBody()!.video_list).toEqual([
			{
				video_url: 'https://cdn.example.com/clip.mp4',
				refer_type: 'base',
				keep_original_sound: 'yes',
			},
		]);
		expect(item.json.status).toBe('succeeded');
	});

	it.each(['API key', 'access key'] as const)(
		'Watermark on (%s): the output carries watermarkUrl, and the watermarked file in data_watermarked',
		async (auth) => {
			const [[item]] = await run(
				'i2v',
				{ model: 'kling-v3', image: 'data', prompt: 'p', options: { watermark: true } },
				credentialsBy[auth](),
			);
			const [videoOut] = item.json.videos as Array<{ url: string; watermarkUrl: string }>;
			expect(videoOut.watermarkUrl).toMatch(/-wm\.mp4$/);
			expect(Object.keys(item.binary!)).toEqual(['data', 'data_watermarked']);
			expect(item.binary!.data_watermarked.fileName).toMatch(/-watermarked\.mp4$/);
		},
	);

	it('Image to Video, 3.0 Turbo: no audio field (it always has sound), status read through /tasks', async () => {
		const [[item]] = await run(
			'i2v',
			{ model: 'kling-3.0-turbo', image: 'data', prompt: 'Go', options: { duration: '3' } },
			newStandard(),
		);
		expect(env.emulator.taskBody()!.settings).toEqual({ duration: 3 });
		expect(item.json.status).toBe('succeeded');
		const reads = env.emulator.snapshot().requests.filter((r) => r.kind === 'query');
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((r) => r.path === '/tasks')).toBe(true);
	});

	it('Image to Video with an access key: the legacy body, signed per request', async () => {
		const [[item]] = await run(
			'i2v',
			{ model: 'kling-v3', image: 'data', prompt: 'p', options: { mode: '4k', duration: '12' } },
			accessKey(),
		);
		expect(lastCreate()).toMatchObject({ path: '/v1/videos/image2video', auth: 'jwt' });
		expect(env.emulator.taskBody()).toMatchObject({
			model_name: 'kling-v3',
			mode: '4k',
			duration: '12',
			image: PNG_B64,
		});
		expect(item.json).toMatchObject({ status: 'succeeded', model: 'kling-v3' });
	});

	it('Multi-Image to Video, 3.0 Omni on the new standard: reference images, 16:9 by default', async () => {
		const [[item]] = await run(
			'm2v',
			{
				model: 'kling-v3-omni',
				prompt: '<<<image_1>>> meets <<<image_2>>>',
				images: {
					image: [{ value: 'data' }, { value: 'second' }, { value: 'https://e.com/c.png' }],
				},
				options: { duration: '4' },
			},
			newStandard(),
		);
		expect(lastCreate().path).toBe('/omni-video/kling-3.0-omni');
		expect(env.emulator.taskBody()).toMatchObject({
			contents: [
				// The legacy names, written the way this standard names contents: by their ids.
				{ type: 'prompt', text: '@image_1 meets @image_2' },
				{ type: 'refer_image', url: PNG_B64, id: 'image_1' },
				{ type: 'refer_image', url: JPEG_B64, id: 'image_2' },
				{ type: 'refer_image', url: 'https://e.com/c.png', id: 'image_3' },
			],
			settings: { duration: 4, aspect_ratio: '16:9' },
		});
		expect(env.emulator.snapshot().promptWarnings).toEqual([]);
		expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'multiImage2video' });
		expect(item.binary?.data.mimeType).toBe('video/mp4');
	});

	it('Multi-Image to Video, 3.0 Omni: images, reference video and elements named either way', async () => {
		await run(
			'm2v',
			{
				model: 'kling-v3-omni',
				prompt: '<<<image_1>>> and @image_2 dance like @video_1 with <<<element_1>>>',
				images: { image: [{ value: 'data' }, { value: 'https://e.com/c.png' }] },
				options: {
					elements: { element: [{ id: '829836802793406551' }] },
					referenceVideo: { video: { url: 'https://e.com/v.mp4', use: 'feature' } },
				},
			},
			newStandard(),
		);
		expect(env.emulator.taskBody()!.contents).toEqual([
			{ type: 'prompt', text: '@image_1 and @image_2 dance like @video_1 with @element_1' },
			{ type: 'refer_image', url: PNG_B64, id: 'image_1' },
			{ type: 'refer_image', url: 'https://e.com/c.png', id: 'image_2' },
			{ type: 'feature_video', url: 'https://e.com/v.mp4', id: 'video_1' },
			{ type: 'element', element_id: '829836802793406551', id: 'element_1' },
		]);
		expect(env.emulator.snapshot().promptWarnings).toEqual([]);
	});

	it('Multi-Image to Video on the legacy standard: @image_2 is written <<<image_2>>>', async () => {
		await run(
			'm2v',
			{
				model: 'kling-v3-omni',
				prompt: '@image_2 meets <<<image_1>>>',
				images: { image: [{ value: 'data' }, { value: 'second' }] },
				options: {},
			},
			accessKey(),
		);
		expect(env.emulator.taskBody()!.prompt).toBe('<<<image_2>>> meets <<<image_1>>>');
	});

	it.each([
		['<<<image_4>>> walks', /^Prompt: names <<<image_4>>>, but this item has 3 Images/],
		[
			'@video_1 again',
			/^Prompt: names @video_1, but this item gives Kling 3\.0 Omni no reference video/,
		],
		['with <<<element_1>>>', /^Prompt: names <<<element_1>>>, but this item gives .* no Elements/],
	])(
		'a prompt naming an input the item lacks (%s) is refused before anything is sent',
		async (prompt, message) => {
			const error = await run(
				'm2v',
				{
					model: 'kling-v3-omni',
					prompt,
					images: {
						image: [{ value: 'data' }, { value: 'second' }, { value: 'https://e.com/c.png' }],
					},
					options: {},
				},
				newStandard(),
			).then(
				() => undefined,
				(e: Error) => e,
			);
			expect(error?.message).toMatch(message);
			expect(createRequests(env.emulator)).toHaveLength(0);
		},
	);

	it('Multi-Image to Video, O1 with an access key: the legacy omni-video body', async () => {
		await run(
			'm2v',
			{
				model: 'kling-video-o1',
				prompt: 'Both',
				images: { image: [{ value: 'data' }] },
				options: {},
			},
			accessKey(),
		);
		expect(lastCreate().path).toBe('/v1/videos/omni-video');
		expect(env.emulator.taskBody()).toMatchObject({
			model_name: 'kling-video-o1',
			prompt: 'Both',
			image_list: [{ image_url: PNG_B64 }],
			aspect_ratio: '16:9',
		});
	});

	it('Multi-Image to Image, Image O1: subjects, scene and style as references, n images out', async () => {
		const [[item]] = await run(
			'm2i',
			{
				model: 'kling-image-o1',
				prompt: '<<<image_1>>> in <<<image_2>>>',
				subjectImages: { image: [{ value: 'data' }] },
				options: {
					sceneImage: 'second',
					styleImage: 'https://e.com/s.png',
					numberOfImages: 2,
					resolution: '2k',
					aspectRatio: 'auto',
				},
			},
			newStandard(),
		);
		expect(lastCreate().path).toBe('/v1/images/omni-image');
		expect(env.emulator.taskBody()).toEqual({
			model_name: 'kling-image-o1',
			prompt: '<<<image_1>>> in <<<image_2>>>',
			image_list: [{ image: PNG_B64 }, { image: JPEG_B64 }, { image: 'https://e.com/s.png' }],
			n: 2,
			resolution: '2k',
			aspect_ratio: 'auto',
			external_task_id: expect.any(String),
		});
		expect(item.json.status).toBe('succeeded');
		expect(Object.keys(item.binary!)).toEqual(['data', 'data_1']);
	});

	it.each([
		['t2v', 'kling-v3', 'API key'],
		['t2v', 'kling-v3', 'access key'],
		['i2v', 'kling-v3', 'API key'],
		['i2v', 'kling-v3', 'access key'],
		['m2v', 'kling-v3-omni', 'API key'],
		['m2v', 'kling-v3-omni', 'access key'],
	] as const)(
		'Get Task (%s, %s, %s) by task ID and by external task ID',
		async (node, model, auth) => {
			const creds = credentialsBy[auth];
			const params = {
				model,
				image: 'data',
				prompt: 'p',
				images: { image: [{ value: 'data' }] },
				options: { externalTaskId: `mine-${node}` },
			};
			const [[created]] = await run(node, { ...params, wait: 'none' }, creds());
			const byId = await run(
				node,
				{
					operation: 'getTask',
					lookupBy: 'taskId',
					taskId: created.json.taskId,
					wait: 'poll',
					waitTimeout: 1,
					pollInterval: 1,
				},
				creds(),
			);
			expect(byId[0][0].json).toMatchObject({ taskId: created.json.taskId, status: 'succeeded' });
			expect(byId[0][0].binary?.data.mimeType).toBe('video/mp4');
			const byExternal = await run(
				node,
				{ operation: 'getTask', lookupBy: 'externalTaskId', taskId: `mine-${node}`, wait: 'none' },
				creds(),
			);
			expect(byExternal[0][0].json.taskId).toBe(created.json.taskId);
			expect(createRequests(env.emulator)).toHaveLength(1);
		},
	);

	it('Automatic keeps a request with a legacy-only setting (negative prompt) on the legacy standard', async () => {
		const [[item]] = await run(
			'i2v',
			{ model: 'kling-v2-6', image: 'data', prompt: 'p', options: { negativePrompt: 'blur' } },
			newStandard(),
		);
		expect(lastCreate().path).toBe('/v1/videos/image2video');
		expect(env.emulator.taskBody()).toMatchObject({
			model_name: 'kling-v2-6',
			negative_prompt: 'blur',
		});
		expect(item.json).toMatchObject({ status: 'succeeded', model: 'kling-v2-6' });
	});

	it.each([
		['t2v', 'kling-v3', 'API key'],
		['m2v', 'kling-v3-omni', 'API key'],
		['m2v', 'kling-video-o1', 'access key'],
		['m2i', 'kling-image-o1', 'API key'],
	] as const)(
		'callback-wait (%s, %s, %s): pauses, then resumes on the last callback',
		async (node, model, auth) => {
			const params = {
				...POLLING,
				wait: 'callback',
				model,
				// Text to Video has no image a prompt could name.
				prompt: node === 't2v' ? 'A fox' : '<<<image_1>>> and <<<image_2>>>',
				images: { image: [{ value: 'data' }, { value: 'second' }] },
				subjectImages: { image: [{ value: 'data' }, { value: 'second' }] },
				options: {},
			};
			const credentials = credentialsBy[auth]();
			const c = makeContext({ params, items: [TWO_IMAGES, TWO_IMAGES], credentials });
			const [paused] = await nodes[node].execute.call(c.ctx);
			expect(paused.map((i) => i.json.waitingFor)).toEqual(['Kling callback', 'Kling callback']);
			const tasks = env.emulator.snapshot().tasks;
			await new Promise((r) => setTimeout(r, 500));
			const hook = makeWebhookContext({
				body: env.emulator.callbackBody(tasks[1].id),
				query: Object.fromEntries(new URL(env.emulator.callbackUrl(tasks[1].id)!).searchParams),
				params,
				credentials,
			});
			const answer = await nodes[node].webhook.call(hook.ctx);
			const [[...items]] = answer.workflowData!;
			expect(items.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded']);
			expect(items.every((i) => Object.keys(i.binary ?? {}).length > 0)).toBe(true);
			expect(createRequests(env.emulator)).toHaveLength(2);
		},
	);

	it('a retired model (1203) names the live models of the node', async () => {
		env.emulator.configure({ modelStatus: { 'new:image-to-video': { 'kling-2.6': 'retired' } } });
		const error = await run(
			'i2v',
			{ model: 'kling-v2-6', image: 'data', prompt: 'p', options: {} },
			newStandard(),
		).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/^Kling error 1203/);
		expect(error?.description).toMatch(
			/kling-2\.6 is not served here\. Live models for Image to Video: Kling 4\.0 \(kling-4\.0\), Kling 4\.0 Flash \(kling-4\.0-flash\), Kling 3\.0 Turbo \(kling-3\.0-turbo\), Kling 3\.0 \(kling-v3\), Kling 2\.6 \(kling-v2-6\)/,
		);
	});
});
