import type { EndpointSpec } from '../rules.mts';
import { checkLegacyStoryboard } from '../storyboard.mts';
import {
	ASPECTS_VIDEO,
	checkEnum,
	checkText,
	KlingError,
	onlyKnownKeys,
	SECONDS_3_15,
	checkCallbackUrl,
} from '../checks.mts';

/** `/v1/videos/text2video` (docs/reference/kling-api.md#text-to-video): kling-v3, kling-v2-6, kling-v2-5-turbo. */
export function validateText2Video(model: string, body: Record<string, unknown>): number {
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
	checkCallbackUrl(body);
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

export const endpoint: EndpointSpec = {
	key: 'text2video',
	standard: 'legacy',
	paths: ['videos/text2video'],
	result: 'video',
	models: {
		'kling-v3': 'live',
		'kling-v2-6': 'live',
		'kling-v2-5-turbo': 'live',
		'kling-v1-6': 'retired',
		'kling-v2-master': 'retired',
		'kling-v2-1-master': 'retired',
	},
	defaultModel: 'kling-v1',
	validate: validateText2Video,
};
