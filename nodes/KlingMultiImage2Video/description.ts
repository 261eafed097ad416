import type { INodeProperties } from 'n8n-workflow';

import {
	aspectRatioOption,
	callbackUrlOption,
	concurrencyOption,
	durationOption,
	externalTaskIdOption,
	getTaskProperties,
	imageListProperty,
	modeOption,
	modelProperty,
	negativePromptOption,
	operationProperty,
	optionsCollection,
	promptProperty,
	waitProperties,
	watermarkOption,
} from '../shared/description/parameters';
import { VIDEO_ASPECT_RATIOS } from '../shared/input/schemas';

export const properties: INodeProperties[] = [
	operationProperty('Generate a video from several images'),
	modelProperty('multiImage2video'),
	...imageListProperty(
		'images',
		'Images',
		'One to four reference images (some relays need at least two). Kling does not crop them: use images with the subject already selected.',
	),
	...promptProperty(
		true,
		'e.g. The woman from the first image walks through the garden in the second image',
	),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([
		aspectRatioOption(VIDEO_ASPECT_RATIOS),
		callbackUrlOption,
		durationOption,
		externalTaskIdOption,
		concurrencyOption,
		modeOption,
		negativePromptOption,
		watermarkOption,
	]),
];
