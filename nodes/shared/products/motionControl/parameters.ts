import type { INodeProperties } from 'n8n-workflow';

import type { AnyModel } from '../../models/catalogue';
import type { ProductFacts } from '../../models/product';
import {
	elementsOption,
	forGenerate,
	getTaskProperties,
	imageProperty,
	modeOption,
	modelProperty,
	operationProperty,
	optionsCollection,
	taskParameters,
	promptProperty,
	videoProperty,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';
import { generate } from '../../description/show';
import { MOTION_UNITS } from './price';

const describe = (model: AnyModel): string => {
	const units = MOTION_UNITS[model.id];
	const element = model.id === 'kling-v3' ? ' · one element' : '';
	return units
		? `720p or 1080p${element} · ${units.std} / ${units.pro} units per output second`
		: '720p or 1080p';
};

/** Motion control's own options, beside the shared ones (optionsCollection sorts them). */
const OWN_OPTIONS: INodeProperties[] = [
	{
		...elementsOption,
		description:
			'Kling 3.0 only: one element (Kling Element node, or a preset) to play the character; with an element the result always follows the orientation of the person in the video',
	},
	forGenerate({
		displayName: 'Keep Original Sound',
		name: 'keepOriginalSound',
		type: 'boolean',
		default: true,
		description:
			"Whether the result keeps the motion video's own sound (Kling keeps it unless told not to)",
	}),
	{
		...modeOption,
		description:
			'The resolution: Standard (720p) or Professional (1080p); motion control has no 4K',
		options: (modeOption.options ?? []).filter((o) => 'value' in o && o.value !== '4k'),
	},
];

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Make a character follow the motion of a video'),
	modelProperty(product, describe),
	...imageProperty('image', 'Character Image'),
	...videoProperty(
		'video',
		'Motion Video',
		'The video whose motion the character performs: a public MP4/MOV URL (Kling takes no upload here), 3 to 10 s when the image sets the orientation, up to 30 s when the video does; at most 100 MB, sides 340 to 3850 px, one person in one continuous take',
		'A public MP4/MOV URL only: Kling downloads it (no binary, no video ID)',
	),
	{
		displayName: 'Character Orientation',
		name: 'characterOrientation',
		type: 'options',
		default: 'image',
		displayOptions: generate,
		options: [
			{
				name: 'As in the Image',
				value: 'image',
				description: 'The character keeps the pose of the image; the motion video may be 3 to 10 s',
			},
			{
				name: 'As in the Video',
				value: 'video',
				description:
					'The character turns as the person in the video does; the video may be up to 30 s',
			},
		],
	},
	...promptProperty(false, 'e.g. The character dances on a rooftop at sunset'),
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([...taskParameters(), watermarkOption, ...OWN_OPTIONS]),
];
