/**
 * `POST /v1/audio/text-to-audio` (docs/reference/kling-api.md#audio): a sound effect from a prompt
 * of at most 200 characters, 3.0 to 10.0 s with one decimal. No model, no watermark.
 */
import { checkText, KlingError, onlyKnownKeys, checkCallbackUrl } from '../checks.mts';
import type { EndpointSpec } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

function validate(_model: string, body: Record<string, unknown>): number {
	onlyKnownKeys(body, ['prompt', 'duration', 'callback_url', 'external_task_id']);
	checkText('prompt', body.prompt, 200, true);
	const d = body.duration;
	if (typeof d !== 'number' || d < 3 || d > 10 || Math.round(d * 10) !== d * 10)
		throw bad('duration must be a number from 3.0 to 10.0 with one decimal');
	checkCallbackUrl(body);
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'textToAudio',
	standard: 'legacy',
	paths: ['audio/text-to-audio'],
	result: 'audio',
	validate,
	seconds: (body) => Number(body.duration),
	// 0.25 video units per call ([V] kling-pricing-video.md).
	units: () => 0.25,
};
