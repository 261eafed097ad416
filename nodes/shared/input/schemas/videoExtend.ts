import { z } from 'zod/v3';

import { between, taskOptions, text } from './fields';

/**
 * `POST /v1/videos/video-extend` (docs/reference/kling-api.md#video-extend): an earlier Kling
 * video by its ID (no URL: Kling extends only its own videos), with what should happen next.
 */
export const videoExtendSchema = z
	.object({
		video_id: z.string().min(1, 'is empty; give the ID of an earlier Kling video'),
		prompt: text.optional(),
		negative_prompt: text.optional(),
		cfg_scale: between(0, 1).optional(),
		...taskOptions,
	})
	.strict();

export const VIDEO_EXTEND_LABELS = {
	video_id: 'Video',
	cfg_scale: 'CFG Scale',
	negative_prompt: 'Negative Prompt',
};
