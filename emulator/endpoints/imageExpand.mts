/**
 * `POST /v1/images/editing/expand` (docs/reference/kling-api.md#image-expand): an image and four
 * expansion ratios (0 to 2, all required), the new area at most 3 times the original's; 1 to 9
 * images, each a concurrency slot. No model.
 */
import { checkImage, checkText, KlingError, onlyKnownKeys, checkCallbackUrl } from '../checks.mts';
import type { EndpointSpec } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);
const SIDES = ['up', 'down', 'left', 'right'].map((s) => `${s}_expansion_ratio`);

function validate(_model: string, body: Record<string, unknown>): number {
	onlyKnownKeys(body, [
		'image',
		...SIDES,
		'prompt',
		'n',
		'watermark_info',
		'callback_url',
		'external_task_id',
	]);
	checkImage('image', body.image);
	const [up, down, left, right] = SIDES.map((key) => {
		const v = body[key];
		if (typeof v !== 'number' || v < 0 || v > 2) throw bad(`${key} is required, from 0 to 2`);
		return v;
	});
	if ((1 + up + down) * (1 + left + right) > 3)
		throw bad('the expanded area must not exceed 3 times the original image');
	checkText('prompt', body.prompt, 2500);
	const n = body.n ?? 1;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 9)
		throw bad('n must be 1 to 9');
	checkCallbackUrl(body);
	return n;
}

export const endpoint: EndpointSpec = {
	key: 'imageExpand',
	standard: 'legacy',
	paths: ['images/editing/expand'],
	result: 'image',
	// 8 image units per image ([V] kling-pricing-image.md).
	unitsPerImage: 8,
	validate,
};
