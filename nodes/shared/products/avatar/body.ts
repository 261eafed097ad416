import type { IExecuteFunctions } from 'n8n-workflow';

import { audioSlot } from '../../input/audio';
import { applyTaskOptions, getOptions, imageSlot, setIfGiven } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

/** A sound of 2 to 300 s (docs/reference/kling-api.md#avatar). */
const SECONDS = { min: 2, max: 300 };

export function prepareAvatar(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = {};
	setIfGiven(body, 'prompt', ctx.getNodeParameter('prompt', i, ''));
	setIfGiven(body, 'mode', options.mode);
	if (options.watermark !== undefined)
		Object.assign(body, { watermark_info: { enabled: Boolean(options.watermark) } });
	applyTaskOptions(body, options);
	const image = imageSlot(ctx, i, ctx.getNodeParameter('image', i), 'Image', ['image']);
	const audio = audioSlot(ctx, i, SECONDS);
	return { body, media: [image, audio], model: '', route };
}
