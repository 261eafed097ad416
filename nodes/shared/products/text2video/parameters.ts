import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	aspectRatioOption,
	getTaskProperties,
	modelProperty,
	operationProperty,
	optionsCollection,
	promptProperty,
	waitProperties,
	videoOptions,
} from '../../description/parameters';
import { VIDEO_ASPECT_RATIOS } from '../../input/schemas';

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Generate a video from a prompt'),
	modelProperty(product),
	// Not required in the panel: a storyboard (the Shots option) takes its place.
	...promptProperty(
		false,
		'e.g. A paper boat drifts down a rain-soaked street at dusk, neon reflections rippling',
	),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([...videoOptions(product), aspectRatioOption(VIDEO_ASPECT_RATIOS)]),
];
