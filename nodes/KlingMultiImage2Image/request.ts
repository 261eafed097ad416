import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../shared/input/images';
import type { ProviderProfile } from '../shared/api/providers';
import { checkEnum, commonBody, getOptions, imageList, imageSlot } from '../shared/input/request';
import type { PreparedRequest } from '../shared/input/types';
import { IMAGE_ASPECT_RATIOS } from '../shared/input/schemas';

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
		4,
		(n) => ['subject_image_list', n, 'subject_image'],
	);
	body.subject_image_list = images.map(() => ({}));
	const scene = String(options.sceneImage ?? '').trim();
	if (scene) images.push(imageSlot(ctx, i, scene, 'Scene Image', [profile.sceneImageField]));
	const style = String(options.styleImage ?? '').trim();
	if (style) images.push(imageSlot(ctx, i, style, 'Style Image', ['style_image']));
	if (options.numberOfImages !== undefined) {
		const n = Number(options.numberOfImages);
		if (!Number.isInteger(n) || n < 1 || n > 9) {
			throw new InputError(
				`Number of Images: ${options.numberOfImages} is not allowed; use a whole number from 1 to 9`,
			);
		}
		body.n = n;
	}
	const aspect = checkEnum(options.aspectRatio, 'Aspect Ratio', IMAGE_ASPECT_RATIOS);
	if (aspect) body.aspect_ratio = aspect;
	return { body, images, model: String(body.model_name) };
}
