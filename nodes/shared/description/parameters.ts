import type { INodeProperties } from 'n8n-workflow';

import { modelsFor, type AnyModel } from '../models/catalogue';
import type { ProductFacts } from '../models/product';

/** Shared parameter fragments: one definition, one name, in every node that has the meaning. */

export const IMAGE_HINT =
	'A public image URL, raw Base64 (no data: prefix), or the name of a binary field of the input item (e.g. data). JPG or PNG, at most 10 MB, at least 300×300 px, aspect ratio between 1:2.5 and 2.5:1.';

/** Shown under every image field, where the user looks while typing. */
export const IMAGE_FIELD_HINT =
	'A binary field name (e.g. data), an https URL or raw Base64. JPG/PNG, ≤ 10 MB, ≥ 300 px, ratio 1:2.5–2.5:1.';

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

const generate = { show: { operation: ['generate'] } };
const getTask = { show: { operation: ['getTask'] } };
const waiting = { show: { wait: ['poll', 'callback'] } };
/** An AI agent fills these itself; a workflow builder fills the regular ones. */
const generateForTool = { show: { operation: ['generate'], '@tool': [true] } };
const generateInWorkflow = { show: { operation: ['generate'] }, hide: { '@tool': [true] } };
/** Options inside the Options collection that only mean something when generating. */
const generateOption = { show: { '/operation': ['generate'] } };

/** Marks options that only apply to Generate, so Get Task's panel does not offer them. */
export const forGenerate = (option: INodeProperties): INodeProperties => ({
	...option,
	displayOptions: {
		...generateOption,
		...option.displayOptions,
		show: { ...option.displayOptions?.show, ...generateOption.show },
	},
});

/** The Options collection: options sorted by name, as n8n's panels list them. */
export const optionsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
});

/** How a model is listed: its name, and where it can be used when that is limited. */
function modelChoice(model: AnyModel): { name: string; value: string; description?: string } {
	const routes = Object.values(model.routes)[0] ?? {};
	const onlyNew = 'new' in routes && routes.new && !routes.legacy;
	return {
		name: onlyNew ? `${model.name} (API Key Only)` : model.name,
		value: model.id,
		...(onlyNew
			? {
					description:
						"Served only on Kling's new API standard: needs the official API with an API key",
				}
			: {}),
	};
}

const modelBase = {
	displayName: 'Model',
	name: 'model',
	displayOptions: generate,
	description:
		"Kling's live models, newest first; retired ones are labelled. Use an expression to enter any other model name (sent as is). Kling retires models without notice (error 1203).",
};

/** The node subtitle: the operation, and for Generate the model's display name (its id if typed by hand). */
export const generationSubtitle = (product: ProductFacts): string => {
	const names = Object.fromEntries(modelsFor(product.id).map((m) => [m.id, modelChoice(m).name]));
	return `={{ $parameter["operation"] === "getTask" ? "Get task" : "Generate with " + (${JSON.stringify(names)}[$parameter["model"]] || $parameter["model"]) }}`;
};

/** The product's models from the catalogue, live ones first as listed there. */
export const modelProperty = (product: ProductFacts): INodeProperties => ({
	...modelBase,
	type: 'options',
	options: modelsFor(product.id).map(modelChoice),
	default: product.defaultModel,
});

const PROMPT_DESCRIPTION =
	'What should happen: at most 2500 characters (3072 for Kling 3.0-era video models on the new API standard). With several images, name them as the model expects, e.g. <<<image_1>>>.';

export const promptProperty = (required: boolean, placeholder: string): INodeProperties[] => [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required,
		placeholder,
		displayOptions: generateInWorkflow,
		description: PROMPT_DESCRIPTION,
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: `={{ $fromAI('prompt', 'What should happen in the result, in English, at most 2500 characters. Example: ${placeholder.replace(/'/g, '')}', 'string') }}`,
		required,
		displayOptions: generateForTool,
		description: PROMPT_DESCRIPTION,
	},
];

