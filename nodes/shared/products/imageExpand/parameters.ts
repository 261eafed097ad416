import type { INodeProperties } from 'n8n-workflow';

import {
	getTaskProperties,
	imageProperty,
	numberOfImagesOption,
	operationProperty,
	optionsCollection,
	promptProperty,
	taskParameters,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';
import { IMAGE_ASPECT_RATIOS } from '../../models/catalogue';

const when = (expandBy: string) => ({ show: { operation: ['generate'], expandBy: [expandBy] } });

const side = (name: string, displayName: string, of: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
	default: 0,
	description: `How much to add ${displayName.toLowerCase()}, as a share of the image's ${of} (0 to 2)`,
});

export const parameters: INodeProperties[] = [
	operationProperty('Widen an image beyond its edges'),
	...imageProperty('image', 'Image'),
	{
		displayName: 'Expand By',
		name: 'expandBy',
		type: 'options',
		default: 'sides',
		displayOptions: { show: { operation: ['generate'] } },
		options: [
			{
				name: 'Ratio per Side',
				value: 'sides',
				description: "A share of the image's height (up, down) or width (left, right) per side",
			},
			{
				name: 'To an Aspect Ratio',
				value: 'aspect',
				description: 'To a new aspect ratio and area, evenly on both sides (needs a binary image)',
			},
		],
		description: 'The new image may be at most 3 times the area of the original',
	},
	{
		displayName: 'Sides',
		name: 'ratios',
		type: 'collection',
		placeholder: 'Add Side',
		default: { up: 0, down: 0, left: 0.25, right: 0.25 },
		displayOptions: when('sides'),
		options: [
			side('down', 'Down', 'height'),
			side('left', 'Left', 'width'),
			side('right', 'Right', 'width'),
			side('up', 'Up', 'height'),
		],
	},
	{
		displayName: 'Target Aspect Ratio',
		name: 'targetAspectRatio',
		type: 'options',
		default: '16:9',
		displayOptions: when('aspect'),
		options: IMAGE_ASPECT_RATIOS.map((r) => ({ name: r, value: r })),
	},
	{
		displayName: 'Area (× Original)',
		name: 'area',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3, numberPrecision: 2 },
		default: 2,
		displayOptions: when('aspect'),
		description: 'How many times the original area the new image covers, 1 to 3',
	},
	...promptProperty(false, 'e.g. A sunny beach continues on both sides'),
	...getTaskProperties,
	...waitProperties(5, 3),
	optionsCollection([...taskParameters(), numberOfImagesOption, watermarkOption]),
];
