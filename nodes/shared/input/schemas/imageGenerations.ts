import { z } from 'zod/v3';

import {
	IMAGE_ASPECT_RATIOS,
	between,
	common,
	image,
	imageCount,
	oneOf,
	requiredText,
	text,
} from './fields';

/**
 * `POST /v1/images/generations` (docs/reference/kling-api.md#text-to-image): a prompt, and for
 * image to image one reference image. The reference kinds and fidelities are Kling Image 2.1's
 * alone; an empty model_name would mean the retired V1, so it is always sent.
 */
const ONLY_2_1 = 'kling-v2-1';

export const imageGenerationsSchema = z
	.object({
		model_name: common.model_name,
		prompt: requiredText,
		negative_prompt: text.optional(),
		image: image.optional(),
		image_reference: oneOf(['subject', 'face']).optional(),
		image_fidelity: between(0, 1).optional(),
		human_fidelity: between(0, 1).optional(),
		resolution: oneOf(['1k', '2k']).optional(),
		n: imageCount.optional(),
		aspect_ratio: oneOf(IMAGE_ASPECT_RATIOS).optional(),
		watermark_info: common.watermark_info,
		callback_url: common.callback_url,
		external_task_id: common.external_task_id,
	})
	.strict()
	.superRefine((b, issues) => {
		const problem = (path: string, message: string) =>
			issues.addIssue({ code: 'custom', path: [path], message });
		if (b.image !== undefined && b.negative_prompt !== undefined)
			problem(
				'negative_prompt',
				'is not taken with a reference image; say what to avoid in the prompt',
			);
		if (b.image_reference !== undefined && b.image === undefined)
			problem('image_reference', 'needs a Reference Image');
		const own2_1 = b.model_name === ONLY_2_1;
		for (const key of ['image_reference', 'image_fidelity', 'human_fidelity'] as const)
			if (b[key] !== undefined && !own2_1)
				problem(key, `is taken by Kling Image 2.1 (kling-v2-1) only, not ${b.model_name}`);
		if (b.human_fidelity !== undefined && b.image_reference !== 'subject')
			problem('human_fidelity', 'is only used with Image Reference Subject');
	});

export const IMAGE_GENERATIONS_LABELS = {
	image: 'Reference Image',
	image_reference: 'Image Reference',
	image_fidelity: 'Image Fidelity',
	human_fidelity: 'Human Fidelity',
};
