import type { INodeProperties } from 'n8n-workflow';

import {
	callbackUrlOption,
	concurrencyOption,
	externalTaskIdOption,
	forGenerate,
	imageListProperty,
	imageProperty,
	listingProductTail,
	textProperty,
} from '../../description/parameters';

/** Element's panel: Create, Get Task and List; elements take no model. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'generate',
		options: [
			{
				name: 'Create',
				value: 'generate',
				action: 'Create an element from images',
				description: 'Make a character or object from a frontal image and 1 to 3 other angles',
			},
			{
				name: 'Get Task',
				value: 'getTask',
				action: 'Get an element task',
				description: 'Look up an element task by task ID or external task ID',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List elements',
				description: "The account's own elements, or Kling's presets",
			},
		],
	},
	...textProperty(
		{
			displayName: 'Name',
			name: 'elementName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Mia',
			description: 'At most 20 characters',
		},
		'A short name for the character or object, at most 20 characters',
	),
	...textProperty(
		{
			displayName: 'Description',
			name: 'elementDescription',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Our brand ambassador: curly red hair, green jacket',
			description: 'At most 100 characters',
		},
		'What the character or object looks like, at most 100 characters',
	),
	...imageProperty('frontalImage', 'Frontal Image'),
	...imageListProperty(
		'referImages',
		'Other Angles',
		'1 to 3 more images of the same character or object from other angles',
		'1 to 3',
	),
	...listingProductTail([
		callbackUrlOption,
		externalTaskIdOption,
		concurrencyOption,
		forGenerate({
			displayName: 'Voice ID',
			name: 'voiceId',
			type: 'string',
			default: '',
			description:
				'A voice to bind to the element (a character), from your custom voices or the presets',
		}),
	]),
];
