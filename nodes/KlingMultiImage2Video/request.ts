import type { IExecuteFunctions } from 'n8n-workflow';

import { commonBody, getOptions, imageList, setIfGiven } from '../shared/input/request';
import { applyElements } from '../shared/input/elements';
import { applyReferenceVideo } from '../shared/input/referenceVideo';
import { applyStoryboard } from '../shared/input/storyboard';
import type { PreparedRequest, Target } from '../shared/input/types';
import { modelName } from '../shared/api/routing';

/**
 * Omni models take the images as references (`image_list[].image_url`, or `refer_image` items on
 * the new standard); Kling 1.6's multi-image2video endpoint as `image_list[].image`.
 */
export function prepareMultiImage2Video(
	ctx: IExecuteFunctions,
	i: number,
	{ profile, route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, true, route);
	const omni = route.legacy === 'omniVideo';
	const key = omni ? 'image_url' : 'image';
	const images = imageList(ctx, i, 'images', 'Images', profile.minImages.multiImage2video, (n) => [
		'image_list',
		n,
		key,
	]);
	body.image_list = images.map(() => ({}));
	setIfGiven(body, 'mode', options.mode);
	setIfGiven(body, 'duration', options.duration);
	// Omni needs a ratio without a first frame [T], and 16:9 is its default (kling-api-2026.md §8.3).
	setIfGiven(body, 'aspect_ratio', options.aspectRatio ?? (omni ? '16:9' : undefined));
	if (options.sound !== undefined) body.sound = options.sound ? 'on' : 'off';
	applyStoryboard(body, options, route.entry);
	applyElements(body, options);
	applyReferenceVideo(body, options);
	return { body, images, model: modelName(route), route };
}
