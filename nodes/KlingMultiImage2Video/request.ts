import type { IExecuteFunctions } from 'n8n-workflow';

import type { ProviderProfile } from '../shared/api/providers';
import { checkEnum, commonBody, getOptions, imageList } from '../shared/input/request';
import type { PreparedRequest } from '../shared/input/types';
import { VIDEO_ASPECT_RATIOS } from '../shared/input/schemas';

export function prepareMultiImage2Video(
	ctx: IExecuteFunctions,
	i: number,
	profile: ProviderProfile,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, true);
	const images = imageList(
		ctx,
		i,
		'images',
		'Images',
		profile.minImages.multiImage2video,
		4,
		(n) => ['image_list', n, 'image'],
	);
	body.image_list = images.map(() => ({}));
	const mode = checkEnum(options.mode, 'Mode', ['std', 'pro']);
	if (mode) body.mode = mode;
	const duration = checkEnum(options.duration, 'Duration (Seconds)', ['5', '10']);
	if (duration) body.duration = duration;
	const aspect = checkEnum(options.aspectRatio, 'Aspect Ratio', VIDEO_ASPECT_RATIOS);
	if (aspect) body.aspect_ratio = aspect;
	return { body, images, model: String(body.model_name) };
}
