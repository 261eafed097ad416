import type { INodeProperties } from 'n8n-workflow';

import {
	getTaskProperties,
	operationProperty,
	optionsCollection,
	taskParameters,
	textProperty,
	waitProperties,
} from '../../description/parameters';
import { generate } from '../../description/show';

export const parameters: INodeProperties[] = [
	operationProperty('Make a sound effect from a description'),
	...textProperty(
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			placeholder: 'e.g. A door creaks open, then slow footsteps on wooden floor',
			description: 'The sound to make, at most 200 characters',
		},
		'The sound effect to make, in English, at most 200 characters',
	),
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		typeOptions: { minValue: 3, maxValue: 10, numberPrecision: 1 },
		default: 5,
		displayOptions: generate,
		description: 'How long the sound is: 3.0 to 10.0 seconds',
	},
	...getTaskProperties,
	...waitProperties(5, 3),
	optionsCollection(taskParameters()),
];
