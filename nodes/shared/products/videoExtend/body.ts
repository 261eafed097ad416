import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { commonBody, getOptions } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

export function prepareVideoExtend(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const video = String(ctx.getNodeParameter('video', i, '') ?? '').trim();
	if (/^https?:\/\//i.test(video))
		throw new InputError(
			'Video: Kling extends only its own videos, by their video ID ({{ $json.videos[0].id }} of the node that made it), not a URL',
		);
	const body = commonBody(ctx, i, options, false, route);
	// No model and no mode: Kling keeps the source video's.
	delete body.model_name;
	const extended: IDataObject = { video_id: video, ...body };
	if (options.cfgScale !== undefined) extended.cfg_scale = Number(options.cfgScale);
	return { body: extended, media: [], model: '', route };
}
