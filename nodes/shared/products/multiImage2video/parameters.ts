import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	aspectRatioOption,
	getTaskProperties,
	imageListProperty,
	modelProperty,
	operationProperty,
	optionsCollection,
	promptProperty,
	referenceVideoOption,
	waitProperties,
	videoOptions,
} from '../../description/parameters';
import { VIDEO_ASPECT_RATIOS } from '../../input/schemas';

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Generate a video from several images'),
	modelProperty(product),
	...imageListProperty(
		'images',
		'Images',
		'Reference images: 1 to 7 with the Omni models (name them <<<image_1>>>, <<<image_2>>>, … in the prompt), 1 to 4 with Kling 1.6. Some relays need at least two.',
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
		aspectRatioOption(VIDEO_ASPECT_RATIOS),
		referenceVideoOption,
	]),
];
