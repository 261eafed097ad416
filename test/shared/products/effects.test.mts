import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingVideoEffects } from '../../../nodes/KlingVideoEffects/KlingVideoEffects.node.ts';
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
 * Video effects (docs/reference/kling-api.md#video-effects) through the node against the
 * emulator's scene list from the doc: one image or two per the scene, retired scenes refused with
 * their date, no price to hold to a budget.
 */
const node = new KlingVideoEffects();

describe('Video Effects', () => {
	const env = useEmulator();
	const run = async (params: IDataObject) => {
		const c = makeContext({
			params: { ...POLLING, image: 'data', secondImage: 'second', options: {}, ...params },
			items: [TWO_IMAGES],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('a single-image scene: input.image only, legacy-shaped on every credential', async () => {
		const out = await run({ scene: 'happy_birthday' });
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/v1/videos/effects' });
		const sent = env.emulator.taskBody()!;
		expect(sent).toMatchObject({ effect_scene: 'happy_birthday', input: { image: PNG_B64 } });
		expect(sent.external_task_id).toMatch(/^n8n-fx-/);
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'effects' });
		expect(out[0].binary?.data.mimeType).toBe('video/mp4');
	});

	it('a two-image scene: input.images, left then right', async () => {
		await run({ scene: 'hug_pro' });
		expect(env.emulator.taskBody()).toMatchObject({
			effect_scene: 'hug_pro',
			input: { images: [PNG_B64, JPEG_B64] },
		});
	});

	it('a scene by expression that the list lacks goes as given, with extra input fields; Kling judges it', async () => {
		await expect(
			run({ scene: 'puff_cheeks', options: { extraInput: '{"duration": "5"}' } }),
		).rejects.toThrow(/effect_scene puff_cheeks is invalid/);
		expect(createRequests(env.emulator)).toHaveLength(1);
		expect(env.emulator.snapshot().creates).toBe(0);
	});

	it.each([
		[
			{ scene: 'kiss' },
			'Scene: "kiss" was retired by Kling on 2026-01-30; use kiss_pro. Current scenes like it: kiss_pro, snow_night_kiss, eternal_kiss',
		],
		[{ scene: 'squish' }, `Scene: "squish" is no longer in Kling's list of scenes (2026-09-20)`],
		[
			{ scene: 'hug_pro', secondImage: '' },
			'Second Image: the scene "hug_pro" takes two images (left and right)',
		],
		[
			{ scene: 'happy_birthday', options: { extraInput: '[1]' } },
			'Extra Input Fields: must be a JSON object',
		],
		[
			{ scene: 'happy_birthday', options: { maxUnits: 100 } },
			'Kling prices each effect on a page of its own',
		],
		[{ scene: '' }, 'Scene: is empty'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run(params)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
