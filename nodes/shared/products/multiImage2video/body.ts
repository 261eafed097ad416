import type { IExecuteFunctions } from 'n8n-workflow';

import { applyVideoSettings, commonBody, getOptions, imageList } from '../../input/request';
import { applyIdList } from '../../input/elements';
import { applyReferenceVideo } from '../../input/referenceVideo';
import { applyStoryboard } from '../../input/storyboard';
import type { PreparedRequest, Target } from '../../input/types';
import { modelName } from '../../api/routing';

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
	const omni = route.legacy.id === 'omniVideo';
	const key = omni ? 'image_url' : 'image';
	const images = imageList(ctx, i, 'images', 'Images', profile.minImages, (n) => [
		'image_list',
		n,
		key,
	]);
	body.image_list = images.map(() => ({}));
	applyVideoSettings(body, options, route, true);
	applyStoryboard(body, options, route.entry);
	applyIdList(body, options, 'element');
	applyIdList(body, options, 'voice');
	applyReferenceVideo(body, options);
	return { body, media: images, model: modelName(route), route };
}
