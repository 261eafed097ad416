import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	getTaskProperties,
	imageListProperty,
	modelProperty,
	moreReferenceVideosOption,
	operationProperty,
	optionsCollection,
	promptProperty,
	onlyFor,
	referenceVideoOption,
	videoAspectRatioOptions,
	voicesOption,
	waitProperties,
	videoOptions,
} from '../../description/parameters';

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Generate a video from several images'),
	modelProperty(product),
	...imageListProperty(
		'images',
		'Images',
		'Reference images: 1 to 10 with Kling 4.0, 1 to 7 with the Omni models, 1 to 4 with Kling 1.6. Name them in the prompt in their order: <<<image_1>>> or @image_1 (@Image1 too), and the reference video <<<video_1>>> or @video_1. Some relays need at least two.',
		'1 to 4',
	),
	...promptProperty(
		true,
		'e.g. The woman from the first image walks through the garden in the second image',
	),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([
		...videoOptions(product),
		...videoAspectRatioOptions(product),
		referenceVideoOption,
		onlyFor(moreReferenceVideosOption, product, (m) => (m.referenceVideos ?? 1) > 1),
		onlyFor(voicesOption, product, (m) => m.voices > 0),
	]),
];
