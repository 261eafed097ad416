/**
 * `POST /v1/videos/avatar/image2video` (docs/reference/kling-api.md#avatar): a portrait and the
 * sound it speaks: the ID of a Kling text-to-speech audio, or a sound file (URL or Base64, mp3,
 * wav, m4a or aac, at most 5 MB, 2 to 300 s), exactly one. The video is as long as the sound.
 */
import { checkEnum, checkImage, checkText, onlyKnownKeys, checkCallbackUrl } from '../checks.mts';
import type { Created, EndpointSpec, Known } from '../rules.mts';
import { checkSound } from '../sounds.mts';

const SECONDS = { min: 2, max: 300 };

function validate(_model: string, body: Record<string, unknown>, known: Known): Created {
	onlyKnownKeys(body, [
		'image',
		'audio_id',
		'sound_file',
		'prompt',
		'mode',
		'watermark_info',
		'callback_url',
		'external_task_id',
	]);
	checkImage('image', body.image);
	const seconds = checkSound(body, known, SECONDS);
	checkText('prompt', body.prompt, 2500);
	checkEnum('mode', body.mode, ['std', 'pro']);
	checkCallbackUrl(body);
	return { slots: 1, seconds };
}

export const endpoint: EndpointSpec = {
	key: 'avatar',
	standard: 'legacy',
	paths: ['videos/avatar/image2video'],
	result: 'video',
	validate,
	// 0.4 video units per second (std), 0.8 (pro) ([V] kling-pricing-video.md).
	units: ({ body, seconds }) =>
		Math.round((body.mode === 'pro' ? 0.8 : 0.4) * Math.ceil(seconds ?? 5) * 100) / 100,
};
