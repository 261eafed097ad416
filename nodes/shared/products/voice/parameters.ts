import type { INodeProperties } from 'n8n-workflow';

import {
	callbackUrlOption,
	concurrencyOption,
	externalTaskIdOption,
	listingProductTail,
	textProperty,
} from '../../description/parameters';

const create = { show: { operation: ['generate'] } };

/** Voice's panel: Create, Get Task and List, as Element's; a voice takes no model. */
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
				action: 'Create a custom voice',
				description: 'Make a voice from a 5–30 s recording or a Kling video with speech',
			},
			{
				name: 'Get Task',
				value: 'getTask',
				action: 'Get a voice task',
				description: 'Look up a voice task by task ID or external task ID',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List voices',
				description: "The account's own voices, or Kling's presets",
			},
		],
	},
	...textProperty(
		{
			displayName: 'Name',
			name: 'voiceName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Narrator',
			description: 'At most 20 characters',
		},
		'A short name for the voice, at most 20 characters',
	),
	{
		displayName: 'Voice Sample',
		name: 'voiceSample',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/voice.mp3',
		displayOptions: create,
		description:
			"A public URL of an MP3, WAV, MP4 or MOV with one clean voice, 5 to 30 seconds; or the video ID of a Kling video with speech (Kling 2.6 with sound, Avatar or Lip-Sync) from an earlier node's output",
	},
	...listingProductTail([callbackUrlOption, externalTaskIdOption, concurrencyOption]),
];
