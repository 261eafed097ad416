import type { INodeProperties } from 'n8n-workflow';

import {
	forGenerate,
	getTaskProperties,
	operationProperty,
	optionsCollection,
	taskParameters,
	textProperty,
	videoProperty,
	waitProperties,
} from '../../description/parameters';

export const parameters: INodeProperties[] = [
	operationProperty('Add sound effects and music to a video'),
	...videoProperty(
		'video',
		'Video',
		'The video to add sound to, 3 to 20 s: the ID of an earlier Kling video (e.g. {{ $json.videos[0].id }}, not the task ID) or a public MP4/MOV URL (at most 100 MB)',
	),
	...textProperty(
		{
			displayName: 'Sound Effects Prompt',
			name: 'soundEffectPrompt',
			type: 'string',
			default: '',
			placeholder: 'e.g. Waves crashing, gulls in the distance',
			description:
				'The sound effects to make, at most 200 characters; empty lets Kling choose from the picture',
		},
		'The sound effects to add, at most 200 characters',
	),
	...textProperty(
		{
			displayName: 'Background Music Prompt',
			name: 'bgmPrompt',
			type: 'string',
			default: '',
			placeholder: 'e.g. Calm lo-fi piano',
			description:
				'The background music to make, at most 200 characters; empty for none chosen by you',
		},
		'The background music to add, at most 200 characters',
	),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([
		forGenerate({
			displayName: 'ASMR Mode',
			name: 'asmrMode',
			type: 'boolean',
			default: false,
			description: 'Whether to bring out fine, detailed sound effects (ASMR)',
		}),
		...taskParameters(),
	]),
];
