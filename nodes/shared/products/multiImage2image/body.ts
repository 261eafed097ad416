import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { commonBody, getOptions, imageList, imageSlot, setIfGiven } from '../../input/request';
import type { MediaSlot, PreparedRequest, Target } from '../../input/types';
import { modelName } from '../../api/routing';

/**
 * Omni image models take every image as a reference in `image_list` (subjects, then the scene and
 * style images, so the prompt can name them <<<image_N>>>); Kling 2.1's multi-image2image has
 * separate subject, scene and style fields.
 */
export function prepareMultiImage2Image(
	ctx: IExecuteFunctions,
	i: number,
	{ profile, route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const omni = route.legacy.id === 'omniImage';
	const body = commonBody(ctx, i, options, omni, route);
	const listKey = omni ? 'image_list' : 'subject_image_list';
	const itemKey = omni ? 'image' : 'subject_image';
	const images = imageList(ctx, i, 'subjectImages', 'Subject Images', profile.minImages, (n) => [
		listKey,
		n,
		itemKey,
	]);
	const extra = (value: unknown, field: string, legacyKey: string): void => {
		const text = String(value ?? '').trim();
		if (!text) return;
		const path = omni ? [listKey, images.length, itemKey] : [legacyKey];
		images.push(imageSlot(ctx, i, text, field, path) as MediaSlot);
	};
	const subjects = images.length;
	extra(options.sceneImage, 'Scene Image', profile.sceneImageField);
	extra(options.styleImage, 'Style Image', 'style_image');
	body[listKey] = images.slice(0, omni ? images.length : subjects).map((): IDataObject => ({}));
	// Always sent: QuickRouter documents n as required; Kling's default is 1 too.
	body.n = Number(options.numberOfImages ?? 1);
	setIfGiven(body, 'aspect_ratio', options.aspectRatio);
	setIfGiven(body, 'resolution', options.resolution);
	return { body, media: images, model: modelName(route), route };
}
