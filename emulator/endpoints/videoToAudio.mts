/**
 * `POST /v1/audio/video-to-audio` (docs/reference/kling-api.md#audio, video to audio): a Kling
 * video (by its video ID, ≤ 30 days old) or a video URL, exactly one, of 3 to 20 s. The result
 * holds the video with its new sound and the sound alone (MP3 and WAV).
 */
import { checkText, KlingError, onlyKnownKeys, checkCallbackUrl } from '../checks.mts';
import type { EndpointSpec, Known } from '../rules.mts';
import { checkSourceVideo } from '../videos.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

function validate(_model: string, body: Record<string, unknown>, known: Known): number {
	onlyKnownKeys(body, [
		'video_id',
		'video_url',
		'sound_effect_prompt',
		'bgm_prompt',
		'asmr_mode',
		'callback_url',
		'external_task_id',
	]);
	checkSourceVideo(body, known, { min: 3, max: 20 });
	checkText('sound_effect_prompt', body.sound_effect_prompt, 200);
	checkText('bgm_prompt', body.bgm_prompt, 200);
	if (body.asmr_mode !== undefined && typeof body.asmr_mode !== 'boolean')
		throw bad('asmr_mode must be a boolean');
	checkCallbackUrl(body);
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'videoToAudio',
	standard: 'legacy',
	paths: ['audio/video-to-audio'],
	result: 'video+audio',
	validate,
	// 0.25 video units per call ([V] kling-pricing-video.md).
	units: () => 0.25,
};
