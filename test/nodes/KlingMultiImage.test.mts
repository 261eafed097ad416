import { describe, expect, it } from 'vitest';

import { KlingMultiImage2Image } from '../../nodes/KlingMultiImage2Image/KlingMultiImage2Image.node.ts';
import { KlingMultiImage2Video } from '../../nodes/KlingMultiImage2Video/KlingMultiImage2Video.node.ts';
import { binaryItem, legacyCredentials, makeContext } from '../support/context.mts';
import { createRequests, JPEG, PNG_B64, TWO_IMAGES, useEmulator } from '../support/emulator.mts';
import { POLLING } from '../support/params.mts';
import type { IDataObject } from 'n8n-workflow';

const m2v = new KlingMultiImage2Video();
const m2i = new KlingMultiImage2Image();

describe('Kling Multi-Image nodes', () => {
	const env = useEmulator();
	const lastBody = () => env.emulator.taskBody()!;
	const run = (
		node: KlingMultiImage2Video | KlingMultiImage2Image,
		params: Record<string, unknown>,
		extra: IDataObject = {},
		items = [TWO_IMAGES],
	) => {
		const c = makeContext({
			params: { ...POLLING, ...params },
			items,
			credentials: legacyCredentials(env.base, extra),
		});
		return { ...c, result: node.execute.call(c.ctx) };
	};

	it('Multi-Image to Video: binary + URL images to the exact body, video out', async () => {
		const [[item]] = await run(m2v, {
			model: 'kling-v1-6',
			prompt: 'They dance',
			images: { image: [{ value: 'data' }, { value: 'second' }, { value: 'https://e.com/c.png' }] },
			options: {
				negativePrompt: 'blur',
				mode: 'pro',
				duration: '10',
				aspectRatio: '9:16',
				watermark: false,
				externalTaskId: 'm2v-1',
			},
		}).result;
		expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'multiImage2video' });
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(lastBody()).toEqual({
			model_name: 'kling-v1-6',
			prompt: 'They dance',
			negative_prompt: 'blur',
			mode: 'pro',
			duration: '10',
			aspect_ratio: '9:16',
			watermark_info: { enabled: false },
			external_task_id: 'm2v-1',
			image_list: [
				{ image: PNG_B64 },
				{ image: JPEG.toString('base64') },
				{ image: 'https://e.com/c.png' },
			],
		});
	});

	it('Multi-Image to Image: subjects, scene, style, n images as data, data_1, …', async () => {
		const [[item]] = await run(m2i, {
			model: 'kling-v2-1',
			prompt: 'In a field',
			subjectImages: { image: [{ value: 'data' }, { value: 'second' }] },
			options: {
				sceneImage: 'https://e.com/scene.png',
				styleImage: 'https://e.com/style.png',
				numberOfImages: 3,
				aspectRatio: '21:9',
			},
		}).result;
		expect(item.json).toMatchObject({
			status: 'succeeded',
			endpoint: 'multiImage2image',
			unitsDeducted: '48',
		});
		expect((item.json.images as unknown[]).length).toBe(3);
		expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1', 'data_2']);
		expect(item.binary?.data_2.mimeType).toBe('image/png');
		expect(item.binary?.data_1.fileName).toBe(`kling-${item.json.taskId}-1.png`);
		const body = lastBody();
		expect(body).toMatchObject({
			subject_image_list: [{ subject_image: PNG_B64 }, { subject_image: JPEG.toString('base64') }],
			scene_image: 'https://e.com/scene.png',
			style_image: 'https://e.com/style.png',
			n: 3,
			aspect_ratio: '21:9',
		});
		expect(String(body.external_task_id)).toMatch(/^n8n-/);
	});

	it("follows the credential's relay settings: route, scence_image, minimum of 2 images, extra header", async () => {
		// CometAPI as its older pages describe it.
		env.emulator.reset({
			imageTaskMs: 200,
			relay: {
				prefix: '/kling',
				externalIdLookup: false,
				taskList: false,
				multiImage2imagePath: 'images/generations',
				sceneImageField: 'scence_image',
				requiredHeader: 'X-Relay-Model',
			},
		});
		const settings = {
			provider: 'cometapi',
			relaySettings: true,
			routeOverrides: '# older pages\n/v1/images/multi-image2image = /v1/images/generations',
			sceneImageField: 'scence_image',
			minImages: 2,
			extraHeaderName: 'X-Relay-Model',
			extraHeaderValue: 'kling',
		};
		const { result, http } = run(
			m2i,
			{
				model: 'kling-v2-1',
				subjectImages: { image: [{ value: 'data' }, { value: 'second' }] },
				options: { sceneImage: 'https://e.com/s.png' },
			},
			settings,
		);
		const [[item]] = await result;
		expect(item.json).toMatchObject({ status: 'succeeded' });
		expect(http[0].url).toBe(`${env.base}/kling/v1/images/generations`);
		expect(lastBody().scence_image).toBe('https://e.com/s.png');
		expect(lastBody().scene_image).toBeUndefined();
		const single = run(
			m2i,
			{ model: 'kling-v2-1', subjectImages: { image: [{ value: 'data' }] } },
			settings,
		);
		await expect(single.result).rejects.toThrow(
			/Subject Images: has 1 image\(s\); this provider needs at least 2/,
		);
		expect(single.http).toHaveLength(0);
	});

	it('refuses a route override it cannot read, naming the line', async () => {
		const { result, http } = run(
			m2i,
			{ model: 'kling-v2-1', subjectImages: { image: [{ value: 'data' }] } },
			{ provider: 'cometapi', relaySettings: true, routeOverrides: '/v1/images/nope = /x' },
		);
		await expect(result).rejects.toThrow(/Route Overrides in the Kling API credential, line 1/);
		expect(http).toHaveLength(0);
	});

	const bad: Array<
		[string, KlingMultiImage2Video | KlingMultiImage2Image, Record<string, unknown>, RegExp]
	> = [
		[
			'no prompt for multi-image to video',
			m2v,
			{ model: 'kling-v1-6', prompt: '', images: { image: [{ value: 'data' }] } },
			/Prompt: is required/,
		],
		[
			'five images',
			m2v,
			{
				model: 'kling-v1-6',
				prompt: 'p',
				images: { image: Array.from({ length: 5 }, () => ({ value: 'data' })) },
			},
			/Images: has 5 images; Kling accepts at most 4/,
		],
		[
			'no images',
			m2v,
			{ model: 'kling-v1-6', prompt: 'p', images: { image: [] } },
			/Images: has 0 image\(s\); this provider needs at least 1/,
		],
		[
			'bad video aspect ratio',
			m2v,
			{
				model: 'kling-v1-6',
				prompt: 'p',
				images: { image: [{ value: 'data' }] },
				options: { aspectRatio: '4:3' },
			},
			/Aspect Ratio: "4:3" is not allowed; use one of 16:9, 9:16, 1:1/,
		],
		[
			'n = 10',
			m2i,
			{
				model: 'kling-v2-1',
				subjectImages: { image: [{ value: 'data' }] },
				options: { numberOfImages: 10 },
			},
			/Number of Images: 10 is not allowed; use a whole number from 1 to 9/,
		],
		[
			'bad image aspect ratio',
			m2i,
			{
				model: 'kling-v2-1',
				subjectImages: { image: [{ value: 'data' }] },
				options: { aspectRatio: '5:4' },
			},
			/Aspect Ratio: "5:4" is not allowed/,
		],
		[
			'empty image entry',
			m2i,
			{ model: 'kling-v2-1', subjectImages: { image: [{ value: 'data' }, { value: '' }] } },
			/Subject Images #2: is empty/,
		],
		[
			'empty binary',
			m2i,
			{ model: 'kling-v2-1', subjectImages: { image: [{ value: 'empty' }] } },
			/Subject Images #1: the image is empty \(0 bytes\)/,
		],
	];

	it.each(bad)('rejects %s before any request', async (_name, node, params, message) => {
		const items = [
			{
				json: {},
				binary: {
					...TWO_IMAGES.binary,
					...binaryItem(Buffer.alloc(0), 'image/png', 'e.png', 'empty').binary,
				},
			},
		];
		const { result, http } = run(node, params, {}, items);
		await expect(result).rejects.toThrow(message);
		expect(http).toHaveLength(0);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('image tasks take n concurrency slots: 3 items × n=2 under a limit of 4', async () => {
		env.emulator.reset({ concurrency: 4, imageTaskMs: 300, submittedMs: 50 });
		const [out] = await run(
			m2i,
			{
				model: 'kling-v2-1',
				subjectImages: { image: [{ value: 'data' }] },
				options: { numberOfImages: 2 },
				downloadResult: false,
			},
			{},
			[TWO_IMAGES, TWO_IMAGES, TWO_IMAGES],
		).result;
		expect(out.every((o) => o.json.status === 'succeeded')).toBe(true);
		const stats = env.emulator.snapshot();
		expect(stats.peakConcurrency).toBeLessThanOrEqual(4);
		expect(stats.creates).toBe(3);
	});
});
