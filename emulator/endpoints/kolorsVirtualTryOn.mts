/**
 * `POST /v1/images/kolors-virtual-try-on` (docs/reference/kling-api.md#virtual-try-on): the older
 * try-on, a person and a garment (URL or raw Base64); relays still serve it, and Kling runs its
 * V1 and V1.5 requests on the 3.0 pipeline since 2026-09-15. One image, one slot.
 */
import { checkCallbackUrl, checkImage, onlyKnownKeys } from '../checks.mts';
import type { EndpointSpec } from '../rules.mts';

function validate(_model: string, body: Record<string, unknown>): number {
	onlyKnownKeys(body, [
		'model_name',
		'human_image',
		'cloth_image',
		'callback_url',
		'external_task_id',
	]);
	checkImage('human_image', body.human_image);
	checkImage('cloth_image', body.cloth_image);
	checkCallbackUrl(body);
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'kolorsVirtualTryOn',
	standard: 'legacy',
	paths: ['images/kolors-virtual-try-on'],
	result: 'image',
	models: { 'kolors-virtual-try-on-v1': 'live', 'kolors-virtual-try-on-v1-5': 'live' },
	defaultModel: 'kolors-virtual-try-on-v1',
	// [?] Kling's try-on price page was not captured.
	unitsPerImage: 0,
	validate,
};
