import type { INodeProperties } from 'n8n-workflow';

import {
	forGenerate,
	getTaskProperties,
	negativePromptOption,
	operationProperty,
	optionsCollection,
	taskParameters,
	promptProperty,
	textProperty,
	waitProperties,
} from '../../description/parameters';
import { generate } from '../../description/show';

export const parameters: INodeProperties[] = [
	operationProperty('Extend a Kling video by a few seconds'),
	{
		displayName:
			'Kling documents this only for videos of its retired 1.x models. For a newer clip, use Kling Multi-Image to Video (Kling 3.0 Omni) with the clip as a Feature Reference.',
		name: 'legacyNotice',
		type: 'notice',
		default: '',
		displayOptions: generate,
	},
	...textProperty(
		{
			displayName: 'Video',
			name: 'video',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 860323398376423486',
			description:
				'The video ID of an earlier Kling video (the ID in its videos list, not the task ID), at most 30 days old; each run adds 4 to 5 s, up to 3 minutes in all',
		},
		'The video ID of an earlier Kling video (videos[0].id)',
	),
	...promptProperty(false, 'e.g. The camera keeps following the runner into the forest'),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([
		...taskParameters(),
		forGenerate({
			displayName: 'CFG Scale',
			name: 'cfgScale',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.5,
			description: 'How closely to follow the prompt, 0 to 1',
		}),
		negativePromptOption,
	]),
];
