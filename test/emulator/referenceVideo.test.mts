import { describe, expect, it } from 'vitest';

import { PNG_B64, postCreate, useEmulator } from '../support/emulator.mts';

/** Omni's reference video (docs/reference/kling-api.md#omni-video) as the emulator enforces it. */
describe('emulator: Omni reference videos', () => {
	const env = useEmulator();
	const post = async (path: string, body: unknown) =>
		(await postCreate(env.base, path, body)).json.code;
	const legacy = (video: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		post('/v1/videos/omni-video', {
			model_name: 'kling-v3-omni',
			prompt: 'p',
			aspect_ratio: '16:9',
			image_list: [{ image_url: PNG_B64 }],
			video_list: [{ video_url: 'https://e.com/v.mp4', keep_original_sound: 'no', ...video }],
			...extra,
		});

	it('legacy omni-video: one feature or base video; a base video sets no duration and no multi-shot; no sound', async () => {
		expect(await legacy({ refer_type: 'feature' })).toBe(0);
		expect(await legacy({ refer_type: 'base', keep_original_sound: 'yes' })).toBe(0);
		expect(await legacy({ refer_type: 'base' }, { duration: '5' })).toBe(1201);
		expect(await legacy({ refer_type: 'feature' }, { sound: 'on' })).toBe(1201);
		expect(await legacy({ refer_type: 'remix' })).toBe(1201);
		expect(
			await legacy({ refer_type: 'base' }, { multi_shot: true, shot_type: 'intelligence' }),
		).toBe(1201);
	});

	it('new omni-video: a feature video needs audio off; a base video takes no frames', async () => {
		const contents = [
			{ type: 'prompt', text: 'p' },
			{ type: 'feature_video', url: 'https://e.com/v.mp4' },
		];
		expect(await post('/omni-video/kling-3.0-omni', { contents })).toBe(0);
		expect(
			await post('/omni-video/kling-3.0-omni', { contents, settings: { audio: 'native' } }),
		).toBe(1201);
		const base = [
			{ type: 'prompt', text: 'p' },
			{ type: 'base_video', url: 'https://e.com/v.mp4' },
			{ type: 'first_frame', url: PNG_B64 },
		];
		expect(await post('/omni-video/kling-3.0-omni', { contents: base })).toBe(1201);
	});
});
