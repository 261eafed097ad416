/**
 * `POST /v1/videos/motion-control` (docs/reference/kling-api.md#motion-control, the legacy
 * table): a character image and a motion video, both required; an element on kling-v3 only.
 */
import {
	checkElementList,
	checkEnum,
	checkImage,
	checkText,
	KlingError,
	onlyKnownKeys,
	checkCallbackUrl,
} from '../checks.mts';
import type { EndpointSpec } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

/** Units per output second ([V] kling-pricing-video.md), by model and resolution. */
export const MOTION_UNITS: Record<string, Record<string, number>> = {
	'kling-v3': { '720p': 0.9, '1080p': 1.2 },
	'kling-3.0': { '720p': 0.9, '1080p': 1.2 },
	'kling-v2-6': { '720p': 0.5, '1080p': 0.8 },
	'kling-2.6': { '720p': 0.5, '1080p': 0.8 },
};

/**
 * The output follows the usable motion of the reference video; the emulator cannot watch it, so
 * every result is as long as its sample motion video, 5 s.
 */
export const MOTION_SECONDS = 5;

/** A reference video: Kling downloads it, so only a URL will do. */
export function checkMotionVideo(field: string, value: unknown): void {
	if (typeof value !== 'string' || value === '') throw bad(`${field} is required`);
	if (!/^https?:\/\/\S+$/i.test(value)) throw bad(`${field} must be a video URL (mp4/mov)`);
}

function validate(model: string, body: Record<string, unknown>): number {
	onlyKnownKeys(body, [
		'model_name',
		'prompt',
		'image_url',
		'video_url',
		'character_orientation',
		'mode',
		'keep_original_sound',
		'element_list',
		'watermark_info',
		'callback_url',
		'external_task_id',
	]);
	checkText('prompt', body.prompt, 2500);
	checkImage('image_url', body.image_url);
	checkMotionVideo('video_url', body.video_url);
	if (body.character_orientation === undefined) throw bad('character_orientation is required');
	checkEnum('character_orientation', body.character_orientation, ['image', 'video']);
	if (body.mode === undefined) throw bad('mode is required');
	checkEnum('mode', body.mode, ['std', 'pro']);
	checkEnum('keep_original_sound', body.keep_original_sound, ['yes', 'no']);
	checkElementList(body, model === 'kling-v3' ? 1 : 0, model);
	checkCallbackUrl(body);
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'motionControl',
	standard: 'legacy',
	paths: ['videos/motion-control'],
	result: 'video',
	models: { 'kling-v3': 'live', 'kling-v2-6': 'live' },
	defaultModel: 'kling-v2-6',
	validate,
	units: ({ body }) =>
		MOTION_UNITS[String(body.model_name ?? 'kling-v2-6')][body.mode === 'pro' ? '1080p' : '720p'] *
		MOTION_SECONDS,
};
