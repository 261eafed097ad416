import type { INodeProperties } from 'n8n-workflow';

import {
	IMAGE_HINT,
	callbackUrlOption,
	concurrencyOption,
	durationOption,
	externalTaskIdOption,
	getTaskProperties,
	imageOption,
	imageProperty,
	modeOption,
	modelProperty,
	negativePromptOption,
	operationProperty,
	promptProperty,
	waitProperties,
	watermarkOption,
} from '../shared/descriptions';
import { CAMERA_AXES } from '../shared/schemas';

const axis = (name: (typeof CAMERA_AXES)[number]): INodeProperties => ({
	displayName: name.charAt(0).toUpperCase() + name.slice(1),
	name,
	type: 'number',
	typeOptions: { minValue: -10, maxValue: 10, numberPrecision: 2 },
	default: 0,
	displayOptions: { show: { type: ['simple'] } },
});

export const properties: INodeProperties[] = [
	operationProperty('Generate a video from an image'),
	modelProperty('image2video'),
	imageProperty('image', 'Image', 'data'),
	promptProperty(false),
	...getTaskProperties,
	...waitProperties(30, 10),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			callbackUrlOption,
			{
				displayName: 'Camera Control',
				name: 'cameraControl',
				type: 'fixedCollection',
				default: {},
				description: 'Camera movement. Cannot be combined with End Frame or the motion brush.',
				options: [
					{
						name: 'settings',
						displayName: 'Settings',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								default: 'simple',
								options: [
									{ name: 'Down Back', value: 'down_back' },
									{ name: 'Forward Up', value: 'forward_up' },
									{ name: 'Left Turn Forward', value: 'left_turn_forward' },
									{ name: 'Right Turn Forward', value: 'right_turn_forward' },
									{ name: 'Simple (Set One Axis)', value: 'simple' },
								],
							},
							...CAMERA_AXES.map(axis),
						],
					},
				],
			},
			{
				displayName: 'CFG Scale',
				name: 'cfgScale',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.5,
				description: 'How closely to follow the prompt, 0 to 1. Kling v2.x models ignore it.',
			},
			durationOption,
			{
				displayName: 'Dynamic Masks (Motion Brush)',
				name: 'dynamicMasks',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Mask' },
				default: {},
				description:
					'Up to 6 areas that move along a path. Cannot be combined with End Frame or Camera Control.',
				options: [
					{
						name: 'mask',
						displayName: 'Mask',
						values: [
							{
								displayName: 'Mask Image',
								name: 'mask',
								type: 'string',
								default: '',
								description: IMAGE_HINT,
							},
							{
								displayName: 'Trajectory',
								name: 'trajectories',
								type: 'string',
								default: '',
								placeholder: '100,200; 150,220; 200,260',
								description:
									'2 to 77 points "x,y" separated by semicolons (or a JSON array of {x, y}); pixels from the bottom-left corner',
							},
						],
					},
				],
			},
			imageOption(
				'endFrame',
				'End Frame',
				'Last frame of the video. Cannot be combined with Camera Control or the motion brush.',
			),
			externalTaskIdOption,
			concurrencyOption,
			modeOption,
			negativePromptOption,
			{
				displayName: 'Sound',
				name: 'sound',
				type: 'boolean',
				default: false,
				description: 'Whether to generate sound (Kling v2.6 and later)',
			},
			imageOption(
				'staticMask',
				'Static Mask (Motion Brush)',
				'Area that stays still; same aspect ratio as the image.',
			),
			watermarkOption,
		],
	},
];
