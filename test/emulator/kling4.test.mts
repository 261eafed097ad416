import { describe, expect, it } from 'vitest';

import { PNG_B64, postCreate, useEmulator } from '../support/emulator.mts';

/**
 * Kling 4.0 and 4.0 Flash as the emulator enforces them, from docs/reference/kling-api.md#kling-40
 * (the evidence: the body ComfyUI's partner router sends): each rule refuses with 1201 before a
 * task exists, and a body that keeps them all is accepted.
 */
describe('emulator: Kling 4.0', () => {
	const env = useEmulator();
	const post = async (model: string, body: unknown) =>
		(await postCreate(env.base, `/omni-video/${model}`, body)).json;
	const code = async (model: string, body: unknown) => (await post(model, body)).code;
	const prompt = (text = 'The valley through the seasons') => ({ type: 'prompt', text });
	const image = (type: string) => ({ type, url: PNG_B64 });
	const video = (type = 'feature_video') => ({ type, url: 'https://cdn.example.com/v.mp4' });
	const many = (n: number, item: () => object) => Array.from({ length: n }, item);

	it('keyframes: a first frame, up to 8 middle frames and a last frame; 3 to 30 s, 1080p, 21:9', async () => {
		const contents = [
			prompt(),
			image('first_frame'),
			...many(8, () => image('middle_frame')),
			image('last_frame'),
		];
		const settings = { duration: 30, resolution: '1080p', aspect_ratio: '21:9' };
		const options = { watermark_info: { enabled: true } };
		expect(await code('kling-4.0', { contents, settings, options })).toBe(0);
		const nine = [prompt(), image('first_frame'), ...many(9, () => image('middle_frame'))];
		expect(await code('kling-4.0', { contents: nine })).toBe(1201);
		expect(await code('kling-4.0', { contents: [prompt(), image('middle_frame')] })).toBe(1201);
		expect(await code('kling-4.0', { contents, settings: { duration: 31 } })).toBe(1201);
		expect(await code('kling-4.0', { contents, settings: { duration: 2 } })).toBe(1201);
		expect(await code('kling-4.0', { contents, settings: { resolution: '4k' } })).toBe(1201);
		expect(await code('kling-4.0', { contents, settings: { aspect_ratio: '2:3' } })).toBe(1201);
	});

	it('no callback URL, no external task ID, no sound setting', async () => {
		const contents = [prompt()];
		expect(await code('kling-4.0', { contents })).toBe(0);
		for (const options of [
			{ callback_url: 'https://hooks.example.com/k' },
			{ external_task_id: 'order-1' },
		])
			expect(await code('kling-4.0', { contents, options })).toBe(1201);
		expect(await code('kling-4.0', { contents, settings: { audio: 'native' } })).toBe(1201);
		expect(await code('kling-4.0', { prompt: 'flat' })).toBe(1201);
	});

	it('Flash: a single first frame, 720p, up to 20 s', async () => {
		const first = [prompt(), image('first_frame')];
		expect(await code('kling-4.0-flash', { contents: first, settings: { duration: 20 } })).toBe(0);
		expect(await code('kling-4.0-flash', { contents: first, settings: { duration: 21 } })).toBe(
			1201,
		);
		expect(
			await code('kling-4.0-flash', { contents: first, settings: { resolution: '1080p' } }),
		).toBe(1201);
		expect(await code('kling-4.0-flash', { contents: [...first, image('last_frame')] })).toBe(1201);
		expect(await code('kling-4.0-flash', { contents: [...first, image('middle_frame')] })).toBe(
			1201,
		);
	});

	it('references: 10 images, 5 videos, 7 elements, 3 voices, 15 inputs, one base video', async () => {
		const element = () => ({ type: 'element', element_id: '829836802793406551', id: 'e' });
		const voice = () => ({ type: 'voice', voice_id: 'v1', id: 'v' });
		expect(
			await code('kling-4.0', {
				contents: [
					prompt('@Image1 meets @Video1'),
					...many(10, () => image('refer_image')),
					...many(5, video),
				],
			}),
		).toBe(0);
		expect(
			await code('kling-4.0', { contents: [prompt(), ...many(11, () => image('refer_image'))] }),
		).toBe(1201);
		expect(await code('kling-4.0', { contents: [prompt(), ...many(6, video)] })).toBe(1201);
		expect(await code('kling-4.0', { contents: [prompt(), ...many(8, element)] })).toBe(1201);
		expect(await code('kling-4.0', { contents: [prompt(), ...many(4, voice)] })).toBe(1201);
		expect(
			await code('kling-4.0', {
				contents: [
					prompt(),
					...many(7, element),
					...many(3, voice),
					...many(6, () => image('refer_image')),
				],
			}),
		).toBe(1201);
		expect(
			await code('kling-4.0', { contents: [prompt(), video('base_video'), video('base_video')] }),
		).toBe(1201);
		expect(
			await code('kling-4.0', {
				contents: [prompt(), image('first_frame'), image('middle_frame'), image('refer_image')],
			}),
		).toBe(1201);
	});

	it('prompts: 26,000 characters in English, 11,000 in other languages', async () => {
		expect(await code('kling-4.0', { contents: [prompt('a'.repeat(26_000))] })).toBe(0);
		expect(await code('kling-4.0', { contents: [prompt('a'.repeat(26_001))] })).toBe(1201);
		expect(await code('kling-4.0', { contents: [prompt('猫'.repeat(11_000))] })).toBe(0);
		expect(await code('kling-4.0', { contents: [prompt('猫'.repeat(11_001))] })).toBe(1201);
		expect(await code('kling-4.0', { contents: [] })).toBe(1201);
	});

	it('its tasks take longer with length and resolution', async () => {
		const answer = await post('kling-4.0', {
			contents: [prompt()],
			settings: { duration: 30, resolution: '1080p' },
		});
		expect(answer.code).toBe(0);
		const [task] = env.emulator.snapshot().tasks;
		// 300 ms for 5 s at 720p in this suite: 30 s at 1080p is 6 × 1.5 times that.
		expect(task.finishAt - task.createdAt).toBe(2700);
	});
});

