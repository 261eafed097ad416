import { z } from 'zod/v3';

import { between, common, image, imageCount, taskOptions, text } from './fields';

/**
 * `POST /v1/images/editing/expand` (docs/reference/kling-api.md#image-expand): how far to widen
 * the image on each side, as a share of its height (up, down) or width (left, right), 0 to 2,
 * with the new image at most 3 times the original's area. No model.
 */
const ratio = between(0, 2);

export const imageExpandSchema = z
	.object({
		image,
		up_expansion_ratio: ratio,
		down_expansion_ratio: ratio,
		left_expansion_ratio: ratio,
		right_expansion_ratio: ratio,
		prompt: text.optional(),
		n: imageCount.optional(),
		watermark_info: common.watermark_info,
		...taskOptions,
	})
	.strict()
	.superRefine((b, issues) => {
		const area =
			(1 + Number(b.up_expansion_ratio) + Number(b.down_expansion_ratio)) *
			(1 + Number(b.left_expansion_ratio) + Number(b.right_expansion_ratio));
		if (area > 3)
			issues.addIssue({
				code: 'custom',
				path: ['expansion'],
				message: `the new image would be ${area.toFixed(2)} × the original's area; Kling allows at most 3 ×`,
			});
	});

export const IMAGE_EXPAND_LABELS = {
	up_expansion_ratio: 'Up',
	down_expansion_ratio: 'Down',
	left_expansion_ratio: 'Left',
	right_expansion_ratio: 'Right',
	expansion: 'Expand By',
};
