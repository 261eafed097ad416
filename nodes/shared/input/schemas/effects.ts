import { z } from 'zod/v3';

import { count, image, taskOptions } from './fields';

/**
 * `POST /v1/videos/effects` (docs/reference/kling-api.md#video-effects): a scene and its one or
 * two images in `input`. Which scene takes which is checked with the scene list where the body
 * is built; other `input` fields pass for scenes that still take them.
 */
export const effectsSchema = z
	.object({
		effect_scene: z.string().min(1, 'is empty; choose a scene or enter its id'),
		input: z
			.object({
				image: image.optional(),
				images: count(2, 2, 'images').pipe(z.array(image)).optional(),
			})
			.passthrough(),
		...taskOptions,
	})
	.strict();

export const EFFECTS_LABELS = {
	effect_scene: 'Scene',
	'input.image': 'Image',
	'input.images': 'Images',
	'input.images.#': 'Image #{n}',
};
