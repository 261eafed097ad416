import type { INodeProperties } from 'n8n-workflow';

import {
	forGenerate,
	getTaskProperties,
	imageOption,
	imageProperty,
	negativePromptOption,
	operationProperty,
	optionsCollection,
	promptProperty,
	taskParameters,
	videoProperty,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';

const withImages = (p: INodeProperties): INodeProperties => ({
	...p,
	displayOptions: {
		...p.displayOptions,
		show: { ...p.displayOptions?.show, editMode: ['addition', 'swap'] },
	},
});

export const parameters: INodeProperties[] = [
	operationProperty('Add, swap or remove an object in a video'),
	...videoProperty(
		'video',
		'Video',
		'The video to edit: the video ID of an earlier Kling video (e.g. {{ $json.videos[0].id }}) or a public MP4/MOV URL; 2–5 s for a 5 s edit, 7–10 s for a 10 s one; 720–2160 px; 24, 30 or 60 fps',
	),
	{
		displayName: 'Edit',
		name: 'editMode',
		type: 'options',
		default: 'removal',
		displayOptions: { show: { operation: ['generate'] } },
		options: [
			{
				name: 'Add an Object',
				value: 'addition',
				description: 'Put the object of 1–2 images into the video',
			},
			{
				name: 'Remove an Object',
				value: 'removal',
				description: 'Delete the object marked in the video',
			},
			{
				name: 'Swap an Object',
				value: 'swap',
				description: 'Replace the object marked in the video by the one in an image',
			},
		],
	},
	...imageProperty('objectImage', 'Object Image').map(withImages),
	{
		displayName: 'Object Position',
		name: 'selections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Frame' },
		placeholder: 'Add Frame',
		default: { frame: [{ frame: 0, points: '0.5,0.5' }] },
		displayOptions: { show: { operation: ['generate'] } },
		description:
			'Where the object to swap or remove is: on one or more frames (at most 10), points on it as x,y from 0 (left, top) to 1 (right, bottom), separated by ;. Optional when adding.',
		options: [
			{
				name: 'frame',
				displayName: 'Frame',
				values: [
					{
						displayName: 'Frame Number',
						name: 'frame',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'The frame, counted from 0 (at 30 fps, frame 30 is 1 s in)',
					},
					{
						displayName: 'Points',
						name: 'points',
						type: 'string',
						default: '0.5,0.5',
						placeholder: 'e.g. 0.42,0.61; 0.45,0.66',
						description: 'Up to 10 points on the object, x,y each from 0 to 1',
					},
				],
			},
		],
	},
	...promptProperty(true, 'e.g. Delete the coffee cup from <<<video_1>>>'),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([
		forGenerate({
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'options',
			default: '5',
			description: 'The edited video: 5 s from a 2–5 s video, 10 s from a 7–10 s one',
			options: [
				{ name: '5', value: '5' },
				{ name: '10', value: '10' },
			],
		}),
		forGenerate({
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'std',
			options: [
				{ name: 'Standard', value: 'std' },
				{ name: 'Professional', value: 'pro' },
			],
		}),
		negativePromptOption,
		imageOption(
			'secondObjectImage',
			'Second Object Image',
			'Adding: a second image of the object.',
		),
		...taskParameters(),
		watermarkOption,
	]),
];
