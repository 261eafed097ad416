import type { INodeProperties } from 'n8n-workflow';

import {
	audioProperty,
	callbackUrlOption,
	concurrencyOption,
	forGenerate,
	getTaskProperties,
	maxUnitsOption,
	operationProperty,
	optionsCollection,
	textProperty,
	videoProperty,
	voiceProperties,
	waitProperties,
} from '../../description/parameters';
import { generate } from '../../description/show';

const speaking = (mode: string) => ({ speak: [mode] });

export const parameters: INodeProperties[] = [
	operationProperty('Make a person in a short video say a text or an audio'),
	...videoProperty(
		'video',
		'Video',
		'The video: the ID of a 5 or 10 s Kling video, or a public MP4/MOV URL of 2 to 10 s, 720p or 1080p (sides 720 to 1920 px, at most 100 MB)',
	),
	{
		displayName: 'Parent Task ID',
		name: 'parentTaskId',
		type: 'string',
		default: '',
		displayOptions: generate,
		placeholder: 'e.g. {{ $json.taskId }}',
		description:
			"CometAPI and QuickRouter only, with a Kling video ID: the task ID of the node that made the video (they run the lip-sync on that task's account). Ignored elsewhere.",
	},
	{
		displayName: 'Speak',
		name: 'speak',
		type: 'options',
		default: 'text',
		displayOptions: generate,
		options: [
			{ name: 'A Text, in a Kling Voice', value: 'text' },
			{ name: 'An Audio', value: 'audio' },
		],
	},
	...textProperty(
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { operation: ['generate'], ...speaking('text') } },
			description: 'What the person says, at most 120 characters',
		},
		'What the person says, at most 120 characters',
	).map((p) => ({
		...p,
		displayOptions: {
			...p.displayOptions,
			show: { ...p.displayOptions?.show, ...speaking('text') },
		},
	})),
	...voiceProperties(speaking('text')),
	...audioProperty(
		'What the person says: a binary field (e.g. data), an https URL or Base64 of an MP3, WAV, M4A or AAC file (at most 5 MB)',
	).map((p) => ({
		...p,
		displayOptions: {
			...p.displayOptions,
			show: { ...p.displayOptions?.show, ...speaking('audio') },
		},
	})),
	...getTaskProperties,
	...waitProperties(30, 15),
	optionsCollection([
		callbackUrlOption,
		concurrencyOption,
		maxUnitsOption,
		forGenerate({
			displayName: 'Speed',
			name: 'speed',
			type: 'number',
			typeOptions: { minValue: 0.8, maxValue: 2, numberPrecision: 1 },
			default: 1,
			description: 'How fast the voice speaks, 0.8 to 2.0 (a text only)',
		}),
	]),
];
