import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PROVIDERS } from '../../../nodes/shared/api/providers.ts';
import { chooseRoute } from '../../../nodes/shared/api/routing.ts';
import { checkCapabilities } from '../../../nodes/shared/input/capabilities.ts';
import type { ProductFacts } from '../../../nodes/shared/models/product.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';
import { multiImage2image } from '../../../nodes/shared/products/multiImage2image/index.ts';

const legacy = { authMode: 'accessKey' as const };
const check = (product: ProductFacts, model: string, body: IDataObject) => () =>
	checkCapabilities(chooseRoute(product, model, PROVIDERS.official, legacy), body);

describe("the chosen model's capabilities, checked before anything is paid for", () => {
	it('names the field, the model and the rule', () => {
		expect(check(image2video, 'kling-v2-6', { duration: '7' })).toThrow(
			'Duration (Seconds): Kling 2.6 takes 5 or 10 seconds, not 7',
		);
		expect(check(image2video, 'kling-v2-6', { mode: '4k' })).toThrow(
			/^Mode: Kling 2\.6 has no 4K; it takes Standard \(720p\) or Professional \(1080p\)/,
		);
		expect(check(image2video, 'kling-v2-5-turbo', { sound: 'on' })).toThrow(
			/^Sound: Kling 2\.5 Turbo generates no sound of its own/,
		);
	});

	it('lets through what the model can do, and leaves a model it does not know to the endpoint rules', () => {
		expect(
			check(image2video, 'kling-v3', { duration: '12', mode: '4k', sound: 'on' }),
		).not.toThrow();
		expect(check(image2video, 'kling-v9-unknown', { duration: '99' })).not.toThrow();
	});

	it('image models too: Omni needs a prompt that names the images', () => {
		expect(check(multiImage2image, 'kling-v3-omni', {})).toThrow(
			'Prompt: Kling Image 3.0 Omni needs a prompt; refer to the images as <<<image_1>>>, <<<image_2>>>, …',
		);
		expect(
			check(multiImage2image, 'kling-v3-omni', { prompt: '<<<image_1>>> at sea' }),
		).not.toThrow();
	});
});
