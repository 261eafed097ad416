import type { EndpointSpec } from '../rules.mts';
import { KlingError, checkEnum, checkImage, checkText, onlyKnownKeys } from '../checks.mts';

/** `POST /v1/general/advanced-custom-elements` (docs/reference/kling-api.md#elements-and-voices). */
export function validateElement(body: Record<string, unknown>): number {
	onlyKnownKeys(body, [
		'element_name',
		'element_description',
		'reference_type',
		'element_image_list',
		'element_video_list',
		'element_voice_id',
		'tag_list',
		'callback_url',
		'external_task_id',
	]);
	checkText('element_name', body.element_name, 20, true);
	checkText('element_description', body.element_description, 100, true);
	checkEnum('reference_type', body.reference_type ?? '', ['image_refer', 'video_refer']);
	if (body.reference_type === 'image_refer') {
		const list = body.element_image_list as { frontal_image?: unknown; refer_images?: unknown };
		if (!list || typeof list !== 'object')
			throw new KlingError(400, 1201, 'element_image_list is required for image_refer');
		checkImage('element_image_list.frontal_image', list.frontal_image);
		const refs = list.refer_images as Array<{ image_url?: unknown }>;
		if (!Array.isArray(refs) || refs.length < 1 || refs.length > 3)
			throw new KlingError(400, 1201, 'element_image_list.refer_images must have 1 to 3 images');
		refs.forEach((r, i) =>
			checkImage(`element_image_list.refer_images[${i}].image_url`, r?.image_url),
		);
	} else {
		const videos = (body.element_video_list as { refer_videos?: unknown[] })?.refer_videos;
		if (!Array.isArray(videos) || videos.length !== 1)
			throw new KlingError(400, 1201, 'element_video_list.refer_videos must have exactly 1 video');
	}
	if (body.element_voice_id !== undefined && typeof body.element_voice_id !== 'string')
		throw new KlingError(400, 1201, 'element_voice_id must be a string');
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'element',
	standard: 'legacy',
	paths: ['general/advanced-custom-elements'],
	result: 'element',
	// Elements take no model (docs/reference/kling-api.md#elements-and-voices).
	validate: (_model, body) => validateElement(body),
};
