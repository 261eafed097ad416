import type { IExecuteFunctions } from 'n8n-workflow';

import type { MediaRules } from '../../input/media';
import { applyTaskOptions, getOptions, mediaSlot, setIfGiven } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

/** A Kling video of 3 to 20 s, or an MP4/MOV URL up to 100 MB (docs/reference/kling-api.md#audio). */
const VIDEO: MediaRules = {
	maxBytes: 100 * 1024 * 1024,
	seconds: { min: 3, max: 20 },
	base64: false,
};

export function prepareVideoToAudio(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = {};
	setIfGiven(body, 'sound_effect_prompt', ctx.getNodeParameter('soundEffectPrompt', i, ''));
	setIfGiven(body, 'bgm_prompt', ctx.getNodeParameter('bgmPrompt', i, ''));
	if (options.asmrMode !== undefined) Object.assign(body, { asmr_mode: Boolean(options.asmrMode) });
	applyTaskOptions(body, options);
	const video = mediaSlot(
		ctx,
		i,
		{ value: ctx.getNodeParameter('video', i), field: 'Video', kind: 'video', rules: VIDEO },
		['video_url'],
		['video_id'],
	);
	return { body, media: [video], model: '', route };
}
