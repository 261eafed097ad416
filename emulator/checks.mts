/** What the endpoints' rules share: Kling's error, and the checks several endpoints make. */
import type { ModelState, ModelStatusTable } from './models.mts';

export const ASPECTS_VIDEO = ['16:9', '9:16', '1:1'];
export const ASPECTS_IMAGE = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'];
export const SECONDS_3_15 = Array.from({ length: 13 }, (_, i) => String(i + 3));
export const SECONDS_3_10 = Array.from({ length: 8 }, (_, i) => String(i + 3));

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
export function imageSize(
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

/** The model an endpoint is asked for, and whether it serves it: what a test's table says, else the docs. */
export function checkModel(
	endpoint: { key: string; models?: Record<string, ModelState> },
	model: string,
	table: ModelStatusTable,
	field = 'model_name',
): string {
	const state = table[endpoint.key]?.[model] ?? endpoint.models?.[model];
	if (state === 'live') return model;
	if (state === 'retired')
		throw new KlingError(
			404,
			1203,
			`The model '${model}' has been discontinued and is no longer available.`,
		);
	throw new KlingError(400, 1201, `${field} '${model}' is invalid for this endpoint`);
}

export function checkText(field: string, value: unknown, max: number, required = false): void {
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

export function checkEnum(field: string, value: unknown, allowed: string[]): void {
	if (value !== undefined && !allowed.includes(String(value))) {
		throw new KlingError(400, 1201, `${field} must be one of ${allowed.join(', ')}`);
	}
}

/** Prompt, negative prompt and callback URL, as image to video and the multi-image endpoints take them. */
export function checkCommon(body: Record<string, unknown>, promptRequired: boolean): void {
	checkText('prompt', body.prompt, 2500, promptRequired);
	checkText('negative_prompt', body.negative_prompt, 2500);
	checkCallbackUrl(body);
}

/** Every task endpoint's `callback_url`, where given. */
export function checkCallbackUrl(body: Record<string, unknown>): void {
	if (body.callback_url !== undefined && !/^https?:\/\//.test(String(body.callback_url)))
		throw new KlingError(400, 1201, 'callback_url must be an http(s) URL');
}

/** `voice_list[{voice_id}]` (docs/reference/kling-api.md#text-to-video, docs/reference/kling-api.md#image-to-video): kling-v2-6 with sound on (pro), ≤ 2, not with elements [C]. */
export function checkVoiceList(body: Record<string, unknown>, model: string): void {
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
export function checkVideoList(
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

/** `element_list[{element_id: long}]` (docs/reference/kling-api.md#image-to-video, docs/reference/kling-api.md#omni-video, docs/reference/kling-api.md#elements-and-voices); the server keeps the digits as a string. */
export function checkElementList(
	body: Record<string, unknown>,
	max: number,
	model: string,
): number {
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

export function onlyKnownKeys(body: Record<string, unknown>, known: string[]): void {
	for (const key of Object.keys(body)) {
		if (!known.includes(key)) throw new KlingError(400, 1201, `${key} is not a valid parameter`);
	}
}
