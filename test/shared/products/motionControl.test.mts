import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingMotionControl } from '../../../nodes/KlingMotionControl/KlingMotionControl.node.ts';
import { emulatorCredentials, legacyCredentials, makeContext } from '../../support/context.mts';
import { createRequests, PNG_B64, TWO_IMAGES, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * Motion control (docs/reference/kling-api.md#motion-control) through the node, on both
 * standards, against the emulator's rules from the doc: the exact bodies, the price bound, and
 * refusals before anything is sent.
 */
const node = new KlingMotionControl();
const DANCE = 'https://cdn.example.com/dance.mp4';

describe('Motion Control', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, credentials = emulatorCredentials(env.base)) => {
		const c = makeContext({
			params: { ...POLLING, image: 'data', video: DANCE, ...params },
			items: [TWO_IMAGES],
			credentials,
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('new standard: image and video as contents, orientation, sound and 1080p as settings', async () => {
		const out = await run({
			model: 'kling-v3',
			characterOrientation: 'video',
			prompt: 'On a rooftop at sunset',
			options: {
				mode: 'pro',
				keepOriginalSound: false,
				elements: { element: [{ id: '829836802793406551' }] },
			},
		});
		expect(createRequests(env.emulator)).toHaveLength(1);
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/motion-control/kling-3.0' });
		const body = env.emulator.taskBody()!;
		expect(body.contents).toEqual([
			{ type: 'prompt', text: 'On a rooftop at sunset' },
			{ type: 'image', url: PNG_B64 },
			{ type: 'video', url: DANCE },
			{ type: 'element', element_id: '829836802793406551', id: 'element_1' },
		]);
		expect(body.settings).toEqual({
			resolution: '1080p',
			audio: 'off',
			character_orientation: 'video',
		});
		expect(out[0].json).toMatchObject({
			status: 'succeeded',
			model: 'kling-v3',
			endpoint: 'motionControl',
			apiStandard: 'new',
		});
		expect((out[0].json.videos as IDataObject[])[0].id).toMatch(/^video-/);
		expect(out[0].binary?.data.mimeType).toBe('video/mp4');
	});

	it('legacy standard: the flat body with image_url, video_url and a mode', async () => {
		const out = await run({ model: 'kling-v2-6' }, legacyCredentials(env.base));
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/v1/videos/motion-control' });
		expect(env.emulator.taskBody()).toMatchObject({
			model_name: 'kling-v2-6',
			image_url: PNG_B64,
			video_url: DANCE,
			character_orientation: 'image',
			mode: 'std',
		});
		expect(out[0].json).toMatchObject({ status: 'succeeded', apiStandard: 'legacy' });
		expect(env.emulator.snapshot().tasks[0]).toMatchObject({ endpoint: 'motionControl' });
	});

	it.each([
		[
			{ video: 'data' },
			'Motion Video: Kling takes this video as a public URL, not as a binary file or Base64',
		],
		[
			{ video: '8493123712' },
			'Motion Video: Kling takes this video by URL only, not by the ID of an earlier result',
		],
		[
			{ model: 'kling-v2-6', options: { elements: { element: [{ id: '829836802793406551' }] } } },
			'Elements: Kling 2.6 takes no element in motion control; only Kling 3.0 takes one',
		],
		[
			{
				options: {
					elements: { element: [{ id: '829836802793406551' }, { id: '829836802793406552' }] },
				},
			},
			'Elements: Kling takes at most 1',
		],
		[{ options: { mode: '4k' } }, 'Mode: "4k" is not allowed; use one of 720p, 1080p'],
		[{ prompt: 'x'.repeat(2501) }, 'Prompt: is 2501 characters; Kling accepts at most 2500'],
		[
			{ characterOrientation: 'video', options: { maxUnits: 20, mode: 'pro' } },
			'above the limit of 20',
		],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run({ model: 'kling-v3', ...params })).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('Max Units: the bound is the longest output (10 s with the image orientation)', async () => {
		const out = await run({ model: 'kling-v3', options: { maxUnits: 9 } });
		expect(out[0].json.status).toBe('succeeded');
	});
});
