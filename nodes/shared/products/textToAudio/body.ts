import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { applyTaskOptions, getOptions } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

export function prepareTextToAudio(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body: IDataObject = {
		prompt: String(ctx.getNodeParameter('prompt', i, '') ?? ''),
		duration: Number(ctx.getNodeParameter('duration', i, 5)),
	};
	applyTaskOptions(body, options);
	return { body, media: [], model: '', route };
}
