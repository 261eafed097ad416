import { z } from 'zod/v3';

import { taskOptions, textUpTo } from './fields';

/**
 * `POST /v1/general/custom-voices` (docs/reference/kling-api.md#elements-and-voices): a name of at
 * most 20 characters and the voice from an audio or video URL, or from a Kling video's ID.
 */
export const customVoiceSchema = z
	.object({
		voice_name: textUpTo(20).refine((v) => v.trim() !== '', { message: 'is required' }),
		voice_url: z
			.string()
			.regex(/^https?:\/\/\S+$/i, 'must be a public http(s) URL of an MP3, WAV, MP4 or MOV file')
			.optional(),
		video_id: z.string().min(1, 'is empty').optional(),
		...taskOptions,
	})
	.strict()
	.refine((b) => (b.voice_url === undefined) !== (b.video_id === undefined), {
		path: ['voice_url'],
		message: 'give one voice sample: a file URL or the ID of a Kling video',
	});

export const VOICE_LABELS = {
	voice_name: 'Name',
	voice_url: 'Voice Sample',
	video_id: 'Voice Sample',
};