describe('emulator: Kling Image 4.0', () => {
	const env = useEmulator();
	const code = async (body: unknown) =>
		(await postCreate(env.base, '/omni-image/kling-image-4.0', body)).json.code;
	const refs = (n: number) =>
		Array.from({ length: n }, () => ({ type: 'refer_image', url: PNG_B64 }));
	const prompt = (text = '@image_1 in a garden') => ({ type: 'prompt', text });

	it('a prompt with up to 10 references; n 1 to 9; 2K, 4K or 8K; 21:9 or auto', async () => {
		env.emulator.reset({ concurrency: 50 });
		const settings = { n: 9, resolution: '8k', aspect_ratio: 'auto', result_type: 'single' };
		expect(await code({ contents: [prompt(), ...refs(10)], settings })).toBe(0);
		expect(await code({ contents: [prompt(), ...refs(11)] })).toBe(1201);
		expect(await code({ contents: refs(1) })).toBe(1201);
		expect(await code({ contents: [prompt()], settings: { n: 10 } })).toBe(1201);
		expect(await code({ contents: [prompt()], settings: { resolution: '1k' } })).toBe(1201);
		expect(await code({ contents: [prompt()], settings: { aspect_ratio: '5:4' } })).toBe(1201);
		expect(await code({ contents: [prompt('a'.repeat(50_001))] })).toBe(1201);
		expect(await code({ contents: [prompt('猫'.repeat(21_001))] })).toBe(1201);
		expect(await code({ contents: [prompt('猫'.repeat(21_000))] })).toBe(0);
	});

	it('no callback URL, no external task ID; each image takes a concurrency slot', async () => {
		for (const options of [{ callback_url: 'https://h.example.com' }, { external_task_id: 'x' }])
			expect(await code({ contents: [prompt()], options })).toBe(1201);
		env.emulator.reset({ concurrency: 3 });
		expect(await code({ contents: [prompt()], settings: { n: 4 } })).toBe(1303);
		expect(await code({ contents: [prompt()], settings: { n: 3 } })).toBe(0);
	});
});
