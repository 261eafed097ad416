import { z } from 'zod/v3';

import { oneVideo, taskOptions, textUpTo, videoSource } from './fields';

/** The audio endpoints' documented rules (docs/reference/kling-api.md#audio). */

/** `POST /v1/audio/video-to-audio`: sound effects and music for a video of 3 to 20 s. */
export const videoToAudioSchema = z
	.object({
		...videoSource,
		sound_effect_prompt: textUpTo(200).optional(),
		bgm_prompt: textUpTo(200).optional(),
		asmr_mode: z.boolean().optional(),
		...taskOptions,
	})
	.strict()
	.superRefine(oneVideo);

export const VIDEO_TO_AUDIO_LABELS = {
	video_id: 'Video',
	video_url: 'Video',
	sound_effect_prompt: 'Sound Effects Prompt',
	bgm_prompt: 'Background Music Prompt',
	asmr_mode: 'ASMR Mode',
};
