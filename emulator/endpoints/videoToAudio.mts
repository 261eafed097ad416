/**
 * `POST /v1/audio/video-to-audio` (docs/reference/kling-api.md#audio, video to audio): a Kling
 * video (by its video ID, ≤ 30 days old) or a video URL, exactly one, of 3 to 20 s. The result
 * holds the video with its new sound and the sound alone (MP3 and WAV).
 */
import { checkText, KlingError, onlyKnownKeys } from '../checks.mts';
import type { EndpointSpec, Known } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

/** An earlier video, by ID or URL: what the products that take one check alike. */
export function checkSourceVideo(
	body: Record<string, unknown>,
	known: Known,
	seconds: { min: number; max: number },
): void {
	const { video_id: id, video_url: url } = body;
	if ((id === undefined) === (url === undefined))
		throw bad('exactly one of video_id and video_url is required');
	if (url !== undefined && !/^https?:\/\/\S+$/i.test(String(url)))
		throw bad('video_url must be a video URL (mp4/mov)');
	if (id === undefined) return;
	const video = known.result('video', String(id));
	if (!video) throw bad('video_id is invalid: no video with this id, or it is older than 30 days');
	if (video.seconds < seconds.min || video.seconds > seconds.max + 0.5)
		throw bad(`the video must be ${seconds.min} to ${seconds.max} seconds long`);
}

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
	if (body.callback_url !== undefined && !/^https?:\/\//.test(String(body.callback_url)))
		throw bad('callback_url must be an http(s) URL');
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
