import type { INodeProperties } from 'n8n-workflow';

import { generate, getTask, optionsCollection, waiting } from './show';

/** Operation, Get Task and Wait: the parameters every generation node has. */

/**
 * The tool's description, shown only on the tool variant. n8n reads the description it gives the
 * model from this parameter at run time (and adds its own, defaulting to the node's one-line
 * description, only where a node has none): so the model learns how long a call takes and where
 * the result URL is.
 */
export const toolDescriptionProperty = (text: string): INodeProperties => ({
	displayName: 'Description',
	name: 'toolDescription',
	type: 'string',
	default: text,
	required: true,
	typeOptions: { rows: 3 },
	displayOptions: { show: { '@tool': [true] } },
	description: 'What the AI agent is told this tool does; say when to use it and what it returns',
});

export const operationProperty = (action: string): INodeProperties => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'generate',
	options: [
		{ name: 'Generate', value: 'generate', action, description: 'Submit a new generation task' },
		{
			name: 'Get Task',
			value: 'getTask',
			action: 'Get a task',
			description: 'Look up a task by task ID or external task ID, and optionally wait for it',
		},
	],
});

const WAIT_OPTIONS = {
	poll: {
		name: 'Wait for Completion',
		value: 'poll',
		description: 'Check the task until it succeeds or fails, then return the result',
	},
	callback: {
		name: 'Until Kling Calls Back',
		value: 'callback',
		description:
			'Pause the execution (freeing n8n) and resume it when Kling reports that the last task finished. Kling must reach this n8n (WEBHOOK_URL).',
	},
	none: {
		name: "Don't Wait",
		value: 'none',
		description:
			'Return the submitted task at once; pick the result up later with Get Task or a Kling Trigger',
	},
	/** Get Task's: the task is there already. */
	now: {
		name: "Don't Wait",
		value: 'none',
		description: 'Return the task as it is now, finished or not',
	},
};

type WaitOption = (typeof WAIT_OPTIONS)[keyof typeof WAIT_OPTIONS];

const waitProperty = (
	displayOptions: INodeProperties['displayOptions'],
	options: WaitOption[],
): INodeProperties => ({
	displayName: 'Wait',
	name: 'wait',
	type: 'options',
	default: 'poll',
	displayOptions,
	options,
});

const callbackNotice: INodeProperties = {
	displayName:
		'The execution pauses until Kling calls back. Kling must be able to reach this n8n, so set WEBHOOK_URL to a public address. If the wait times out, the node passes its input items on unchanged; find the tasks with Get Task.',
	name: 'callbackNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { wait: ['callback'], operation: ['generate'] } },
};

/**
 * Whether and where the result files go, in a workflow and as an agent's tool, shown `when` the
 * node has a result to download: once it waited (task products), or always (synchronous ones).
 */
const downloads = (when: { [key: string]: string[] }): INodeProperties[] => [
	{
		displayName: 'Download Result',
		name: 'downloadResult',
		type: 'boolean',
		default: true,
		displayOptions: { show: when, hide: { '@tool': [true] } },
		description: 'Whether to download the generated files into binary fields',
	},
	// An agent works with the result URL; n8n drops the files of a tool call, so it is off there.
	{
		displayName: 'Download Result',
		name: 'downloadResult',
		type: 'boolean',
		default: false,
		displayOptions: { show: { ...when, '@tool': [true] } },
		description:
			'Whether to download the generated files too. The agent gets the result URL in the output either way.',
	},
	{
		displayName: 'Put Output in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		default: 'data',
		displayOptions: { show: { ...when, downloadResult: [true] } },
		description: 'Binary field for the result; further images go to field_1, field_2, …',
	},
];

const downloadProperties = downloads({ wait: ['poll', 'callback'] });

/** A synchronous product's: its answer holds the result, with no wait before it. */
export const syncDownloadProperties = downloads({ operation: ['generate'] });

export const waitProperties = (
	defaultTimeoutMinutes: number,
	defaultIntervalSeconds: number,
): INodeProperties[] => [
	waitProperty(generate, [WAIT_OPTIONS.poll, WAIT_OPTIONS.callback, WAIT_OPTIONS.none]),
	// Get Task always polls: its tasks already carry the callback URL they were created with.
	waitProperty(getTask, [WAIT_OPTIONS.poll, WAIT_OPTIONS.now]),
	callbackNotice,
	{
		displayName: 'Wait Timeout (Minutes)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440 },
		default: defaultTimeoutMinutes,
		displayOptions: waiting,
		description:
			'How long to wait for a task before giving up on it. The task keeps running at Kling; pick it up later with Get Task. Left at the default, Kling 4.0 (long videos) waits 60 minutes.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: defaultIntervalSeconds,
		displayOptions: waiting,
		description:
			'How often at most to check a running task. When waiting for callbacks, only used while items wait for a free slot. Left at the default, Kling 4.0 checks every 20 seconds at most.',
	},
	...downloadProperties,
];

export const getTaskProperties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'taskId',
		displayOptions: getTask,
		options: [
			{ name: 'Task ID', value: 'taskId' },
			{ name: 'External Task ID', value: 'externalTaskId' },
		],
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 860260291488919617',
		displayOptions: { show: { operation: ['getTask'], lookupBy: ['taskId'] } },
		description: 'The task ID Kling returned when the task was created',
	},
	{
		displayName: 'External Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. order-1234',
		displayOptions: { show: { operation: ['getTask'], lookupBy: ['externalTaskId'] } },
		description:
			'The external task ID given when the task was created (the External Task ID option)',
	},
];

const list = { show: { operation: ['list'] } };

/** List (Element, Voice): the account's own entries or Kling's presets, all or up to a limit. */
const listProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'own',
		displayOptions: list,
		options: [
			{ name: 'Mine', value: 'own', description: "The ones made with this account's key" },
			{ name: "Kling's Presets", value: 'presets', description: 'The ones Kling offers everyone' },
		],
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: list,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { operation: ['list'], returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/**
 * The rest of the panel of a product that makes an ID, not a file, and can list (Element,
 * Voice): List's own parameters, Get Task, Wait without a download, and the create's options.
 */
export const listingProductTail = (options: INodeProperties[]): INodeProperties[] => [
	...listProperties,
	...getTaskProperties,
	...waitProperties(5, 3)
		.filter((p) => !['downloadResult', 'binaryPropertyOutput'].includes(p.name))
		.map((p) => ({
			...p,
			displayOptions: { ...p.displayOptions, hide: { operation: ['list'] } },
		})),
	{ ...optionsCollection(options), displayOptions: { hide: { operation: ['list'] } } },
];
