import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingTextToImage } from '../../../nodes/KlingTextToImage/KlingTextToImage.node.ts';
import { textToImage } from '../../../nodes/shared/products/textToImage/index.ts';
import { makePng } from '../../../emulator/media.mts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * Text to image and image to image (docs/reference/kling-api.md#text-to-image): Kling Image 3.0
 * and 2.1 on /v1/images/generations; the reference kind and fidelities are 2.1's alone.
 */
const node = new KlingTextToImage();
const PNG = '89504e470d0a1a0a';
const photo: INodeExecutionData = binaryItem(makePng(640, 480, 3));

describe('Text to Image', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, item: INodeExecutionData = { json: {} }) => {
		const c = makeContext({
			params: {
				...POLLING,
				model: 'kling-v3',
				prompt: 'A bottle on marble',
				options: {},
				...params,
			},
			items: [item],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('a prompt: model_name always sent, two 2K images as PNG binaries, 16 image units', async () => {
		const out = await run({
			options: { numberOfImages: 2, resolution: '2k', aspectRatio: '1:1', negativePrompt: 'text' },
		});
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/v1/images/generations' });
		expect(env.emulator.taskBody()).toEqual({
			model_name: 'kling-v3',
			prompt: 'A bottle on marble',
			negative_prompt: 'text',
			n: 2,
			resolution: '2k',
			aspect_ratio: '1:1',
			external_task_id: expect.stringMatching(/^n8n-t2i-/),
		});
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'textToImage' });
		const binaries = Object.values(out[0].binary!);
		expect(binaries).toHaveLength(2);
		for (const b of binaries)
			expect(Buffer.from(b.data, 'base64').subarray(0, 8).toString('hex')).toBe(PNG);
		expect(out[0].json.unitsDeducted).toBe('16');
	});

	it('image to image on Kling 2.1: the photo as Base64, the subject reference and both fidelities', async () => {
		const out = await run(
			{
				model: 'kling-v2-1',
				options: {
					referenceImage: 'data',
					imageReference: 'subject',
					imageFidelity: 0.7,
					humanFidelity: 0.6,
				},
			},
			photo,
		);
		const sent = env.emulator.taskBody()!;
		expect(sent).toMatchObject({
			model_name: 'kling-v2-1',
			image_reference: 'subject',
			image_fidelity: 0.7,
			human_fidelity: 0.6,
		});
		expect(Buffer.from(String(sent.image), 'base64').subarray(0, 8).toString('hex')).toBe(PNG);
		// Kling 2.1 from an image: 8 units (from text it would be 4).
		expect(out[0].json.unitsDeducted).toBe('8');
	});

	it('the panel offers Image Reference and the fidelities for Kling 2.1 only', () => {
		const options = textToImage.properties.find((p) => p.name === 'options')!
			.options as INodeProperties[];
		const shownFor = (name: string) =>
			options.find((o) => o.name === name)?.displayOptions?.show?.['/model'];
		for (const name of ['imageReference', 'imageFidelity', 'humanFidelity'])
			expect(shownFor(name), name).toEqual(['kling-v2-1']);
		expect(shownFor('referenceImage')).toBeUndefined();
	});

	it.each([
		[{ prompt: '' }, 'Prompt: is required'],
		[{ prompt: 'x'.repeat(2501) }, 'Prompt: is 2501 characters; Kling accepts at most 2500'],
		[
			{ options: { imageReference: 'face', referenceImage: 'data' } },
			'Image Reference: is taken by Kling Image 2.1 (kling-v2-1) only, not kling-v3',
		],
		[
			{ options: { imageFidelity: 0.5, referenceImage: 'data' } },
			'Image Fidelity: is taken by Kling Image 2.1 (kling-v2-1) only',
		],
		[
			{ model: 'kling-v2-1', options: { imageReference: 'face' } },
			'Image Reference: needs a Reference Image',
		],
		[
			{
				model: 'kling-v2-1',
				options: { referenceImage: 'data', imageReference: 'face', humanFidelity: 0.5 },
			},
			'Human Fidelity: is only used with Image Reference Subject',
		],
		[
			{ options: { referenceImage: 'data', negativePrompt: 'blur' } },
			'Negative Prompt: is not taken with a reference image',
		],
		[{ options: { resolution: '4k' } }, 'Resolution: "4k" is not allowed; use one of 1k, 2k'],
		[{ options: { aspectRatio: 'auto' } }, 'Aspect Ratio: "auto" is not allowed; use one of 16:9'],
		[{ options: { numberOfImages: 10 } }, 'Number of Images: 10 is not allowed'],
		[{ options: { numberOfImages: 4, maxUnits: 30 } }, 'about 32 image units'],
		[{ options: { referenceImage: 'photo' } }, 'Reference Image'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run(params, photo)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
