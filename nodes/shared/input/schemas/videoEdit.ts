import { z } from 'zod/v3';

import { common, image, oneOf, requiredText, taskOptions, text, videoSource } from './fields';

/** Multi-element video editing's documented rules (docs/reference/kling-api.md#multi-element-editing). */

const IMAGES = { addition: [1, 2], swap: [1, 1], removal: [0, 0] } as const;

/** The selection calls (synchronous): a video by ID or URL, then points on frames. */
export const initSelectionSchema = z.object(videoSource).strict();

export const addSelectionSchema = z
	.object({
		session_id: z.string().min(1),
		frame_index: z.number().int().min(0),
		points: z
			.array(z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict())
			.min(1)
			.max(10),
	})
	.strict();

/** `POST /v1/videos/multi-elements`: the edit on the session the selections opened. */
export const videoEditSchema = z
	.object({
		// Filled in from the selection session right before the create is sent.
		session_id: z.string(),
		edit_mode: oneOf(Object.keys(IMAGES)),
		image_list: z.array(z.object({ image }).strict()).optional(),
		prompt: requiredText,
		negative_prompt: text.optional(),
		mode: oneOf(['std', 'pro']).optional(),
		duration: oneOf(['5', '10']).optional(),
		watermark_info: common.watermark_info,
		...taskOptions,
	})
	.strict()
	.superRefine((b, issues) => {
		const problem = (path: string, message: string) =>
			issues.addIssue({ code: 'custom', path: [path], message });
		const [min, max] = IMAGES[b.edit_mode as keyof typeof IMAGES] ?? [0, 2];
		const images = b.image_list?.length ?? 0;
		if (images < min || images > max)
			problem(
				'image_list',
				`${b.edit_mode} takes ${min === max ? min : `${min} to ${max}`} object image(s), not ${images}`,
			);
		if (!b.prompt.includes('<<<video_1>>>'))
			problem(
				'prompt',
				'must name the video as <<<video_1>>>, e.g. "Delete the cup from <<<video_1>>>"',
			);
		if (min > 0 && !b.prompt.includes('<<<image_1>>>'))
			problem('prompt', 'must name the object image as <<<image_1>>>');
	});

export const VIDEO_EDIT_LABELS = {
	image_list: 'Object Images',
	edit_mode: 'Edit',
	mode: 'Mode',
};
