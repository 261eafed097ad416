import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	aspectRatioOption,
	callbackUrlOption,
	concurrencyOption,
	durationOption,
	elementsOption,
	externalTaskIdOption,
	maxUnitsOption,
	getTaskProperties,
	modeOption,
	modelProperty,
	multiShotOption,
	negativePromptOption,
	operationProperty,
	optionsCollection,
	promptProperty,
	shotsOption,
	soundOption,
	waitProperties,
	watermarkOption,
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
	optionsCollection([
		aspectRatioOption(VIDEO_ASPECT_RATIOS),
		callbackUrlOption,
		durationOption,
		elementsOption,
		externalTaskIdOption,
		maxUnitsOption,
		concurrencyOption,
		modeOption,
		multiShotOption,
		negativePromptOption,
		shotsOption,
		soundOption,
		watermarkOption,
	]),
];
