import { z } from 'zod/v3';

import {
	between,
	common,
	oneSound,
	oneVideo,
	soundSource,
	taskOptions,
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
