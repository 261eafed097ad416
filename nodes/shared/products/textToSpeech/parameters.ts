import type { INodeProperties } from 'n8n-workflow';

import {
	forGenerate,
	optionsCollection,
	syncDownloadProperties,
	textProperty,
} from '../../description/parameters';
import { generate } from '../../description/show';
import { TTS_VOICES } from './voices';

const voice = (language: 'en' | 'zh', fallback: string): INodeProperties => ({
	displayName: 'Voice',
	name: 'voice',
	type: 'options',
	default: fallback,
	displayOptions: { show: { operation: ['generate'], language: [language] } },
	options: TTS_VOICES[language]
		.map(([id, name]) => ({ name: name === id ? id : `${name} (${id})`, value: id }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	description:
		"Kling's voice (type to search). Any other voice ID of the language can be given by expression.",
});

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
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'en',
		displayOptions: generate,
		options: [
			{ name: 'English', value: 'en' },
			{ name: 'Chinese', value: 'zh' },
		],
		description: "The voice's language; it must match the voice",
	},
	voice('en', 'girlfriend_4_speech02'),
	voice('zh', 'genshin_vindi2'),
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
