import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	aspectRatioOption,
	callbackUrlOption,
	concurrencyOption,
	externalTaskIdOption,
	maxUnitsOption,
	getTaskProperties,
	imageListProperty,
	imageOption,
	modelProperty,
	operationProperty,
	numberOfImagesOption,
	optionsCollection,
	promptProperty,
	resolutionOption,
	unlessSilent,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';
import { IMAGE_ASPECT_RATIOS } from '../../input/schemas';

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Generate images from several subject images'),
	modelProperty(product),
	...imageListProperty(
		'subjectImages',
		'Subject Images',
		'Omni models and Kling Image 4.0: up to 10 images in all (with scene and style), named <<<image_1>>> or @image_1 (@Image1 too), … in the prompt. Kling 2.1: 1 to 4 subjects. Some relays need at least two.',
		'1 to 4',
	),
	...promptProperty(
		true,
		'e.g. The person from <<<image_1>>> wears the dress from <<<image_2>>>, standing in a sunlit studio',
	),
	...getTaskProperties,
	...waitProperties(5, 3),
	optionsCollection([
		aspectRatioOption([...IMAGE_ASPECT_RATIOS, 'auto']),
		unlessSilent(callbackUrlOption, product),
		unlessSilent(externalTaskIdOption, product),
		maxUnitsOption,
		concurrencyOption,
		numberOfImagesOption,
		resolutionOption,
		imageOption(
			'sceneImage',
			'Scene Image',
			'Background or scene reference. Omni models: added to the references after the subjects.',
		),
		imageOption(
			'styleImage',
			'Style Image',
			'Style reference. Omni models: added to the references after the scene image.',
		),
		watermarkOption,
	]),
];
