import { z } from 'zod/v3';

import { oneOf, oneVideo, taskOptions, textUpTo, videoSource } from './fields';

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

/** `POST /v1/audio/text-to-audio`: a sound effect from a prompt, 3.0 to 10.0 s (one decimal). */
export const textToAudioSchema = z
	.object({
		prompt: textUpTo(200).refine((v) => v.trim() !== '', { message: 'is required' }),
		duration: z.unknown().refine(
			(v) => typeof v === 'number' && v >= 3 && v <= 10 && Math.round(v * 10) === v * 10,
			(v) => ({ message: `${String(v)} is not allowed; use 3.0 to 10.0 seconds, one decimal` }),
		),
		...taskOptions,
	})
	.strict();

/** `POST /v1/audio/tts`: synchronous; the voice and its language must match. */
export const textToSpeechSchema = z
	.object({
		text: textUpTo(1000).refine((v) => v.trim() !== '', { message: 'is required' }),
		voice_id: z.string().min(1, 'is empty; choose a voice or enter its ID'),
		voice_language: oneOf(['zh', 'en']),
		voice_speed: z
			.unknown()
			.refine(
				(v) => typeof v === 'number' && v >= 0.8 && v <= 2,
				(v) => ({ message: `${String(v)} is outside 0.8 to 2.0` }),
			)
			.optional(),
	})
	.strict();

export const AUDIO_LABELS = {
	duration: 'Duration (Seconds)',
	text: 'Text',
	voice_id: 'Voice',
	voice_language: 'Language',
	voice_speed: 'Speed',
};