/** A required image: the input's binary field in a workflow, a URL the model fills as a tool. */
export const imageProperty = (name: string, displayName: string): INodeProperties[] => [
	{
		displayName,
		name,
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: generateInWorkflow,
		description: IMAGE_HINT,
		hint: IMAGE_FIELD_HINT,
	},
	{
		displayName,
		name,
		type: 'string',
		default: `={{ $fromAI('${name}Url', 'Public https URL of the ${displayName.toLowerCase()} (JPG or PNG)', 'string') }}`,
		required: true,
		displayOptions: generateForTool,
		description: IMAGE_HINT,
	},
];

/** An optional image inside Options; `lead` says what the image is for. */
export const imageOption = (name: string, displayName: string, lead: string): INodeProperties =>
	forGenerate({
		displayName,
		name,
		type: 'string',
		default: '',
		description: `${lead} ${IMAGE_HINT}`,
		hint: IMAGE_FIELD_HINT,
	});

const imageList = (
	name: string,
	displayName: string,
	description: string,
	displayOptions: INodeProperties['displayOptions'],
	first: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Image', sortable: true },
	placeholder: 'Add Image',
	default: { image: [{ value: first }] },
	required: true,
	displayOptions,
	description,
	options: [
		{
			name: 'image',
			displayName: 'Image',
			values: [
				{
					displayName: 'Image',
					name: 'value',
					type: 'string',
					default: '',
					description: IMAGE_HINT,
					hint: IMAGE_FIELD_HINT,
				},
			],
		},
	],
});

/** A list of images: the input's binary field in a workflow, a URL the model fills as a tool. */
export const imageListProperty = (
	name: string,
	displayName: string,
	description: string,
): INodeProperties[] => [
	imageList(name, displayName, description, generateInWorkflow, 'data'),
	imageList(
		name,
		displayName,
		description,
		generateForTool,
		`={{ $fromAI('${name}Url', 'Public https URL of a reference image (JPG or PNG)', 'string') }}`,
	),
];

export const negativePromptOption: INodeProperties = forGenerate({
	displayName: 'Negative Prompt',
	name: 'negativePrompt',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: 'What to avoid, at most 2500 characters',
});

export const modeOption: INodeProperties = forGenerate({
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	default: 'std',
	description: 'The resolution. 4K: Kling 3.0 and 3.0 Omni only.',
	options: [
		{ name: 'Standard (720p)', value: 'std' },
		{ name: 'Professional (1080p)', value: 'pro' },
		{ name: '4K', value: '4k' },
	],
});

export const durationOption: INodeProperties = forGenerate({
	displayName: 'Duration (Seconds)',
	name: 'duration',
	type: 'options',
	default: '5',
	description:
		'Kling 3.0, 3.0 Turbo and 3.0 Omni: 3 to 15 s. O1: 3 to 10 s. Kling 2.6, 2.5 Turbo and 1.6: 5 or 10 s.',
	options: Array.from({ length: 13 }, (_, i) => ({ name: String(i + 3), value: String(i + 3) })),
});

export const soundOption: INodeProperties = forGenerate({
	displayName: 'Sound',
	name: 'sound',
	type: 'boolean',
	default: false,
	description:
		'Whether to generate sound with the video (Kling 3.0, 3.0 Omni, and 2.6 in Professional mode). Kling 3.0 Turbo always has sound.',
});

export const multiShotOption: INodeProperties = forGenerate({
	displayName: 'Multi-Shot',
	name: 'multiShot',
	type: 'options',
	default: 'storyboard',
	description:
		'Several shots in one video (Kling 3.0, 3.0 Omni; 3.0 Turbo: storyboard only). Other models make one shot.',
	options: [
		{
			name: 'Storyboard (Shots Below)',
			value: 'storyboard',
			description: 'Your own 1 to 6 shots, each with its prompt and length (add the Shots option)',
		},
		{
			name: 'Intelligent',
			value: 'intelligent',
			description: 'Kling splits the prompt into shots itself',
		},
		{ name: 'Single Shot', value: 'single', description: 'One continuous shot' },
	],
});

