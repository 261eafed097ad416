import type { INodeProperties } from 'n8n-workflow';

import {
	MODE_OF,
	VIDEO_ASPECT_RATIOS,
	isVideoModel,
	modelsFor,
	type VideoModel,
} from '../models/catalogue';
import type { ProductFacts } from '../models/product';
import { forGenerate, generateOption } from './show';

/** Options of a generation, each defined once with the same name in every node. */

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
		'Kling 4.0: 3 to 30 s (4.0 Flash: 3 to 20 s). Kling 3.0, 3.0 Turbo and 3.0 Omni: 3 to 15 s. O1: 3 to 10 s. Kling 2.6, 2.5 Turbo and 1.6: 5 or 10 s.',
	options: Array.from({ length: 28 }, (_, i) => ({ name: String(i + 3), value: String(i + 3) })),
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
	"Kling 2.6: up to 2 voices (your custom voices or Kling's presets) for the people in the video; needs Sound on and Mode Professional (1080p). Kling 4.0: up to 3. Name them in the prompt as &lt;&lt;&lt;voice_1&gt;&gt;&gt; or @voice_1. On Kling 3.0, bind a voice to an element instead.",
);

const videoUrlField: INodeProperties = {
	displayName: 'Video URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/clip.mp4',
};

export const referenceVideoOption: INodeProperties = forGenerate({
	displayName: 'Reference Video',
	name: 'referenceVideo',
	type: 'fixedCollection',
	typeOptions: { multipleValues: false },
	default: {},
	placeholder: 'Add Reference Video',
	description:
		'Kling 4.0, 3.0 Omni and O1: one video (MP4/MOV URL; 3 to 30 s on 4.0, 3 to 15.5 s on 3.0 Omni, 3 to 10 s on O1, at most 200 MB) to follow or to edit. With a video, at most 4 reference images and elements on 3.0 Omni and O1.',
	options: [
		{
			name: 'video',
			displayName: 'Video',
			values: [
				videoUrlField,
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

/** Kling 4.0 follows up to 5 videos: the Reference Video, then these. */
export const moreReferenceVideosOption: INodeProperties = forGenerate({
	displayName: 'More Reference Videos',
	name: 'moreReferenceVideos',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Reference Video' },
	default: {},
	placeholder: 'Add Reference Video',
	description:
		'Kling 4.0: up to 4 more videos to follow besides the Reference Video (5 in all, 3 to 30 s each, at most 30 s together), named @Video2, @Video3, … in the prompt',
	options: [
		{
			name: 'video',
			displayName: 'Video',
			values: [videoUrlField],
		},
	],
});

export const numberOfImagesOption: INodeProperties = forGenerate({
	displayName: 'Number of Images',
	name: 'numberOfImages',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 9 },
	default: 1,
	description: 'How many images to generate, 1 to 9. Each one takes a concurrency slot at Kling.',
});

export const resolutionOption: INodeProperties = forGenerate({
	displayName: 'Resolution',
	name: 'resolution',
	type: 'options',
	default: '1k',
	description:
		'4K: Kling Image 3.0 Omni and Image 4.0. 8K: Image 4.0 only, which takes no 1K. Kling 2.1 does not take this setting.',
	options: [
		{ name: '1K', value: '1k' },
		{ name: '2K', value: '2k' },
		{ name: '4K', value: '4k' },
		{ name: '8K', value: '8k' },
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

/** Shown when generating with one of these models; n8n shows it for a model set by expression too. */
const forModels = (ids: string[]) => ({ show: { ...generateOption.show, '/model': ids } });

/** What every task the video tools create takes beside its own options (optionsCollection sorts them). */
export const taskParameters = (): INodeProperties[] => [
	callbackUrlOption,
	concurrencyOption,
	externalTaskIdOption,
	maxUnitsOption,
];

/** An option only some of the product's video models take: shown for those alone. */
export function onlyFor(
	option: INodeProperties,
	product: ProductFacts,
	takes: (model: VideoModel) => boolean,
): INodeProperties {
	const ids = modelsFor(product.id)
		.filter(isVideoModel)
		.filter(takes)
		.map((m) => m.id);
	return { ...option, displayOptions: forModels(ids) };
}

/**
 * The models whose endpoint calls no callback URL back and takes no external task ID (Kling 4.0):
 * their panels do not offer either.
 */
function silentModels(product: ProductFacts): string[] {
	return modelsFor(product.id)
		.filter((m) => {
			const routes = m.routes[product.id];
			const endpoint = product.endpoints.new.find((e) => e.id === routes?.new);
			return endpoint?.callbacks === false && !routes?.legacy;
		})
		.map((m) => m.id);
}

/** An option the models of silentModels() do not take (Callback URL, External Task ID): hidden for them. */
export function unlessSilent(option: INodeProperties, product: ProductFacts): INodeProperties {
	const ids = silentModels(product);
	if (!ids.length) return option;
	const hide = { ...option.displayOptions?.hide, '/model': ids };
	return { ...option, displayOptions: { ...option.displayOptions, hide } };
}

/** Aspect Ratio for video, with the ratios the chosen model takes (Kling 4.0 adds 21:9, 4:3, 3:4). */
export function videoAspectRatioOptions(product: ProductFacts): INodeProperties[] {
	const ratios = (m: VideoModel) => m.aspectRatios ?? VIDEO_ASPECT_RATIOS;
	const all = new Set(modelsFor(product.id).filter(isVideoModel).flatMap(ratios));
	return perModel(aspectRatioOption([...all]), product, ratios);
}

/**
 * An option whose choices depend on the model: one variant per set of values the product's
 * models take, each shown only for those models; same name, type and default in every variant.
 * n8n shows every variant for a model set by expression, and the run-time checks judge it.
 */
function perModel(
	option: INodeProperties,
	product: ProductFacts,
	valuesOf: (model: VideoModel) => string[],
): INodeProperties[] {
	const groups = new Map<string, string[]>();
	for (const model of modelsFor(product.id).filter(isVideoModel)) {
		const key = JSON.stringify(valuesOf(model));
		groups.set(key, [...(groups.get(key) ?? []), model.id]);
	}
	if (groups.size <= 1) return [option];
	const choices = option.options as Array<{ name: string; value: string }>;
	return [...groups].map(([key, ids]) => {
		const values = JSON.parse(key) as string[];
		const options = choices.filter((c) => values.includes(c.value));
		return { ...option, options, displayOptions: forModels(ids) };
	});
}

/** Sound, only for the models that make it on request (3.0 Turbo always does; others never). */
function soundFor(product: ProductFacts): INodeProperties[] {
	const models = modelsFor(product.id).filter(isVideoModel);
	const native = models.filter((m) => m.audio === 'native').map((m) => m.id);
	if (native.length === models.length) return [soundOption];
	return native.length ? [{ ...soundOption, displayOptions: forModels(native) }] : [];
}

/**
 * The options every video product has, with Duration, Mode and Sound offering only what the
 * chosen model takes; each product adds its own (optionsCollection sorts them).
 */
export const videoOptions = (product: ProductFacts): INodeProperties[] => [
	unlessSilent(callbackUrlOption, product),
	concurrencyOption,
	...perModel(durationOption, product, (m) => m.durations.map(String)),
	elementsOption,
	unlessSilent(externalTaskIdOption, product),
	maxUnitsOption,
	...perModel(modeOption, product, (m) => m.resolutions.map((r) => MODE_OF[r])),
	multiShotOption,
	negativePromptOption,
	shotsOption,
	...soundFor(product),
	watermarkOption,
];
