/** `/v1/images/multi-image2image` (docs/reference/kling-api.md#legacy-requests): 1 to 4 subjects, a scene and a style; returns the slots: n images. */
import type { EndpointSpec } from '../rules.mts';
import { ASPECTS_IMAGE, KlingError, checkCommon, checkEnum, checkImage } from '../checks.mts';

export function validateMultiImage2Image(model: string, body: Record<string, unknown>): number {
	checkCommon(body, false);
	const list = body.subject_image_list as Array<{ subject_image?: unknown }>;
	if (!Array.isArray(list) || list.length < 1 || list.length > 4)
		throw new KlingError(400, 1201, 'subject_image_list must have 1 to 4 images');
	list.forEach((e, i) => checkImage(`subject_image_list[${i}].subject_image`, e?.subject_image));
	const scene = body.scene_image ?? body.scence_image;
	if (scene !== undefined) checkImage('scene_image', scene);
	if (body.style_image !== undefined) checkImage('style_image', body.style_image);
	checkEnum('aspect_ratio', body.aspect_ratio, ASPECTS_IMAGE);
	const n = body.n === undefined ? 1 : Number(body.n);
	if (!Number.isInteger(n) || n < 1 || n > 9)
		throw new KlingError(400, 1201, 'n must be an integer within [1, 9]');
	return n;
}

export const endpoint: EndpointSpec = {
	key: 'multiImage2image',
	standard: 'legacy',
	// CometAPI's older pages route it through images/generations (server.mts relayRoute).
	paths: ['images/multi-image2image'],
	result: 'image',
	// [?] kling-v2-1 is in the vendor enum and in the V2.1 end-of-life group: live by default.
	models: { 'kling-v2-1': 'live', 'kling-v2': 'retired', 'kling-v1': 'retired' },
	defaultModel: 'kling-v2-1',
	unitsPerImage: 16,
	validate: validateMultiImage2Image,
};
