/** `/v1/videos/multi-image2video` (docs/reference/kling-api.md#legacy-requests): 1 to 4 images. */
import type { EndpointSpec } from '../rules.mts';
import { ASPECTS_VIDEO, KlingError, checkCommon, checkEnum, checkImage } from '../checks.mts';

export function validateMultiImage2Video(model: string, body: Record<string, unknown>): number {
	checkCommon(body, true);
	const list = body.image_list as Array<{ image?: unknown }>;
	if (!Array.isArray(list) || list.length < 1 || list.length > 4)
		throw new KlingError(400, 1201, 'image_list must have 1 to 4 images');
	list.forEach((e, i) => checkImage(`image_list[${i}].image`, e?.image));
	checkEnum('mode', body.mode, ['std', 'pro']);
	checkEnum('duration', body.duration, ['5', '10']);
	checkEnum('aspect_ratio', body.aspect_ratio, ASPECTS_VIDEO);
	for (const f of ['cfg_scale', 'static_mask', 'dynamic_masks', 'camera_control', 'image_tail']) {
		if (body[f] !== undefined)
			throw new KlingError(400, 1201, `${f} is not supported on this endpoint`);
	}
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'multiImage2video',
	standard: 'legacy',
	paths: ['videos/multi-image2video'],
	result: 'video',
	// [?] "very likely dead after 2026-09-15": live here by default; tests declare it retired.
	models: { 'kling-v1-6': 'live', 'kling-v1': 'retired' },
	defaultModel: 'kling-v1-6',
	validate: validateMultiImage2Video,
};
