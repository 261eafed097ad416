import type { INodeProperties } from 'n8n-workflow';

import {
	forGenerate,
	getTaskProperties,
	IMAGE_FIELD_HINT,
	imageProperty,
	operationProperty,
	optionsCollection,
	taskParameters,
	waitProperties,
} from '../../description/parameters';
import { generate } from '../../description/show';
import { DUAL_SCENES, SINGLE_SCENES } from './scenes';

/** `pet_dance_9_16` → "Pet Dance 9:16". */
const sceneName = (id: string) =>
	id
		.replace(/_9_16$/, ' 9:16')
		.split('_')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

const SCENES = [
	...DUAL_SCENES.map((id) => ({
		name: `${sceneName(id)} (Two Images)`,
		value: id,
		description: id,
	})),
	...SINGLE_SCENES.map((id) => ({ name: sceneName(id), value: id, description: id })),
].sort((a, b) => a.name.localeCompare(b.name));

export const parameters: INodeProperties[] = [
	operationProperty('Turn a photo into an effect video'),
	{
		displayName: 'Scene',
		name: 'scene',
		type: 'options',
		default: 'happy_birthday',
		displayOptions: generate,
		options: SCENES,
		description:
			"Kling's effect, from its list of 2026-09 (type to search). Two-image scenes make a group video of two photos. Any other scene ID can be given by expression; Kling retires scenes on dated notices.",
	},
	...imageProperty('image', 'Image'),
	{
		displayName: 'Second Image',
		name: 'secondImage',
		type: 'string',
		default: 'data_1',
		required: true,
		displayOptions: { show: { operation: ['generate'], scene: [...DUAL_SCENES] } },
		description:
			'The right-hand person (the Image is the left): a binary field name (e.g. data_1), an https URL or raw Base64. JPG or PNG, at most 10 MB, at least 300×300 px.',
		hint: IMAGE_FIELD_HINT,
	},
	...getTaskProperties,
	...waitProperties(30, 10),
	optionsCollection([
		...taskParameters(),
		forGenerate({
			displayName: 'Extra Input Fields',
			name: 'extraInput',
			type: 'json',
			default: '{}',
			description:
				'Fields Kling\'s current page does not list but an older scene may still need, merged into "input", e.g. {"duration": "10"}',
		}),
	]),
];
