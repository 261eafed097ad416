import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingImageExpand } from '../../../nodes/KlingImageExpand/KlingImageExpand.node.ts';
import { ratiosFor } from '../../../nodes/shared/products/imageExpand/body.ts';
import { makePng } from '../../../emulator/media.mts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * Image expand (docs/reference/kling-api.md#image-expand): ratios per side, or to an aspect ratio
 * and area by Kling's own formula, the new area at most 3 times the original's.
 */
const node = new KlingImageExpand();
const square: INodeExecutionData = binaryItem(makePng(600, 600, 2));

describe('Image Expand', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, item = square) => {
		const c = makeContext({
			params: { ...POLLING, image: 'data', options: {}, ...params },
			items: [item],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it("Kling's own example: 100×100, 3 × the area, 16:9 → 0.1495 up and down, 0.6547 left and right", () => {
		expect(ratiosFor(100, 100, '16:9', 3)).toEqual({
			up: 0.1495,
			down: 0.1495,
			left: 0.6547,
			right: 0.6547,
		});
	});

	it('to 16:9 at twice the area: the ratios from the image, two images as PNG binaries', async () => {
		const out = await run({
			expandBy: 'aspect',
			targetAspectRatio: '16:9',
			area: 2,
			prompt: 'A beach continues',
			options: { numberOfImages: 2 },
		});
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/v1/images/editing/expand' });
		const sent = env.emulator.taskBody()!;
		// 600×600 to 16:9 at twice the area: 636 px high, 1131 px wide.
		expect(sent).toMatchObject({
			up_expansion_ratio: 0.0303,
			down_expansion_ratio: 0.0303,
			left_expansion_ratio: 0.4428,
			right_expansion_ratio: 0.4428,
			n: 2,
		});
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'imageExpand' });
		expect(Object.keys(out[0].binary!).sort()).toEqual(['data', 'data_1']);
	});

	it('ratios per side as given', async () => {
		await run({ expandBy: 'sides', ratios: { up: 0.5, down: 0, left: 0.25, right: 0.25 } });
		expect(env.emulator.taskBody()).toMatchObject({
			up_expansion_ratio: 0.5,
			down_expansion_ratio: 0,
			left_expansion_ratio: 0.25,
			right_expansion_ratio: 0.25,
		});
	});

	it.each([
		[
			{ expandBy: 'sides', ratios: { up: 1, down: 0, left: 1, right: 0 } },
			"Expand By: the new image would be 4.00 × the original's area; Kling allows at most 3 ×",
		],
		[{ expandBy: 'sides', ratios: { up: 2.5 } }, 'Up: 2.5 is outside 0 to 2'],
		[
			{ expandBy: 'aspect', image: 'https://cdn.example.com/p.png' },
			"Expand By: To an Aspect Ratio needs the image's size",
		],
		[{ expandBy: 'sides', options: { numberOfImages: 3, maxUnits: 20 } }, 'about 24 image units'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run(params)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('to 9:16 at 1.2 × a wide image would crop it: refused before sending', async () => {
		await expect(
			run(
				{ expandBy: 'aspect', targetAspectRatio: '9:16', area: 1.2 },
				binaryItem(makePng(900, 450, 1)),
			),
		).rejects.toThrow('Target Aspect Ratio: 9:16 at 1.2 × the area would crop this 900×450 image');
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
