import type { INodeProperties } from 'n8n-workflow';

import { forGenerate, generateForTool, generateInWorkflow } from './show';

/** What a generation takes in: the prompt and images, each in a workflow and as a tool. */

export const IMAGE_HINT =
	'A public image URL, raw Base64 (no data: prefix), or the name of a binary field of the input item (e.g. data). JPG or PNG, at most 10 MB, at least 300×300 px, aspect ratio between 1:2.5 and 2.5:1.';

/** Shown under every image field, where the user looks while typing. */
export const IMAGE_FIELD_HINT =
	'A binary field name (e.g. data), an https URL or raw Base64. JPG/PNG, ≤ 10 MB, ≥ 300 px, ratio 1:2.5–2.5:1.';

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
		default: `={{ $fromAI('prompt', 'What should happen in the result, in English, at most 2500 characters. Example: ${placeholder.replace(/^e\.g\. /, '').replace(/'/g, '')}', 'string') }}`,
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

/**
 * A list of images: the input's binary field in a workflow; as a tool, the URLs the model fills,
 * `count` of them (e.g. "1 to 4"), separated by commas (input/request.ts reads each as an image).
 */
export const imageListProperty = (
	name: string,
	displayName: string,
	description: string,
	count: string,
): INodeProperties[] => [
	imageList(name, displayName, description, generateInWorkflow, 'data'),
	imageList(
		name,
		displayName,
		description,
		generateForTool,
		`={{ $fromAI('${name}Urls', 'Public https URLs of ${count} ${displayName.toLowerCase()} (JPG or PNG), separated by commas', 'string') }}`,
	),
];

/** Shown under a video field that takes an earlier result's ID too. */
export const VIDEO_FIELD_HINT =
	"The video ID of an earlier Kling node's result (in its videos list) or a public MP4/MOV URL";

/**
 * A required video: a URL, or where `hint` says so the ID of an earlier Kling video (e.g.
 * `{{ $json.videos[0].id }}`); as a tool, the URL the model fills.
 */
export const videoProperty = (
	name: string,
	displayName: string,
	description: string,
	hint = VIDEO_FIELD_HINT,
): INodeProperties[] => [
	{
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/clip.mp4',
		displayOptions: generateInWorkflow,
		description,
		hint,
	},
	{
		displayName,
		name,
		type: 'string',
		default: `={{ $fromAI('${name}Url', 'Public https URL of the ${displayName.toLowerCase()} (MP4 or MOV)', 'string') }}`,
		required: true,
		displayOptions: generateForTool,
		description,
	},
];

/** A text the user types in a workflow and the model fills as a tool. */
export const textProperty = (property: INodeProperties, forModel: string): INodeProperties[] => [
	{ ...property, displayOptions: generateInWorkflow },
	{
		...property,
		default: `={{ $fromAI('${property.name}', '${forModel}', 'string') }}`,
		displayOptions: generateForTool,
	},
];

/** The sound a face speaks (avatar, lip-sync): a binary field in a workflow, a URL as a tool. */
export const audioProperty = (description: string): INodeProperties[] => [
	{
		displayName: 'Audio',
		name: 'audio',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: generateInWorkflow,
		description,
		hint: 'A binary field name (e.g. data), an https URL, Base64, or a text-to-speech audio ID',
	},
	{
		displayName: 'Audio',
		name: 'audio',
		type: 'string',
		default: `={{ $fromAI('audioUrl', 'Public https URL of the speech audio (MP3 or WAV), or the audio_id of a Kling text-to-speech result', 'string') }}`,
		required: true,
		displayOptions: generateForTool,
		description,
	},
];
