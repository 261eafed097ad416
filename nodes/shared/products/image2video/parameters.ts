import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	IMAGE_FIELD_HINT,
	IMAGE_HINT,
	forGenerate,
	getTaskProperties,
	imageOption,
	imageProperty,
	modelProperty,
	onlyFor,
	operationProperty,
	optionsCollection,
	promptProperty,
	voicesOption,
	waitProperties,
	videoOptions,
} from '../../description/parameters';
import { CAMERA_AXES } from '../../input/schemas';

const axis = (name: (typeof CAMERA_AXES)[number]): INodeProperties => ({
	displayName: name.charAt(0).toUpperCase() + name.slice(1),
	name,
	type: 'number',
	typeOptions: { minValue: -10, maxValue: 10, numberPrecision: 2 },
	default: 0,
	displayOptions: { show: { type: ['simple'] } },
});

/** Kling 4.0's keyframes between the Image (first frame) and the End Frame. */
const middleFramesOption = (product: ProductFacts): INodeProperties =>
	onlyFor(
		{
			displayName: 'Middle Keyframes',
			name: 'middleFrames',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Keyframe' },
			placeholder: 'Add Keyframe',
			default: {},
			description:
				'Up to 8 frames the video passes through, in order, spread evenly between the Image (first frame) and the End Frame; the video takes its aspect ratio from the first frame. Kling 4.0 only (4.0 Flash animates the first frame alone).',
			options: [
				{
					name: 'frame',
					displayName: 'Keyframe',
					values: [
						{
							displayName: 'Image',
							name: 'image',
							type: 'string',
							default: '',
							description: IMAGE_HINT,
							hint: IMAGE_FIELD_HINT,
						},
					],
				},
			],
		},
		product,
		(m) => (m.middleFrames ?? 0) > 0,
	);

/** Image to Video's own options, beside the video options (optionsCollection sorts them). */
const OWN_OPTIONS: INodeProperties[] = [
	forGenerate({
		displayName: 'Camera Control',
		name: 'cameraControl',
		type: 'fixedCollection',
		// n8n keeps an added, still empty single-value list only when multipleValues is false
		// explicitly (n8n-workflow getNodeParameters); without it the option vanished.
		typeOptions: { multipleValues: false },
		default: {},
		placeholder: 'Add Camera Control',
		description:
			'Camera movement; Kling takes it only on models it has retired. Excludes End Frame and Motion Brush (Kling accepts only one of the three).',
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
	}),
	forGenerate({
		displayName: 'CFG Scale',
		name: 'cfgScale',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.5,
		description:
			"How closely to follow the prompt, 0 to 1. Legacy API standard only; Kling's 2.x and 3.0 models ignore it.",
	}),
	forGenerate({
		displayName: 'Dynamic Masks (Motion Brush)',
		name: 'dynamicMasks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Mask Group' },
		placeholder: 'Add Mask Group',
		// The editor shows the list empty with "Add Mask Group"; it stays when other options are added.
		default: { mask: [{ mask: '', trajectories: '' }] },
		description:
			'Up to 6 areas that move along a path; Kling takes it only on models it has retired. Excludes End Frame and Camera Control (Kling accepts only one of the three).',
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
						hint: IMAGE_FIELD_HINT,
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
	}),
	imageOption(
		'endFrame',
		'End Frame',
		'Last frame of the video (not on 3.0 Turbo). Excludes Camera Control and Motion Brush (Kling accepts only one of the three).',
	),
	imageOption(
		'staticMask',
		'Static Mask (Motion Brush)',
		'Area that stays still; same aspect ratio as the image; Kling takes it only on models it has retired. Excludes End Frame and Camera Control.',
	),
	voicesOption,
];

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Generate a video from an image'),
	modelProperty(product),
	...imageProperty('image', 'Image'),
	...promptProperty(
		false,
		'e.g. The camera slowly circles the product while soft light sweeps across it',
	),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([...videoOptions(product), ...OWN_OPTIONS, middleFramesOption(product)]),
];
