import { describe, expect, it } from 'vitest';

import { postCreate, useEmulator } from '../support/emulator.mts';

/**
 * The emulator's model of Kling's storyboard rules (docs/reference/kling-api.md#text-to-video), spoken to over
 * HTTP as Kling would be: what Kling refuses with 1201 before a task exists, it refuses too.
 */
describe('emulator: multi-shot storyboards and text to video', () => {
	const env = useEmulator();
	const post = (path: string, body: unknown) => postCreate(env.base, path, body);
	const shot = (index: number, prompt: string, duration: string) => ({ index, prompt, duration });

	it.each([
		['shot syntax adding up to the duration', 'shot 1, 2, Wide; shot 2, 3, Close;', 5, 0],
		['shot syntax not adding up', 'shot 1, 2, Wide; shot 2, 2, Close;', 5, 1201],
		[
			'seven shots',
			Array.from({ length: 7 }, (_, i) => `shot ${i + 1}, 1, S${i};`).join(' '),
			7,
			1201,
		],
		['a shot over 512 characters', `shot 1, 5, ${'x'.repeat(513)};`, 5, 1201],
		['a plain prompt', 'A lighthouse; then rain', 5, 0],
	])('new text-to-video, kling-3.0: %s', async (_name, prompt, duration, code) => {
		const r = await post('/text-to-video/kling-3.0', { prompt, settings: { duration } });
		expect(r.json.code).toBe(code);
	});

	it('new text-to-video: multi_shot is refused on 3.0 Turbo and 2.6, which have no such field', async () => {
		for (const model of ['kling-3.0-turbo', 'kling-2.6']) {
			const r = await post(`/text-to-video/${model}`, {
				prompt: 'p',
				settings: { multi_shot: true },
			});
			expect(r).toMatchObject({ status: 400, json: { code: 1201 } });
		}
	});

	it.each([
		[
			'a customize storyboard',
			{ duration: '5', multi_prompt: [shot(1, 'A', '2'), shot(2, 'B', '3')] },
			0,
		],
		[
			'shots not adding up',
			{ duration: '5', multi_prompt: [shot(1, 'A', '2'), shot(2, 'B', '2')] },
			1201,
		],
		[
			'a shot of 0 seconds',
			{ duration: '5', multi_prompt: [shot(1, 'A', '0'), shot(2, 'B', '5')] },
			1201,
		],
		['a shot without a prompt', { duration: '4', multi_prompt: [shot(1, '', '4')] }, 1201],
	])('legacy text2video, kling-v3: %s', async (_name, fields, code) => {
		const r = await post('/v1/videos/text2video', {
			model_name: 'kling-v3',
			multi_shot: true,
			shot_type: 'customize',
			...fields,
		});
		expect(r.json.code).toBe(code);
	});

	it('legacy text2video: a prompt is required without a storyboard; multi-shot only on kling-v3', async () => {
		expect((await post('/v1/videos/text2video', { model_name: 'kling-v3' })).json.code).toBe(1201);
		const single = await post('/v1/videos/text2video', {
			model_name: 'kling-v2-6',
			prompt: 'p',
			multi_shot: true,
			shot_type: 'intelligence',
		});
		expect(single.json).toMatchObject({ code: 1201, message: /not supported by kling-v2-6/ });
		const ok = await post('/v1/videos/text2video', { model_name: 'kling-v2-6', prompt: 'p' });
		expect(ok).toMatchObject({ status: 200, json: { code: 0 } });
	});
});
