import { describe, expect, it } from 'vitest';

import { findModel } from '../../../nodes/shared/models/catalogue.ts';
import { estimateUnits } from '../../../nodes/shared/models/estimate.ts';

const i2v = (id: string) => findModel('image2video', id);
const m2v = (id: string) => findModel('multiImage2video', id);
const m2i = (id: string) => findModel('multiImage2image', id);

/** Kling's price list (docs/reference/kling-api.md#models-and-prices), and the two bills seen live there. */
describe("unit estimates from Kling's price list", () => {
	it.each([
		['3.0 Turbo, 3 s 720p (billed 2.4 live)', i2v('kling-3.0-turbo'), { duration: '3' }, 2.4],
		['3.0 Omni, 3 s 720p silent (billed 1.8 live)', m2v('kling-v3-omni'), { duration: '3' }, 1.8],
		[
			'3.0, 10 s 1080p with sound',
			i2v('kling-v3'),
			{ duration: '10', mode: 'pro', sound: 'on' },
			12,
		],
		['3.0, 5 s 4K (the default length)', i2v('kling-v3'), { mode: '4k' }, 15],
		[
			'2.6, 10 s 1080p with voices',
			i2v('kling-v2-6'),
			{ duration: '10', mode: 'pro', sound: 'on', voice_list: [{ voice_id: '1' }] },
			12,
		],
		[
			'3.0 Omni, 5 s 1080p editing a video',
			m2v('kling-v3-omni'),
			{ mode: 'pro', video_list: [{ video_url: 'u' }] },
			6,
		],
		['Image 3.0 Omni, 3 images at 4K', m2i('kling-v3-omni'), { n: 3, resolution: '4k' }, 48],
		['Image 2.1, multi-image, 1 image', m2i('kling-v2-1'), {}, 16],
	])('%s: %s units', (_name, entry, body, units) => {
		expect(estimateUnits(entry, body)).toEqual({
			units,
			pack: entry && 'audio' in entry ? 'video' : 'image',
		});
	});

	it('says why it cannot price a model the catalogue does not know, or a resolution with no price', () => {
		expect(estimateUnits(undefined, {})).toMatch(/not in the catalogue/);
		expect(estimateUnits(i2v('kling-v2-5-turbo'), { mode: '4k' })).toMatch(
			/no 4k price for Kling 2.5 Turbo/,
		);
	});
});
