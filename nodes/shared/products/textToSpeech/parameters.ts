import type { INodeProperties } from 'n8n-workflow';

import {
	forGenerate,
	optionsCollection,
	voiceProperties,
	syncDownloadProperties,
	textProperty,
} from '../../description/parameters';

export const parameters: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'generate',
		options: [
			{
				name: 'Speak',
				value: 'generate',
				action: 'Speak a text',
				description: 'Turn a text into speech; the answer holds the audio (no task)',
			},
		],
	},
	...textProperty(
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			placeholder: 'e.g. Welcome to our spring collection.',
			description: 'What the voice says, at most 1000 characters',
		},
		'What the voice says, at most 1000 characters',
	),
	...voiceProperties(),
	...syncDownloadProperties,
	optionsCollection([
		forGenerate({
			displayName: 'Speed',
			name: 'speed',
			type: 'number',
			typeOptions: { minValue: 0.8, maxValue: 2, numberPrecision: 1 },
			default: 1,
			description: 'How fast the voice speaks, 0.8 to 2.0',
		}),
	]),
];
