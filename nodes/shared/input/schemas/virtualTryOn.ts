import { z } from 'zod/v3';

import { common, image, oneOf, taskOptions } from './fields';

/** Virtual try-on's documented rules (docs/reference/kling-api.md#virtual-try-on). */

/** The older Kolors path, where relays still serve it: a person and a garment, URL or Base64. */
export const kolorsTryOnSchema = z
	.object({
		model_name: common.model_name,
		human_image: image,
		cloth_image: image,
		...taskOptions,
	})
	.strict();

const publicUrl = z
	.string()
	.regex(/^https?:\/\/\S+$/i, 'must be a public http(s) URL: the try-on takes no file or Base64');

/** `POST /solutions/virtual_try_on`: exactly one garment and one person, each a public URL. */
export const virtualTryOnSchema = z
	.object({
		contents: z
			.array(z.object({ type: oneOf(['product_image', 'person_image']), url: publicUrl }).strict())
			.refine(
				(list) =>
					list.length === 2 &&
					['product_image', 'person_image'].every((t) => list.some((c) => c.type === t)),
				{ message: 'needs exactly one garment image and one person image' },
			),
		settings: z
			.object({
				keep_face: z.boolean().optional(),
				keep_pose: z.boolean().optional(),
				keep_background: z.boolean().optional(),
			})
			.strict()
			.optional(),
		options: z
			.object({ ...taskOptions, watermark: common.watermark_info })
			.strict()
			.optional(),
	})
	.strict();

export const TRY_ON_LABELS = {
	human_image: 'Person Image',
	cloth_image: 'Garment Image',
	contents: 'Images',
	'contents.#.url': 'Image #{n}',
	keep_face: 'Keep Face',
	keep_pose: 'Keep Pose',
	keep_background: 'Keep Background',
	'settings.keep_face': 'Keep Face',
	'settings.keep_pose': 'Keep Pose',
	'settings.keep_background': 'Keep Background',
	'options.watermark': 'Watermark',
};
