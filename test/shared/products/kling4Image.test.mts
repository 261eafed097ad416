import { describe, expect, it } from 'vitest';

import { KlingMultiImage2Image } from '../../../nodes/KlingMultiImage2Image/KlingMultiImage2Image.node.ts';
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
 * Kling Image 4.0 (docs/reference/kling-api.md#kling-image-40) through Multi-Image to Image,
 * against the emulator's rules from the same doc: contents with named references, 2K to 8K, no
 * callback URL and no external task ID.
 */
const node = new KlingMultiImage2Image();
const base = {
	...POLLING,
	model: 'kling-image-4.0',
	subjectImages: { image: [{ value: 'data' }, { value: 'second' }] },
};

describe('Kling Image 4.0', () => {
	const env = useEmulator();
	const run = async (params: Record<string, unknown>, continueOnFail = false) => {
		const c = makeContext({
			params: { ...base, ...params },
			items: [TWO_IMAGES],
			credentials: emulatorCredentials(env.base),
			continueOnFail,
		});
		return (await node.execute.call(c.ctx))[0];
	};

	it('sends the references as named contents, 8K, two images, 21:9; returns both images', async () => {
		const [item] = await run({
			prompt: '@Image1 wearing the jacket from @Image2, studio light',
			options: { numberOfImages: 2, resolution: '8k', aspectRatio: '21:9' },
		});
		expect(createRequests(env.emulator)).toHaveLength(1);
		expect(createRequests(env.emulator)[0].path).toBe('/omni-image/kling-image-4.0');
		expect(env.emulator.taskBody()).toEqual({
			contents: [
				{ type: 'prompt', text: '@image_1 wearing the jacket from @image_2, studio light' },
				{ type: 'refer_image', id: 'image_1', url: PNG_B64 },
				{ type: 'refer_image', id: 'image_2', url: JPEG_B64 },
			],
			settings: { aspect_ratio: '21:9', n: 2, resolution: '8k', result_type: 'single' },
		});
		expect(item.json).toMatchObject({
			status: 'succeeded',
			model: 'kling-image-4.0',
			endpoint: 'multiImage2image',
			externalTaskId: null,
		});
		expect((item.json.images as unknown[]).length).toBe(2);
		expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1']);
	});

	it.each([
		[
			{ options: { resolution: '1k' } },
			/^Resolution: Kling Image 4\.0 takes 2K or 4K or 8K, not 1K/,
		],
		[
			{ prompt: '猫'.repeat(21_001) },
			/^Prompt: is 21001 characters; Kling Image 4\.0 accepts at most 21000 in a language other than English/,
		],
		[
			{ prompt: 'p', options: { callbackUrl: 'https://hooks.example.com/k' } },
			/^Callback URL: Kling Image 4\.0 calls no callback URL back/,
		],
		[
			{ prompt: 'p', options: { externalTaskId: 'order-1' } },
			/^External Task ID: Kling Image 4\.0 takes none/,
		],
		[
			{ prompt: 'p', options: { maxUnits: 50 } },
			/^Max Units per Execution: item 0 cannot be held to a budget: Kling has published no price for Kling Image 4\.0/,
		],
		[{ prompt: '@Image3 alone' }, /^Prompt: names @Image3, but this item has 2 Images/],
	])('refuses %j before sending, naming the rule', async (params, expected) => {
		await expect(run({ prompt: 'p', ...params })).rejects.toThrow(expected);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