export const shotsOption: INodeProperties = forGenerate({
	displayName: 'Shots',
	name: 'shots',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Shot', sortable: true },
	placeholder: 'Add Shot',
	default: { shot: [{ prompt: '', duration: 3 }] },
	description:
		'A storyboard of 1 to 6 shots, in order. Their seconds must add up to Duration (Seconds); without Duration, the video is as long as the shots.',
	options: [
		{
			name: 'shot',
			displayName: 'Shot',
			values: [
				{
					displayName: 'Prompt',
					name: 'prompt',
					type: 'string',
					default: '',
					placeholder: 'e.g. Close-up: she opens the box and smiles',
					description: 'What happens in this shot, at most 512 characters',
				},
				{
					displayName: 'Seconds',
					name: 'duration',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 15 },
					default: 3,
					description: 'How long this shot lasts',
				},
			],
		},
	],
});

/** A list of IDs made elsewhere (elements, voices), one "Add …" row each. */
const idListOption = (
	kind: 'element' | 'voice',
	label: string,
	placeholder: string,
	description: string,
): INodeProperties =>
	forGenerate({
		displayName: `${label}s`,
		name: `${kind}s`,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: `Add ${label}`, sortable: true },
		placeholder: `Add ${label}`,
		default: { [kind]: [{ id: '' }] },
		description,
		options: [
			{
				name: kind,
				displayName: label,
				values: [
					{
						displayName: `${label} ID`,
						name: 'id',
						type: 'string',
						default: '',
						placeholder,
						description: `The ${kind} ID Kling gave when the ${kind} was created`,
					},
				],
			},
		],
	});

export const elementsOption = idListOption(
	'element',
	'Element',
	'e.g. 829836802793406551',
	"Characters or objects made once (Kling Element node, or Kling's presets) and kept the same in every video. Kling 3.0 in Image to Video: up to 3; 3.0 Omni and O1: up to 7 with the reference images. Name them in the prompt as &lt;&lt;&lt;element_1&gt;&gt;&gt;, &lt;&lt;&lt;element_2&gt;&gt;&gt;, … (on Kling's new API standard the node writes @element_1, …).",
);

export const voicesOption = idListOption(
	'voice',
	'Voice',
	'e.g. 930801338081615883',
	"Kling 2.6 only: up to 2 voices (your custom voices or Kling's presets) for the people in the video; needs Sound on and Mode Professional (1080p). Name them in the prompt as &lt;&lt;&lt;voice_1&gt;&gt;&gt;, &lt;&lt;&lt;voice_2&gt;&gt;&gt;. On Kling 3.0, bind a voice to an element instead.",
);

export const referenceVideoOption: INodeProperties = forGenerate({
	displayName: 'Reference Video',
	name: 'referenceVideo',
	type: 'fixedCollection',
	typeOptions: { multipleValues: false },
	default: {},
	placeholder: 'Add Reference Video',
	description:
		'Kling 3.0 Omni and O1: one video (MP4/MOV URL, 3 to 15.5 s on 3.0 Omni, 3 to 10 s on O1, at most 200 MB) to follow or to edit. With a video, at most 4 reference images and elements.',
	options: [
		{
			name: 'video',
			displayName: 'Video',
			values: [
				{
					displayName: 'Video URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/clip.mp4',
				},
				{
					displayName: 'Use As',
					name: 'use',
					type: 'options',
					default: 'feature',
					options: [
						{
							name: 'Feature Reference',
							value: 'feature',
							description: 'Follow its motion, camera or style in a new video (Sound must be off)',
						},
						{
							name: 'Base Video to Edit',
							value: 'base',
							description:
								'Change this video as the prompt says; it keeps its length (no Duration, no Multi-Shot)',
						},
					],
				},
				{
					displayName: 'Keep Original Sound',
					name: 'keepOriginalSound',
					type: 'boolean',
					default: false,
					description: "Whether the result keeps the base video's own sound",
				},
			],
		},
	],
});

export const resolutionOption: INodeProperties = forGenerate({
	displayName: 'Resolution',
	name: 'resolution',
	type: 'options',
	default: '1k',
	description: '4K: Kling Image 3.0 Omni only. Kling 2.1 does not take this setting.',
	options: [
		{ name: '1K', value: '1k' },
		{ name: '2K', value: '2k' },
		{ name: '4K', value: '4k' },
	],
});

