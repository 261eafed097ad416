import { z } from 'zod/v3';

import { common, image, oneOf, oneSound, soundSource, taskOptions, text } from './fields';

/**
 * `POST /v1/videos/avatar/image2video` (docs/reference/kling-api.md#avatar): a portrait and the
 * sound it speaks (2 to 300 s), with an optional prompt for actions and camera. No model.
 */
export const avatarSchema = z
	.object({
		image,
		...soundSource,
		prompt: text.optional(),
		mode: oneOf(['std', 'pro']).optional(),
		watermark_info: common.watermark_info,
		...taskOptions,
	})
	.strict()
	.superRefine(oneSound);

export const AVATAR_LABELS = { sound_file: 'Audio', audio_id: 'Audio' };
