import type { IExecuteFunctions } from 'n8n-workflow';

import { modelName } from '../../api/routing';
import { commonBody, getOptions, imageSlot, setIfGiven } from '../../input/request';
import type { MediaSlot, PreparedRequest, Target } from '../../input/types';

/**
 * Text to image, or image to image with a Reference Image. Kling Image 2.1's own settings go as
 * set: the schema names what the chosen model does not take, rather than dropping it unseen.
 */
export function prepareTextToImage(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, true, route);
	const media: MediaSlot[] = [];
	const reference = String(options.referenceImage ?? '').trim();
	if (reference) media.push(imageSlot(ctx, i, reference, 'Reference Image', ['image']));
	setIfGiven(body, 'image_reference', options.imageReference);
	if (options.imageFidelity !== undefined) body.image_fidelity = Number(options.imageFidelity);
	if (options.humanFidelity !== undefined) body.human_fidelity = Number(options.humanFidelity);
	if (options.numberOfImages !== undefined) body.n = Number(options.numberOfImages);
	setIfGiven(body, 'aspect_ratio', options.aspectRatio);
	setIfGiven(body, 'resolution', options.resolution);
	return { body, media, model: modelName(route), route };
}
