import type { IExecuteFunctions } from 'n8n-workflow';

import { applyVideoSettings, commonBody, getOptions } from '../../input/request';
import { applyIdList } from '../../input/elements';
import { applyStoryboard } from '../../input/storyboard';
import type { PreparedRequest, Target } from '../../input/types';
import { modelName } from '../../api/routing';

/** Kling 3.0, 3.0 Turbo, 2.6 and 2.5 Turbo on text2video; Kling 3.0 Omni on omni-video with no images. */
export function prepareText2Video(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, true, route);
	applyVideoSettings(body, options, route, true);
	applyStoryboard(body, options, route.entry);
	applyIdList(body, options, 'element');
	return { body, media: [], model: modelName(route), route };
}
