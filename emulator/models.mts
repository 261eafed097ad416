/**
 * Which models each endpoint serves, and what they cost, as docs/reference/kling-api.md#models-and-prices describes them.
 * Written from the docs, independently of the package's catalogue. A test may declare a model
 * live or retired per endpoint (`modelStatus`), e.g. to see how a node meets error 1203.
 */

/** Legacy `/v1` endpoints and new-standard products, by one key each. */
export type Endpoint =
	| 'image2video'
	| 'text2video'
	| 'multiImage2video'
	| 'multiImage2image'
	| 'omniVideo'
	| 'omniImage'
	| 'element'
	| 'elementPresets'
	| 'new:image-to-video'
	| 'new:text-to-video'
	| 'new:omni-video';

export const LEGACY_PATHS: Record<string, Endpoint> = {
	'videos/image2video': 'image2video',
	'videos/text2video': 'text2video',
	'videos/multi-image2video': 'multiImage2video',
	'videos/omni-video': 'omniVideo',
	'images/multi-image2image': 'multiImage2image',
	// CometAPI's older pages route multi-image to image through the generations path.
	'images/generations': 'multiImage2image',
	'images/omni-image': 'omniImage',
	'general/advanced-custom-elements': 'element',
	'general/advanced-presets-elements': 'elementPresets',
};

export const IMAGE_ENDPOINTS: Endpoint[] = ['multiImage2image', 'omniImage'];

export type ModelState = 'live' | 'retired';
export type ModelStatusTable = Partial<Record<Endpoint, Record<string, ModelState>>>;

/** Which endpoints serve each model, and the retirement notices (docs/reference/kling-api.md#models-and-prices). */
export const DEFAULT_MODEL_STATUS: Required<ModelStatusTable> = {
	image2video: {
		'kling-v3': 'live',
		'kling-v2-6': 'live',
		'kling-v2-5-turbo': 'live',
		'kling-v1': 'retired',
		'kling-v1-5': 'retired',
		'kling-v1-6': 'retired',
		'kling-v2-master': 'retired',
		'kling-v2-1': 'retired',
		'kling-v2-1-master': 'retired',
	},
	text2video: {
		'kling-v3': 'live',
		'kling-v2-6': 'live',
		'kling-v2-5-turbo': 'live',
		'kling-v1-6': 'retired',
		'kling-v2-master': 'retired',
		'kling-v2-1-master': 'retired',
	},
	// [?] "very likely dead after 2026-09-15": live here by default; tests declare it retired.
	multiImage2video: { 'kling-v1-6': 'live', 'kling-v1': 'retired' },
	omniVideo: { 'kling-v3-omni': 'live', 'kling-video-o1': 'live' },
	// [?] kling-v2-1 is in the vendor enum and in the V2.1 end-of-life group: live by default.
	multiImage2image: { 'kling-v2-1': 'live', 'kling-v2': 'retired', 'kling-v1': 'retired' },
	omniImage: { 'kling-image-o1': 'live', 'kling-v3-omni': 'live' },
	'new:image-to-video': {
		'kling-3.0-turbo': 'live',
		'kling-3.0': 'live',
		'kling-2.6': 'live',
		'kling-2.5-turbo': 'live',
	},
	'new:text-to-video': {
		'kling-3.0-turbo': 'live',
		'kling-3.0': 'live',
		'kling-2.6': 'live',
		'kling-2.5-turbo': 'live',
	},
	'new:omni-video': { 'kling-3.0-omni': 'live', 'kling-o1': 'live' },
	// Elements (docs/reference/kling-api.md#elements-and-voices) take no model.
	element: {},
	elementPresets: {},
};

/** Legacy endpoints' model when the body names none (the docs' defaults). */
export const DEFAULT_MODEL: Partial<Record<Endpoint, string>> = {
	image2video: 'kling-v1',
	text2video: 'kling-v1',
	multiImage2video: 'kling-v1-6',
	multiImage2image: 'kling-v2-1',
	omniImage: 'kling-image-o1',
};

export function modelState(
	table: ModelStatusTable,
	endpoint: Endpoint,
	model: string,
): ModelState | undefined {
	return table[endpoint]?.[model] ?? DEFAULT_MODEL_STATUS[endpoint][model];
}

/** Video units per output second (docs/reference/kling-api.md#models-and-prices), by model family, resolution and sound. */
const VIDEO_UNITS: Record<
	string,
	{ silent: Record<string, number>; audio?: Record<string, number> }
> = {
	'3.0-turbo': { silent: { '720p': 0.8, '1080p': 1.0 } },
	'3.0': {
		silent: { '720p': 0.6, '1080p': 0.8, '4k': 3 },
		audio: { '720p': 0.9, '1080p': 1.2, '4k': 3 },
	},
	'3.0-omni': {
		silent: { '720p': 0.6, '1080p': 0.8, '4k': 3 },
		audio: { '720p': 0.8, '1080p': 1.0, '4k': 3 },
	},
	o1: { silent: { '720p': 0.6, '1080p': 0.8 } },
	'2.6': { silent: { '720p': 0.3, '1080p': 0.5 }, audio: { '1080p': 1.0 } },
	'2.5-turbo': { silent: { '720p': 0.3, '1080p': 0.5 } },
};

const FAMILY: Record<string, string> = {
	'kling-3.0-turbo': '3.0-turbo',
	'kling-3.0': '3.0',
	'kling-v3': '3.0',
	'kling-3.0-omni': '3.0-omni',
	'kling-v3-omni': '3.0-omni',
	'kling-o1': 'o1',
	'kling-video-o1': 'o1',
	'kling-2.6': '2.6',
	'kling-v2-6': '2.6',
	'kling-2.5-turbo': '2.5-turbo',
	'kling-v2-5-turbo': '2.5-turbo',
};

/** Units a video costs; older models (not priced in the 2026 docs) one unit per 5 s. */
export function videoUnits(
	model: string,
	resolution: string,
	audio: boolean,
	seconds: number,
): number {
	const table = VIDEO_UNITS[FAMILY[model] ?? ''];
	const perSecond = (audio ? table?.audio?.[resolution] : undefined) ?? table?.silent[resolution];
	const units = perSecond === undefined ? seconds / 5 : perSecond * seconds;
	return Math.round(units * 100) / 100;
}
