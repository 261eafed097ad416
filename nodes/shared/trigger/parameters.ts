import type { INodeProperties } from 'n8n-workflow';

import { PRODUCTS } from '../products/registry';

/** The products whose tasks a trigger reports: a synchronous call answers at once instead. */
export const TASK_PRODUCTS = PRODUCTS.filter((product) => product.call === 'task');
export const TASK_TYPES = TASK_PRODUCTS.map((product) => product.id);

export const statusesProperty: INodeProperties = {
	displayName: 'Statuses',
	name: 'statuses',
	type: 'multiOptions',
	required: true,
	default: ['succeeded', 'failed'],
	options: [
		{ name: 'Failed', value: 'failed' },
		{ name: 'Processing', value: 'processing' },
		{ name: 'Submitted', value: 'submitted' },
		{ name: 'Succeeded', value: 'succeeded' },
	],
	description: 'Which task statuses start the workflow',
};

export const taskTypesProperty: INodeProperties = {
	displayName: 'Task Types',
	name: 'taskTypes',
	type: 'multiOptions',
	required: true,
	default: [...TASK_TYPES],
	options: TASK_PRODUCTS.map(({ label, id }) => ({ name: label, value: id })).sort((a, b) =>
		a.name.localeCompare(b.name),
	),
	description:
		'Which kinds of task start the workflow. A task whose type cannot be known follows Tasks of Unknown Type in Options.',
};

/** The options both triggers offer: what to do with a result and with a task of unknown type. */
export const eventOptions: INodeProperties[] = [
	{
		displayName: 'Download Result',
		name: 'downloadResult',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the generated files of a succeeded task into binary fields (from a callback: only one confirmed with the API)',
	},
	{
		displayName: 'Put Output in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		default: 'data',
		description: 'Binary field for a downloaded result; further images go to field_1, field_2, …',
	},
	{
		displayName: 'Tasks of Unknown Type',
		name: 'unknownTaskTypes',
		type: 'options',
		default: 'pass',
		options: [
			{
				name: 'Drop',
				value: 'drop',
				description: 'Start nothing for a task whose type cannot be known',
			},
			{
				name: 'Pass',
				value: 'pass',
				description: 'Start the workflow whatever Task Types says; taskType is null',
			},
		],
		description:
			'What to do with a task whose type cannot be known: a new-standard task names no product, so only tasks this package created with its own external task ID (or in this n8n process) have a known type',
	},
];

/** A trigger's Options: its own first, then the ones both triggers share. */
export function triggerOptions(own: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, ...eventOptions],
	};
}
