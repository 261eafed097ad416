import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getOptions } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

export function prepareTextToSpeech(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const language = String(ctx.getNodeParameter('language', i, 'en'));
	const body: IDataObject = {
		text: String(ctx.getNodeParameter('text', i, '') ?? ''),
		voice_id: String(ctx.getNodeParameter('voice', i, '') ?? '').trim(),
		voice_language: language,
	};
	if (options.speed !== undefined) body.voice_speed = Number(options.speed);
	return { body, media: [], model: '', route };
}
