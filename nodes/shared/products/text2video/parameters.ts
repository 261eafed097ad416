import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	getTaskProperties,
	modelProperty,
	operationProperty,
	optionsCollection,
	promptProperty,
	videoAspectRatioOptions,
	waitProperties,
	videoOptions,
} from '../../description/parameters';

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
	optionsCollection([...videoOptions(product), ...videoAspectRatioOptions(product)]),
];
