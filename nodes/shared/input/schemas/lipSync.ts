import { z } from 'zod/v3';

import {
	between,
	common,
	oneOf,
	oneSound,
	oneVideo,
	soundSource,
	taskOptions,
	textUpTo,
	videoSource,
} from './fields';

/**
 * Lip-sync's documented rules (docs/reference/kling-api.md#lip-sync): the faces of a video are
 * identified first (a synchronous call), then one face speaks a sound. The session and face are
 * filled in right before the create is sent (with the audio's span, once its length is known:
 * products/lipSync/faces.ts); the times are milliseconds.
 */

/** `POST /v1/videos/identify-face`: a Kling video by its ID or a video URL, exactly one. */
export const identifyFaceSchema = z.object(videoSource).strict().superRefine(oneVideo);

const ms = z.unknown().refine(
	(v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
	(v) => ({ message: `${String(v)} is not a time; give whole milliseconds from 0` }),
);

const face = z
	.object({
		face_id: z.string(),
		...soundSource,
		sound_start_time: ms,
		sound_end_time: ms,
		sound_insert_time: ms,
		sound_volume: between(0, 2).optional(),
		original_audio_volume: between(0, 2).optional(),
	})
	.strict()
	.superRefine(oneSound);

/** `POST /v1/videos/advanced-lip-sync`: one face (Kling takes one person at a time). */
export const advancedLipSyncSchema = z
	.object({
		session_id: z.string(),
		face_choose: z.array(face).length(1, 'Kling lip-syncs one face at a time'),
		watermark_info: common.watermark_info,
		...taskOptions,
	})
	.strict();

export const LIP_SYNC_LABELS = {
	video_id: 'Video',
	video_url: 'Video',
	'face_choose.#.sound_file': 'Audio',
	'face_choose.#.audio_id': 'Audio',
	'face_choose.#.sound_start_time': 'Audio Start (Seconds)',
	'face_choose.#.sound_end_time': 'Audio End (Seconds)',
	'face_choose.#.sound_insert_time': 'Start in Video At (Seconds)',
	'face_choose.#.sound_volume': 'Audio Volume',
	'face_choose.#.original_audio_volume': 'Original Audio Volume',
};

/**
 * The older one-shot `POST /v1/videos/lip-sync`: everything in `input`, a video (Kling video ID
 * or URL) and either a text for a TTS voice (≤ 120 characters) or an audio (file or URL).
 */
export const lipSyncOneShotSchema = z
	.object({
		input: z
			.object({
				...videoSource,
				mode: oneOf(['text2video', 'audio2video']),
				text: textUpTo(120).optional(),
				voice_id: z.string().min(1, 'is empty').optional(),
				voice_language: oneOf(['zh', 'en']).optional(),
				voice_speed: between(0.8, 2).optional(),
				audio_type: oneOf(['file', 'url']).optional(),
				audio_file: z.string().optional(),
				audio_url: z.string().optional(),
				// Relays that run it on the parent task's account (products/lipSyncOneShot/body.ts).
				task_id: z.string().optional(),
			})
			.strict()
			.superRefine(oneVideo)
			.superRefine((input, issues) => {
				const text = input.mode === 'text2video';
				if (text && !(input.text ?? '').trim())
					issues.addIssue({ code: 'custom', path: ['text'], message: 'is required' });
				if (!text && input.audio_file === undefined && input.audio_url === undefined)
					issues.addIssue({ code: 'custom', path: ['audio_file'], message: 'is required' });
			}),
		callback_url: common.callback_url,
	})
	.strict();

export const LIP_SYNC_ONE_SHOT_LABELS = {
	'input.video_id': 'Video',
	'input.video_url': 'Video',
	'input.text': 'Text',
	'input.voice_id': 'Voice',
	'input.voice_language': 'Language',
	'input.voice_speed': 'Speed',
	'input.audio_file': 'Audio',
	'input.audio_url': 'Audio',
};