export const aspectRatioOption = (values: string[]): INodeProperties =>
	forGenerate({
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		default: '16:9',
		options: values.map((v) =>
			v === 'auto'
				? {
						name: 'Auto (Omni Models)',
						value: v,
						description: 'Kling picks the ratio from the images',
					}
				: { name: v, value: v },
		),
	});

export const watermarkOption: INodeProperties = forGenerate({
	displayName: 'Watermark',
	name: 'watermark',
	type: 'boolean',
	default: false,
	description:
		'Whether Kling should also produce a watermarked copy of the result: its URL is in the output (watermarkUrl) and, with Download Result, the file in the output field plus "_watermarked" (e.g. data_watermarked)',
});

export const callbackUrlOption: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'https://your-n8n.example.com/webhook/…/kling',
	// In callback-wait the node sends the execution's own resume URL, so this must stay empty.
	displayOptions: { show: { '/operation': ['generate'] }, hide: { '/wait': ['callback'] } },
	description:
		"Kling posts every status change of the task here, e.g. the production URL of a Kling Trigger node. Use with Wait: Don't Wait.",
};

export const externalTaskIdOption: INodeProperties = forGenerate({
	displayName: 'External Task ID',
	name: 'externalTaskId',
	type: 'string',
	default: '',
	description:
		'Your own ID for the task, unique per Kling account. Left empty, one is derived from the execution, node and item, so a retried request never creates the task twice.',
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
};

const waitProperty = (
	displayOptions: INodeProperties['displayOptions'],
	modes: Array<keyof typeof WAIT_OPTIONS>,
): INodeProperties => ({
	displayName: 'Wait',
	name: 'wait',
	type: 'options',
	default: 'poll',
	displayOptions,
	options: modes.map((mode) => WAIT_OPTIONS[mode]),
});

export const waitProperties = (
	defaultTimeoutMinutes: number,
	defaultIntervalSeconds: number,
): INodeProperties[] => [
	waitProperty(generate, ['poll', 'callback', 'none']),
	// Get Task always polls: its tasks already carry the callback URL they were created with.
	waitProperty(getTask, ['poll', 'none']),
	{
		displayName:
			'The execution pauses until Kling calls back. Kling must be able to reach this n8n, so set WEBHOOK_URL to a public address. If the wait times out, the node passes its input items on unchanged; find the tasks with Get Task.',
		name: 'callbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { wait: ['callback'], operation: ['generate'] } },
	},
	{
		displayName: 'Wait Timeout (Minutes)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440 },
		default: defaultTimeoutMinutes,
		displayOptions: waiting,
		description:
			'How long to wait for a task before giving up on it. The task keeps running at Kling; pick it up later with Get Task.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: defaultIntervalSeconds,
		displayOptions: waiting,
		description:
			'How often to check a running task. When waiting for callbacks, only used while items wait for a free slot.',
	},
	{
		displayName: 'Download Result',
		name: 'downloadResult',
		type: 'boolean',
		default: true,
		displayOptions: waiting,
		description: 'Whether to download the generated files into binary fields',
	},
	{
		displayName: 'Put Output in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		default: 'data',
		displayOptions: { show: { wait: ['poll', 'callback'], downloadResult: [true] } },
		description: 'Binary field for the result; further images go to field_1, field_2, …',
	},
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

export const maxUnitsOption: INodeProperties = forGenerate({
	displayName: 'Max Units per Execution',
	name: 'maxUnits',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	description:
		"A budget for this node's tasks in one execution, in Kling resource-pack units (estimated from Kling's price list: seconds × the model's rate, or images × its price). Above it, the run is refused before anything is paid for. 0 means no limit.",
});

export const concurrencyOption: INodeProperties = {
	displayName: 'Max Concurrent Tasks',
	name: 'maxConcurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: 5,
	description:
		"How many of this node's tasks may run at Kling at once. When Kling reports its concurrency limit (1303), the node waits for a running task to finish before sending the next.",
};
