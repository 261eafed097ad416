import { describe, expect, it } from 'vitest';

import { PNG_B64, postCreate, useEmulator } from '../support/emulator.mts';

/**
 * A prompt that names an input the request lacks: Kling accepts and charges it, so the emulator
 * accepts it too, and records it in its stats for tests to read.
 */
describe('emulator: prompt references', () => {
	const env = useEmulator();
	const image = (id?: string) => ({ type: 'refer_image', url: PNG_B64, ...(id ? { id } : {}) });
	const omni = (text: string, contents: unknown[]) =>
		postCreate(env.base, '/omni-video/kling-3.0-omni', {
			contents: [{ type: 'prompt', text }, ...contents],
			settings: { aspect_ratio: '16:9' },
		});

	it('new standard: a legacy <<<image_N>>> or an @name with no content of that id is recorded, not refused', async () => {
		const created = await omni('<<<image_1>>> walks in @image_2, mail a@b.com', [
			image(),
			image('image_1'),
		]);
		expect(created.json.code).toBe(0);
		expect(env.emulator.snapshot().promptWarnings).toEqual([
			{
				endpoint: 'new:omni-video',
				unmatched: ['<<<image_1>>>', '@image_2'],
				taskId: (created.json as unknown as { data: { id: string } }).data.id,
			},
		]);
	});

	it('new standard: every @name matching a content id is not recorded', async () => {
		await omni('@image_1 meets @image_2', [image('image_1'), image('image_2')]);
		expect(env.emulator.snapshot().promptWarnings).toEqual([]);
	});

	it('legacy: <<<image_N>>> past the image list is recorded', async () => {
		const created = await postCreate(env.base, '/v1/videos/omni-video', {
			model_name: 'kling-v3-omni',
			prompt: '<<<image_1>>> and <<<image_2>>>',
			aspect_ratio: '16:9',
			image_list: [{ image_url: PNG_B64 }],
		});
		expect(created.json.code).toBe(0);
		expect(env.emulator.snapshot().promptWarnings).toMatchObject([
			{ endpoint: 'omniVideo', unmatched: ['<<<image_2>>>'] },
		]);
	});
});
