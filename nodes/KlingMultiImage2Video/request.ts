import type { IExecuteFunctions } from 'n8n-workflow';

import type { ProviderProfile } from '../shared/api/providers';
import { commonBody, getOptions, imageList, setIfGiven } from '../shared/input/request';
import type { PreparedRequest } from '../shared/input/types';

export function prepareMultiImage2Video(
	ctx: IExecuteFunctions,
	i: number,
	profile: ProviderProfile,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, true);
	const images = imageList(ctx, i, 'images', 'Images', profile.minImages.multiImage2video, (n) => [
		'image_list',
		n,
		'image',
	]);
	body.image_list = images.map(() => ({}));
	setIfGiven(body, 'mode', options.mode);
	setIfGiven(body, 'duration', options.duration);
	setIfGiven(body, 'aspect_ratio', options.aspectRatio);
	return { body, images, model: String(body.model_name) };
}
