import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { applyIdList } from '../../input/elements';
import { commonBody, getOptions, imageSlot, mediaSlot } from '../../input/request';
import type { MediaRules } from '../../input/media';
import type { PreparedRequest, Target } from '../../input/types';
import { modelName } from '../../api/routing';

/** The motion video: a URL only, up to 100 MB, 3 to 30 s (docs/reference/kling-api.md#motion-control). */
const MOTION_VIDEO: MediaRules = {
	maxBytes: 100 * 1024 * 1024,
	seconds: { min: 3, max: 30 },
	base64: false,
};

/** Written in legacy terms (input/newStandard.ts maps them onto contents and settings). */
export function prepareMotionControl(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, false, route);
	body.character_orientation = String(ctx.getNodeParameter('characterOrientation', i, 'image'));
	// Legacy requires a mode; 720p is the new standard's default too.
	body.mode = String(options.mode ?? 'std');
	if (options.keepOriginalSound !== undefined)
		body.keep_original_sound = options.keepOriginalSound ? 'yes' : 'no';
	applyIdList(body, options, 'element');
	const model = modelName(route);
	if (body.element_list && route.entry && model !== 'kling-v3')
		throw new InputError(
			`Elements: ${route.entry.name} takes no element in motion control; only Kling 3.0 takes one`,
		);
	const image = imageSlot(ctx, i, ctx.getNodeParameter('image', i), 'Character Image', [
		'image_url',
	]);
	const video = mediaSlot(
		ctx,
		i,
		{
			value: ctx.getNodeParameter('video', i),
			field: 'Motion Video',
			kind: 'video',
			rules: MOTION_VIDEO,
		},
		['video_url'],
	);
	return { body, media: [image, video], model, route };
}
