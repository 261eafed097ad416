import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingImage2Video } from '../../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { KlingMultiImage2Video } from '../../../nodes/KlingMultiImage2Video/KlingMultiImage2Video.node.ts';
import { KlingText2Video } from '../../../nodes/KlingText2Video/KlingText2Video.node.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';
import {
	createRequests,
	JPEG_B64,
	PNG_B64,
	TWO_IMAGES,
	useEmulator,
} from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * Kling 4.0 and 4.0 Flash (docs/reference/kling-api.md#kling-40) through the nodes, against the
 * emulator's 4.0 rules: the body the evidence documents, no callback URL and no external task ID
 * ever sent, callback-wait polling instead, and an uncertain create never sent again.
 */
const i2v = new KlingImage2Video();
const t2v = new KlingText2Video();
const mi2v = new KlingMultiImage2Video();
const keyframes = {
	middleFrames: { frame: [{ image: 'second' }, { image: 'https://cdn.example.com/mid.png' }] },
	endFrame: 'data',
};

describe('Kling 4.0', () => {
	const env = useEmulator();
	const run = async (
		node: KlingImage2Video | KlingText2Video | KlingMultiImage2Video,
		params: IDataObject,
		items = [TWO_IMAGES],
	) => {
		const c = makeContext({
			params: { ...POLLING, ...params },
			items,
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return { out, c };
	};
	const sentOptions = () =>
		env.emulator
			.snapshot()
			.tasks.map((t) => (env.emulator.taskBody(t.id)!.options ?? {}) as IDataObject);

	it('Image to Video: first frame, middle keyframes in order, end frame; 30 s at 1080p, sound said', async () => {
		const { out } = await run(i2v, {
			model: 'kling-4.0',
			image: 'data',
			prompt: 'The seasons turn over the valley',
			options: { ...keyframes, duration: '30', mode: 'pro', watermark: true },
		});
		expect(createRequests(env.emulator)).toHaveLength(1);
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/omni-video/kling-4.0' });
		expect(env.emulator.taskBody()).toEqual({
			contents: [
				{ type: 'prompt', text: 'The seasons turn over the valley' },
				{ type: 'first_frame', url: PNG_B64 },
				{ type: 'middle_frame', url: JPEG_B64 },
				{ type: 'middle_frame', url: 'https://cdn.example.com/mid.png' },
				{ type: 'last_frame', url: PNG_B64 },
			],
			settings: { resolution: '1080p', duration: 30 },
			options: { watermark_info: { enabled: true } },
		});
		expect(out[0].json).toMatchObject({
			status: 'succeeded',
			model: 'kling-4.0',
			endpoint: 'image2video',
			apiStandard: 'new',
			externalTaskId: null,
			sound: 'always on: Kling 4.0 always generates its own sound',
		});
		expect(out[0].binary?.data.mimeType).toBe('video/mp4');
	});

	it('Text to Video on 4.0 Flash: contents with the prompt, 21:9, 20 s; nothing else in options', async () => {
		const { out } = await run(
			t2v,
			{
				model: 'kling-4.0-flash',
				prompt: 'A paper boat on a rainy street',
				options: { duration: '20', aspectRatio: '21:9' },
			},
			[{ json: {} }],
		);
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/omni-video/kling-4.0-flash' });
		expect(env.emulator.taskBody()).toEqual({
			contents: [{ type: 'prompt', text: 'A paper boat on a rainy street' }],
			settings: { duration: 20, aspect_ratio: '21:9' },
		});
		expect(out[0].json.status).toBe('succeeded');
	});

	it('Multi-Image to Video: reference images, a video and a voice the prompt names as @Image1 or @image_2', async () => {
		const { out } = await run(mi2v, {
			model: 'kling-4.0',
			images: { image: [{ value: 'data' }, { value: 'second' }] },
			prompt:
				'@Image1 and @image_2 dance the way @Video1 moves, in the light of @Video2; @Voice1 sings',
			options: {
				duration: '12',
				aspectRatio: '21:9',
				referenceVideo: { video: { url: 'https://cdn.example.com/dance.mp4', use: 'feature' } },
				moreReferenceVideos: { video: [{ url: 'https://cdn.example.com/light.mp4' }] },
				voices: { voice: [{ id: '930801338081615883' }] },
			},
		});
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/omni-video/kling-4.0' });
		expect(env.emulator.taskBody()).toEqual({
			contents: [
				{
					type: 'prompt',
					text: '@image_1 and @image_2 dance the way @video_1 moves, in the light of @video_2; @voice_1 sings',
				},
				{ type: 'refer_image', id: 'image_1', url: PNG_B64 },
				{ type: 'refer_image', id: 'image_2', url: JPEG_B64 },
				{ type: 'feature_video', url: 'https://cdn.example.com/dance.mp4', id: 'video_1' },
				{ type: 'feature_video', url: 'https://cdn.example.com/light.mp4', id: 'video_2' },
				{ type: 'voice', voice_id: '930801338081615883', id: 'voice_1' },
			],
			settings: { duration: 12, aspect_ratio: '21:9' },
		});
		expect(env.emulator.snapshot().promptWarnings).toEqual([]);
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'multiImage2video' });
	});

	it('Until Kling Calls Back polls instead, says why, and sends no callback URL', async () => {
		const { out, c } = await run(
			i2v,
			{ model: 'kling-4.0', image: 'data', prompt: 'Waves', wait: 'callback' },
			[TWO_IMAGES, TWO_IMAGES],
		);
		expect(c.waitTill()).toBeUndefined();
		expect(out.map((o) => o.json.status)).toEqual(['succeeded', 'succeeded']);
		expect(out[0].json.waitFallback).toBe(
			'Kling 4.0 takes no callback URL and no external task ID, so this node polled instead of waiting for the callback.',
		);
		expect(sentOptions()).toHaveLength(2);
		for (const options of sentOptions()) {
			expect(options).not.toHaveProperty('callback_url');
			expect(options).not.toHaveProperty('external_task_id');
		}
	});

	it.each(['reset', '5000-after-create', 'stall-reset'] as const)(
		'a create answered with %s is not sent again, and the item says how to find the task',
		async (kind) => {
			env.emulator.reset({
				videoTaskMs: 300,
				submittedMs: 50,
				faults: [{ stage: 'create', kind, count: 1, delayMs: 200 }],
			});
			const c = makeContext({
				params: { ...POLLING, model: 'kling-4.0', image: 'data', prompt: 'Waves' },
				items: [TWO_IMAGES],
				credentials: emulatorCredentials(env.base),
				continueOnFail: true,
			});
			const [out] = await i2v.execute.call(c.ctx);
			expect(createRequests(env.emulator)).toHaveLength(1);
			// A stall drops the request before the task exists; the others after.
			expect(env.emulator.snapshot().creates).toBeLessThanOrEqual(1);
			expect(String(out[0].json.error)).toMatch(/may have been created, so it was not sent again/);
			expect(String(out[0].json.description)).toMatch(
				/dashboard or task history \(Kling 4\.0 tasks cannot be looked up by external task ID\)/,
			);
		},
	);
});
