import { describe, expect, it } from 'vitest';

import { PROVIDERS } from '../../../nodes/shared/api/providers.ts';
import { chooseRoute } from '../../../nodes/shared/api/routing.ts';
import { toNewStandard } from '../../../nodes/shared/input/newStandard.ts';
import type { PreparedRequest } from '../../../nodes/shared/input/types.ts';
import type { ProductFacts } from '../../../nodes/shared/models/product.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';
import { multiImage2video } from '../../../nodes/shared/products/multiImage2video/index.ts';
import { text2video } from '../../../nodes/shared/products/text2video/index.ts';

const apiKey = { authMode: 'apiKey' as const };
const request = (
	product: ProductFacts,
	model: string,
	body: PreparedRequest['body'],
	media: PreparedRequest['media'] = [],
) =>
	({
		body,
		media,
		model,
		route: chooseRoute(product, model, PROVIDERS.official, apiKey),
	}) as PreparedRequest;
const url = (value: string) => ({ kind: 'url' as const, value });

describe('a legacy-shaped request mapped onto the new standard', () => {
	it('image to video: frames become contents, settings and options move, slots follow', () => {
		const mapped = toNewStandard(
			request(
				image2video,
				'kling-v3',
				{
					model_name: 'kling-3.0',
					prompt: 'The boat sails',
					image: '',
					image_tail: '',
					mode: 'pro',
					duration: '10',
					sound: 'on',
					external_task_id: 'ext-1',
				},
				[
					{ path: ['image'], ref: url('https://x.test/a.png'), field: 'Image' },
					{ path: ['image_tail'], ref: url('https://x.test/b.png'), field: 'End Frame' },
				],
			),
		);
		expect(mapped.body).toEqual({
			contents: [
				{ type: 'prompt', text: 'The boat sails' },
				{ type: 'first_frame' },
				{ type: 'last_frame' },
			],
			settings: { resolution: '1080p', duration: 10, audio: 'native' },
			options: { external_task_id: 'ext-1' },
		});
		expect(mapped.media.map((s) => s.path)).toEqual([
			['contents', 1, 'url'],
			['contents', 2, 'url'],
		]);
	});

	it('text to video takes its prompt flat; 3.0 Turbo has no audio setting', () => {
		const mapped = toNewStandard(
			request(text2video, 'kling-3.0-turbo', { prompt: 'Rain', sound: 'on', aspect_ratio: '9:16' }),
		);
		expect(mapped.body).toEqual({ prompt: 'Rain', settings: { aspect_ratio: '9:16' } });
	});

	it('omni: images get the ids the prompt names them by; a reference video and elements follow', () => {
		const mapped = toNewStandard(
			request(
				multiImage2video,
				'kling-v3-omni',
				{
					prompt: '@image_1 in @video_1',
					image_list: [{}],
					video_list: [
						{ video_url: 'https://x.test/v.mp4', refer_type: 'feature', keep_original_sound: 'no' },
					],
					element_list: [{ element_id: '829836802793406551' }],
				},
				[{ path: ['image_list', 0, 'image'], ref: url('https://x.test/a.png'), field: 'Images' }],
			),
		);
		expect(mapped.body.contents).toEqual([
			{ type: 'prompt', text: '@image_1 in @video_1' },
			{ type: 'refer_image', id: 'image_1' },
			{ type: 'feature_video', url: 'https://x.test/v.mp4', id: 'video_1' },
			{ type: 'element', element_id: '829836802793406551', id: 'element_1' },
		]);
	});

	it('refuses a setting only the legacy standard has, naming it and the way out', () => {
		expect(() =>
			toNewStandard(request(image2video, 'kling-v3', { prompt: 'x', negative_prompt: 'blur' })),
		).toThrow(
			/^Negative Prompt: Kling's new API standard has no such setting\. Remove it, or set API Standard to Legacy/,
		);
	});
});
