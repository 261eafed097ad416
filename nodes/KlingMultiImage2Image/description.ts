import type { INodeProperties } from 'n8n-workflow';

import {
	aspectRatioOption,
	callbackUrlOption,
	concurrencyOption,
	externalTaskIdOption,
	forGenerate,
	getTaskProperties,
	imageListProperty,
	imageOption,
	modelProperty,
	operationProperty,
	optionsCollection,
	promptProperty,
	waitProperties,
	watermarkOption,
} from '../shared/description/parameters';
import { IMAGE_ASPECT_RATIOS } from '../shared/input/schemas';

export const properties: INodeProperties[] = [
	operationProperty('Generate images from several subject images'),
	modelProperty('multiImage2image'),
	...imageListProperty(
		'subjectImages',
		'Subject Images',
		'One to four subject images (some relays need at least two). Kling does not crop them.',
	),
	...promptProperty(false, 'e.g. The person wears the dress, standing in a sunlit studio'),
	...getTaskProperties,
	...waitProperties(5, 3),
	optionsCollection([
		aspectRatioOption(IMAGE_ASPECT_RATIOS),
		callbackUrlOption,
		externalTaskIdOption,
		concurrencyOption,
		forGenerate({
			displayName: 'Number of Images',
			name: 'numberOfImages',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 9 },
			default: 1,
			description:
				'How many images to generate, 1 to 9. Each one takes a concurrency slot at Kling.',
		}),
		imageOption('sceneImage', 'Scene Image', 'Background or scene reference.'),
		imageOption('styleImage', 'Style Image', 'Style reference.'),
		watermarkOption,
	]),
];
