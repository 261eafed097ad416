import type { EndpointSpec } from '../rules.mts';
import {
	ASPECTS_IMAGE,
	checkEnum,
	checkImage,
	checkText,
	KlingError,
	onlyKnownKeys,
} from '../checks.mts';

/** `/v1/images/omni-image` (docs/reference/kling-api.md#omni-image); returns the slots: n images. */
export function validateOmniImage(model: string, body: Record<string, unknown>): number {
	const known = [
		'model_name',
		'prompt',
		'image_list',
		'element_list',
		'resolution',
		'result_type',
		'n',
		'series_amount',
		'aspect_ratio',
		'watermark_info',
		'callback_url',
		'external_task_id',
	];
	onlyKnownKeys(body, known);
	checkText('prompt', body.prompt, 2500, true);
	const images = (body.image_list ?? []) as Array<{ image?: unknown }>;
	const elements = (body.element_list ?? []) as unknown[];
	if (images.length + elements.length > 10)
		throw new KlingError(400, 1201, 'image_list and element_list must have at most 10 in total');
	images.forEach((e, i) => checkImage(`image_list[${i}].image`, e?.image));
	checkEnum(
		'resolution',
		body.resolution,
		model === 'kling-v3-omni' ? ['1k', '2k', '4k'] : ['1k', '2k', '4k'],
	);
	checkEnum('aspect_ratio', body.aspect_ratio, [...ASPECTS_IMAGE, 'auto']);
	checkEnum(
		'result_type',
		body.result_type,
		model === 'kling-v3-omni' ? ['single', 'series'] : ['single'],
	);
	const n = body.n === undefined ? 1 : Number(body.n);
	if (!Number.isInteger(n) || n < 1 || n > 9)
		throw new KlingError(400, 1201, 'n must be an integer within [1, 9]');
	return n;
}

export const endpoint: EndpointSpec = {
	key: 'omniImage',
	standard: 'legacy',
	paths: ['images/omni-image'],
	result: 'image',
	models: { 'kling-image-o1': 'live', 'kling-v3-omni': 'live' },
	defaultModel: 'kling-image-o1',
	unitsPerImage: 8,
	validate: validateOmniImage,
};
