/**
 * The emulator's model of Kling's request rules (docs/reference/kling-api.md#legacy-requests), written from the docs, not from
 * the package: what Kling would refuse with 1201 or 1203 before a task is created.
 */
import { DEFAULT_MODEL, type Endpoint, type ModelStatusTable, modelState } from './models.mts';
import { checkLegacyStoryboard } from './storyboard.mts';

const ASPECTS_VIDEO = ['16:9', '9:16', '1:1'];
const ASPECTS_IMAGE = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'];
const SECONDS_3_15 = Array.from({ length: 13 }, (_, i) => String(i + 3));
const SECONDS_3_10 = Array.from({ length: 8 }, (_, i) => String(i + 3));

export class KlingError extends Error {
	constructor(
		readonly http: number,
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

/** Width/height of a PNG or JPEG, parsed independently of the package's own checks. */
function imageSize(
	buf: Buffer,
): { format: 'png' | 'jpeg'; width: number; height: number } | undefined {
	if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47) {
		return { format: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
	}
	if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
		let o = 2;
		while (o + 9 < buf.length) {
			if (buf[o] !== 0xff) return undefined;
			const marker = buf[o + 1];
			const len = buf.readUInt16BE(o + 2);
			if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
				return { format: 'jpeg', height: buf.readUInt16BE(o + 5), width: buf.readUInt16BE(o + 7) };
			}
			o += 2 + len;
		}
	}
	return undefined;
}

export function checkImage(field: string, value: unknown, strictAspect = true, maxMb = 10): void {
	if (typeof value !== 'string' || value.length === 0)
		throw new KlingError(400, 1201, `${field} is required`);
	if (/^https?:\/\//i.test(value)) return;
	if (value.startsWith('data:'))
		throw new KlingError(400, 1201, `${field}: Base64 must not carry a data: prefix`);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0)
		throw new KlingError(400, 1201, `${field}: invalid image, expected a URL or Base64`);
	const buf = Buffer.from(value, 'base64');
	if (buf.length > maxMb * 1024 * 1024)
		throw new KlingError(400, 1201, `${field}: image larger than ${maxMb}MB`);
	const size = imageSize(buf);
	if (!size) throw new KlingError(400, 1201, `${field}: image format must be jpg, jpeg or png`);
	if (size.width < 300 || size.height < 300)
		throw new KlingError(400, 1201, `${field}: image must be at least 300px`);
	const ratio = size.width / size.height;
	if (strictAspect && (ratio > 2.5 || ratio < 0.4))
		throw new KlingError(400, 1201, `${field}: aspect ratio must be between 1:2.5 and 2.5:1`);
}

function checkModel(
	endpoint: Endpoint,
	body: Record<string, unknown>,
	table: ModelStatusTable,
): string {
	const model = String(body.model_name ?? DEFAULT_MODEL[endpoint]);
	const state = modelState(table, endpoint, model);
	if (state === 'live') return model;
	if (state === 'retired')
		throw new KlingError(
			404,
			1203,
			`The model '${model}' has been discontinued and is no longer available.`,
		);
	throw new KlingError(400, 1201, `model_name '${model}' is invalid`);
}

function checkText(field: string, value: unknown, max: number, required = false): void {
	if (value === undefined || value === null) {
		if (required) throw new KlingError(400, 1201, `${field} is required`);
		return;
	}
	if (typeof value !== 'string') throw new KlingError(400, 1201, `${field} must be a string`);
	if (required && value.trim() === '') throw new KlingError(400, 1201, `${field} is required`);
	// Characters, as Kling counts them: an emoji is one, though it takes two UTF-16 units.
	if ([...value].length > max)
		throw new KlingError(400, 1201, `${field} must be at most ${max} characters`);
}

function checkEnum(field: string, value: unknown, allowed: string[]): void {
	if (value !== undefined && !allowed.includes(String(value))) {
		throw new KlingError(400, 1201, `${field} must be one of ${allowed.join(', ')}`);
	}
}

