import type { EndpointSpec } from '../rules.mts';
import { checkLegacyStoryboard } from '../storyboard.mts';
import {
	ASPECTS_VIDEO,
	checkElementList,
	checkEnum,
	checkImage,
	checkText,
	checkVideoList,
	KlingError,
	onlyKnownKeys,
	SECONDS_3_10,
	SECONDS_3_15,
} from '../checks.mts';

/** `/v1/videos/omni-video` (docs/reference/kling-api.md#omni-video), as transcribed [T][C]. */
export function validateOmniVideo(model: string, body: Record<string, unknown>): number {
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

export const endpoint: EndpointSpec = {
	key: 'omniVideo',
	standard: 'legacy',
	paths: ['videos/omni-video'],
	result: 'video',
	models: { 'kling-v3-omni': 'live', 'kling-video-o1': 'live' },
	validate: validateOmniVideo,
};
