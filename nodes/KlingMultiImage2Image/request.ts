import type { IExecuteFunctions } from 'n8n-workflow';

import type { ProviderProfile } from '../shared/api/providers';
import { commonBody, getOptions, imageList, imageSlot, setIfGiven } from '../shared/input/request';
import type { PreparedRequest } from '../shared/input/types';

export function prepareMultiImage2Image(
	ctx: IExecuteFunctions,
	i: number,
	profile: ProviderProfile,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, false);
	const images = imageList(
		ctx,
		i,
		'subjectImages',
		'Subject Images',
		profile.minImages.multiImage2image,
		(n) => ['subject_image_list', n, 'subject_image'],
	);
	body.subject_image_list = images.map(() => ({}));
	const scene = String(options.sceneImage ?? '').trim();
	if (scene) images.push(imageSlot(ctx, i, scene, 'Scene Image', [profile.sceneImageField]));
	const style = String(options.styleImage ?? '').trim();
	if (style) images.push(imageSlot(ctx, i, style, 'Style Image', ['style_image']));
	if (options.numberOfImages !== undefined) body.n = Number(options.numberOfImages);
	setIfGiven(body, 'aspect_ratio', options.aspectRatio);
	return { body, images, model: String(body.model_name) };
}