/** Kling's documented request rules; returns the concurrency slots the task needs. */
export function validate(
	endpoint: Endpoint,
	body: Record<string, unknown>,
	table: ModelStatusTable = {},
): number {
	if (endpoint === 'element') return validateElement(body);
	if (endpoint === 'elementPresets') throw new KlingError(404, 1202, 'requested method is invalid');
	const model = checkModel(endpoint, body, table);
	if (endpoint === 'omniVideo') return validateOmniVideo(model, body);
	if (endpoint === 'omniImage') return validateOmniImage(model, body);
	if (endpoint === 'text2video') return validateText2Video(model, body);
	checkText('prompt', body.prompt, 2500, endpoint === 'multiImage2video');
	checkText('negative_prompt', body.negative_prompt, 2500);
	if (body.callback_url !== undefined && !/^https?:\/\//.test(String(body.callback_url))) {
		throw new KlingError(400, 1201, 'callback_url must be an http(s) URL');
	}
	if (endpoint === 'image2video') {
		checkImage('image', body.image);
		if (body.image_tail !== undefined) checkImage('image_tail', body.image_tail, false);
		checkEnum('mode', body.mode, model === 'kling-v3' ? ['std', 'pro', '4k'] : ['std', 'pro']);
		checkEnum('duration', body.duration, model === 'kling-v3' ? SECONDS_3_15 : ['5', '10']);
		checkEnum('sound', body.sound, ['on', 'off']);
		// docs/reference/kling-api.md#image-to-video: 2.6 sound needs pro; 2.6 and 2.5 Turbo end frames need 1080p (pro).
		if (model === 'kling-v2-6' && body.sound === 'on' && body.mode !== 'pro')
			throw new KlingError(400, 1201, 'sound on requires mode pro for kling-v2-6');
		if (
			['kling-v2-6', 'kling-v2-5-turbo'].includes(model) &&
			body.image_tail !== undefined &&
			body.mode !== 'pro'
		)
			throw new KlingError(400, 1201, `image_tail requires mode pro for ${model}`);
		if (body.cfg_scale !== undefined) {
			const c = Number(body.cfg_scale);
			if (!(c >= 0 && c <= 1)) throw new KlingError(400, 1201, 'cfg_scale must be within [0, 1]');
		}
		const groups = [
			body.image_tail !== undefined,
			body.static_mask !== undefined || body.dynamic_masks !== undefined,
			body.camera_control !== undefined,
		];
		if (groups.filter(Boolean).length > 1) {
			throw new KlingError(
				400,
				1201,
				'image_tail, static_mask/dynamic_masks and camera_control cannot be used together',
			);
		}
		if (body.static_mask !== undefined) checkImage('static_mask', body.static_mask, false);
		if (body.dynamic_masks !== undefined) {
			const masks = body.dynamic_masks as Array<{ mask?: unknown; trajectories?: unknown[] }>;
			if (!Array.isArray(masks) || masks.length < 1 || masks.length > 6)
				throw new KlingError(400, 1201, 'dynamic_masks must have 1 to 6 groups');
			masks.forEach((m, i) => {
				checkImage(`dynamic_masks[${i}].mask`, m.mask, false);
				if (
					!Array.isArray(m.trajectories) ||
					m.trajectories.length < 2 ||
					m.trajectories.length > 77
				) {
					throw new KlingError(
						400,
						1201,
						`dynamic_masks[${i}].trajectories must have 2 to 77 points`,
					);
				}
			});
		}
		checkLegacyStoryboard(body, model, ['kling-v3']);
		checkElementList(body, model === 'kling-v3' ? 3 : 0, model);
		checkVoiceList(body, model);
		if (body.camera_control !== undefined) {
			const cc = body.camera_control as { type?: string; config?: Record<string, number> };
			checkEnum('camera_control.type', cc.type, [
				'simple',
				'down_back',
				'forward_up',
				'right_turn_forward',
				'left_turn_forward',
			]);
			if (cc.type === 'simple') {
				const values = Object.values(cc.config ?? {}).filter((v) => Number(v) !== 0);
				if (values.length !== 1)
					throw new KlingError(
						400,
						1201,
						'camera_control.config: exactly one of the six values must be non-zero',
					);
			}
		}
		return 1;
	}
	if (endpoint === 'multiImage2video') {
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

/** `voice_list[{voice_id}]` (docs/reference/kling-api.md#text-to-video, docs/reference/kling-api.md#image-to-video): kling-v2-6 with sound on (pro), ≤ 2, not with elements [C]. */
function checkVoiceList(body: Record<string, unknown>, model: string): void {
	if (body.voice_list === undefined) return;
	const list = body.voice_list as Array<{ voice_id?: unknown }>;
	if (model !== 'kling-v2-6')
		throw new KlingError(400, 1201, `voice_list is not supported by ${model}`);
	if (!Array.isArray(list) || list.length < 1 || list.length > 2)
		throw new KlingError(400, 1201, 'voice_list must have 1 to 2 voices');
	if (list.some((v) => typeof v?.voice_id !== 'string' || v.voice_id === ''))
		throw new KlingError(400, 1201, 'voice_list voice_id must be a string');
	if (body.sound !== 'on') throw new KlingError(400, 1201, 'voice_list requires sound on');
	if (body.element_list !== undefined)
		throw new KlingError(400, 1201, 'voice_list cannot be combined with element_list');
}

/** `video_list[{video_url, refer_type, keep_original_sound}]` (docs/reference/kling-api.md#omni-video): one video, feature or base. */
function checkVideoList(
	body: Record<string, unknown>,
	images: Array<{ type?: unknown }>,
	videos: unknown[],
): void {
	if (!Array.isArray(videos)) throw new KlingError(400, 1201, 'video_list must be an array');
	if (videos.length > 1) throw new KlingError(400, 1201, 'video_list must have at most 1 video');
	const video = videos[0] as Record<string, unknown> | undefined;
	if (!video) return;
	if (!/^https?:\/\//.test(String(video.video_url ?? '')))
		throw new KlingError(400, 1201, 'video_list[0].video_url must be a video URL');
	checkEnum('video_list[0].refer_type', video.refer_type ?? '', ['feature', 'base']);
	checkEnum('video_list[0].keep_original_sound', video.keep_original_sound, ['yes', 'no']);
	if (video.refer_type === 'base') {
		if (images.some((e) => e?.type === 'first_frame' || e?.type === 'end_frame'))
			throw new KlingError(400, 1201, 'a base video takes no first or end frame');
		if (body.multi_shot === true)
			throw new KlingError(400, 1201, 'multi_shot is not supported with a base video');
		if (body.duration !== undefined)
			throw new KlingError(400, 1201, 'duration follows the base video and cannot be set');
	}
}

/** `POST /v1/general/advanced-custom-elements` (docs/reference/kling-api.md#elements-and-voices). */
function validateElement(body: Record<string, unknown>): number {
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

/** `element_list[{element_id: long}]` (docs/reference/kling-api.md#image-to-video, docs/reference/kling-api.md#omni-video, docs/reference/kling-api.md#elements-and-voices); the server keeps the digits as a string. */
function checkElementList(body: Record<string, unknown>, max: number, model: string): number {
	if (body.element_list === undefined) return 0;
	const list = body.element_list as Array<Record<string, unknown>>;
	if (!Array.isArray(list)) throw new KlingError(400, 1201, 'element_list must be an array');
	if (max === 0) throw new KlingError(400, 1201, `element_list is not supported by ${model}`);
	if (list.length > max)
		throw new KlingError(400, 1201, `element_list must have at most ${max} elements for ${model}`);
	list.forEach((e, i) => {
		if (typeof e?.element_id !== 'string' || !/^\d{1,19}$/.test(e.element_id))
			throw new KlingError(400, 1201, `element_list[${i}].element_id must be an integer`);
	});
	return list.length;
}

function onlyKnownKeys(body: Record<string, unknown>, known: string[]): void {
	for (const key of Object.keys(body)) {
		if (!known.includes(key)) throw new KlingError(400, 1201, `${key} is not a valid parameter`);
	}
}

/** `/v1/videos/omni-video` (docs/reference/kling-api.md#omni-video), as transcribed [T][C]. */
function validateOmniVideo(model: string, body: Record<string, unknown>): number {
	const known = [
		'model_name',
		'prompt',
		'image_list',
		'element_list',
		'video_list',
		'mode',
		'aspect_ratio',
		'duration',
		'sound',
		'multi_shot',
		'shot_type',
		'multi_prompt',
		'watermark_info',
		'callback_url',
		'external_task_id',
	];
	onlyKnownKeys(body, known);
	const storyboard = body.multi_shot === true && body.shot_type === 'customize';
	checkText('prompt', body.prompt, 2500, !storyboard);
	checkLegacyStoryboard(body, model, ['kling-v3-omni']);
	const images = (body.image_list ?? []) as Array<{ image_url?: unknown; type?: unknown }>;
	const videos = (body.video_list ?? []) as unknown[];
	if (!Array.isArray(images)) throw new KlingError(400, 1201, 'image_list must be an array');
	const limit = videos.length ? 4 : 7;
	if (images.length > limit)
		throw new KlingError(400, 1201, `image_list must have at most ${limit} images`);
	const elements = checkElementList(body, limit, model);
	if (images.length + elements > limit)
		throw new KlingError(
			400,
			1201,
			`image_list and element_list must have at most ${limit} in total`,
		);
	images.forEach((e, i) => {
		checkImage(`image_list[${i}].image_url`, e?.image_url);
		checkEnum(`image_list[${i}].type`, e?.type, ['first_frame', 'end_frame']);
	});
	const first = images.some((e) => e?.type === 'first_frame');
	checkVideoList(body, images, videos);
	checkEnum('mode', body.mode, model === 'kling-v3-omni' ? ['std', 'pro', '4k'] : ['std', 'pro']);
	checkEnum('duration', body.duration, model === 'kling-v3-omni' ? SECONDS_3_15 : SECONDS_3_10);
	if (!first && body.aspect_ratio === undefined)
		throw new KlingError(400, 1201, 'aspect_ratio is required without a first frame');
	checkEnum('aspect_ratio', body.aspect_ratio, ASPECTS_VIDEO);
	if (body.sound !== undefined) {
		if (model !== 'kling-v3-omni')
			throw new KlingError(400, 1201, `sound is not supported by ${model}`);
		checkEnum('sound', body.sound, ['on', 'off']);
		if (body.sound === 'on' && videos.length)
			throw new KlingError(400, 1201, 'sound on is not supported with video input');
	}
	return 1;
}

/** `/v1/videos/text2video` (docs/reference/kling-api.md#text-to-video): kling-v3, kling-v2-6, kling-v2-5-turbo. */
function validateText2Video(model: string, body: Record<string, unknown>): number {
	onlyKnownKeys(body, [
		'model_name',
		'prompt',
		'negative_prompt',
		'cfg_scale',
		'sound',
		'mode',
		'aspect_ratio',
		'duration',
		'multi_shot',
		'shot_type',
		'multi_prompt',
		'voice_list',
		'watermark_info',
		'callback_url',
		'external_task_id',
	]);
	const storyboard = body.multi_shot === true && body.shot_type === 'customize';
	checkText('prompt', body.prompt, 2500, !storyboard);
	checkText('negative_prompt', body.negative_prompt, 2500);
	if (body.callback_url !== undefined && !/^https?:\/\//.test(String(body.callback_url)))
		throw new KlingError(400, 1201, 'callback_url must be an http(s) URL');
	const v3 = model === 'kling-v3';
	checkEnum('mode', body.mode, v3 ? ['std', 'pro', '4k'] : ['std', 'pro']);
	checkEnum('duration', body.duration, v3 ? SECONDS_3_15 : ['5', '10']);
	checkEnum('aspect_ratio', body.aspect_ratio, ASPECTS_VIDEO);
	checkEnum('sound', body.sound, ['on', 'off']);
	if (body.sound === 'on' && model === 'kling-v2-5-turbo')
		throw new KlingError(400, 1201, 'sound is not supported by kling-v2-5-turbo');
	if (model === 'kling-v2-6' && body.sound === 'on' && body.mode !== 'pro')
		throw new KlingError(400, 1201, 'sound on requires mode pro for kling-v2-6');
	checkLegacyStoryboard(body, model, ['kling-v3']);
	return 1;
}

/** `/v1/images/omni-image` (docs/reference/kling-api.md#omni-image); returns the slots: n images. */
function validateOmniImage(model: string, body: Record<string, unknown>): number {
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
