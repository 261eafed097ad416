import { z, type ZodTypeAny } from 'zod/v3';

import type { TaskRoute } from '../api/routing';
import { parseShotGrammar, shotsOf, storyboardMessage, storyboardProblem } from './storyboard';
import type { LegacyRoute, NewProduct } from '../models/catalogue';
import { IMAGE_ASPECT_RATIOS, VIDEO_ASPECT_RATIOS } from '../models/catalogue';

/**
 * Kling's documented request rules per endpoint: the one place each rule is written. Every body
 * is checked here before it is sent; messages name the field as the panel does (FIELD_LABELS)
 * and say the rule with the value given, e.g. "Camera Control pan: 11 is outside -10 to 10".
 * Request builders only map parameters to the body. What differs per model (durations, 4K,
 * sound, end frames) is checked first, against the model catalogue (input/capabilities.ts); these are
 * the rules each endpoint documents for every model, so a model typed by expression that the
 * catalogue does not know still gets them.
 */

export const MAX_TEXT = 2500;
export const CAMERA_TYPES = [
	'simple',
	'down_back',
	'forward_up',
	'right_turn_forward',
	'left_turn_forward',
] as const;
export const CAMERA_AXES = ['horizontal', 'vertical', 'pan', 'tilt', 'roll', 'zoom'] as const;
export { IMAGE_ASPECT_RATIOS, VIDEO_ASPECT_RATIOS };
/** New-standard prompts may be 3072 characters on 3.0-era models (docs/reference/kling-api.md#text-to-video). */
export const MAX_NEW_TEXT = 3072;
const MODES = ['std', 'pro', '4k'];
/** Every duration some model of the endpoint takes; the model's own list is checked first. */
const DURATIONS = Array.from({ length: 13 }, (_, i) => String(i + 3));
const RESOLUTIONS = ['720p', '1080p', '4k'];

/** Body paths (numbers as #) to the names the panel shows. */
const FIELD_LABELS: Record<string, string> = {
	model_name: 'Model',
	prompt: 'Prompt',
	negative_prompt: 'Negative Prompt',
	mode: 'Mode',
	duration: 'Duration (Seconds)',
	cfg_scale: 'CFG Scale',
	sound: 'Sound',
	aspect_ratio: 'Aspect Ratio',
	n: 'Number of Images',
	callback_url: 'Callback URL',
	external_task_id: 'External Task ID',
	watermark_info: 'Watermark',
	image: 'Image',
	image_tail: 'End Frame',
	static_mask: 'Static Mask',
	dynamic_masks: 'Dynamic Masks',
	'dynamic_masks.#.trajectories': 'Dynamic Masks #{n} Trajectory',
	camera_control: 'Camera Control',
	'camera_control.type': 'Camera Control Type',
	'camera_control.config.{axis}': 'Camera Control {axis}',
	image_list: 'Images',
	subject_image_list: 'Subject Images',
	scene_image: 'Scene Image',
	scence_image: 'Scene Image',
	style_image: 'Style Image',
	resolution: 'Resolution',
	'image_list.#.image_url': 'Images #{n}',
	'image_list.#.image': 'Images #{n}',
	'contents.#.text': 'Prompt',
	'contents.#.url': 'Image',
	contents: 'Images',
	'settings.resolution': 'Mode',
	'settings.duration': 'Duration (Seconds)',
	'settings.audio': 'Sound',
	'settings.aspect_ratio': 'Aspect Ratio',
	'options.callback_url': 'Callback URL',
	'options.external_task_id': 'External Task ID',
	'options.watermark_info': 'Watermark',
	multi_shot: 'Multi-Shot',
	shot_type: 'Multi-Shot',
	multi_prompt: 'Shots',
	element_list: 'Elements',
	video_list: 'Reference Video',
	voice_list: 'Voices',
	'voice_list.#.voice_id': 'Voices #{n} Voice ID',
	'video_list.#.video_url': 'Reference Video URL',
	element_name: 'Name',
	element_description: 'Description',
	'element_image_list.frontal_image': 'Frontal Image',
	'element_image_list.refer_images': 'Other Angles',
	'element_image_list.refer_images.#.image_url': 'Other Angles #{n}',
	element_voice_id: 'Voice ID',
	'element_list.#.element_id': 'Elements #{n} Element ID',
	'settings.multi_shot': 'Multi-Shot',
};

/** The panel's name for a body path, e.g. ['dynamic_masks', 0, 'trajectories'] → "Dynamic Masks #1 Trajectory". */
export function fieldLabel(path: Array<string | number>): string {
	const index = path.find((p) => typeof p === 'number') as number | undefined;
	const key = path.map((p) => (typeof p === 'number' ? '#' : p)).join('.');
	const last = String(path[path.length - 1]);
	const label =
		FIELD_LABELS[key] ??
		FIELD_LABELS[[...path.slice(0, -1), '{axis}'].join('.')]?.replace('{axis}', last);
	return (label ?? key).replace('{n}', String((index ?? 0) + 1));
}

const oneOf = (values: readonly string[]) =>
	z.string().refine(
		(v) => values.includes(v),
		(v) => ({ message: `"${v}" is not allowed; use one of ${values.join(', ')}` }),
	);

/** Kling counts characters, not UTF-16 code units: an emoji is one. */
const length = (v: string) => [...v].length;
const textUpTo = (max: number) =>
	z.string().refine(
		(v) => length(v) <= max,
		(v) => ({ message: `is ${length(v)} characters; Kling accepts at most ${max}` }),
	);
const text = textUpTo(MAX_TEXT);
const requiredText = text.refine((v) => v.trim() !== '', { message: 'is required' });

/** A number in a range; anything else (text, NaN) is named with the value given. */
const between = (min: number, max: number) =>
	z.unknown().refine(
		(v) => typeof v === 'number' && v >= min && v <= max,
		(v) => ({ message: `${String(v)} is outside ${min} to ${max}` }),
	);

const image = z.string().min(1, 'must not be empty');

const count = (min: number, max: number, noun: string) =>
	z
		.array(z.unknown())
		.refine(
			(a) => a.length <= max,
			(a) => ({ message: `has ${a.length} ${noun}; Kling accepts at most ${max}` }),
		)
		.refine((a) => a.length >= min, { message: `needs at least ${min} ${noun}` });

const imageCount = z.unknown().refine(
	(v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 9,
	(v) => ({ message: `${String(v)} is not allowed; use a whole number from 1 to 9` }),
);

const common = {
	model_name: z.string().refine((v) => v.trim() !== '', {
		message: 'is empty; choose a model or enter its name',
	}),
	watermark_info: z.object({ enabled: z.boolean() }).strict().optional(),
	callback_url: z
		.string()
		.url('must be an http(s) URL')
		.regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL')
		.optional(),
	external_task_id: z.string().min(1).max(128, 'must be at most 128 characters').optional(),
	negative_prompt: text.optional(),
};

const trajectory = z
	.array(z.object({ x: z.number(), y: z.number() }).strict())
	.refine((points) => points.every((p) => Number.isInteger(p.x) && Number.isInteger(p.y)), {
		message: 'every point needs whole-number x and y pixel coordinates',
	})
	.refine(
		(points) => points.length >= 2 && points.length <= 77,
		(points) => ({ message: `has ${points.length} point(s); Kling needs 2 to 77` }),
	);

const cameraControl = z
	.object({
		type: oneOf(CAMERA_TYPES),
		config: z
			.object(Object.fromEntries(CAMERA_AXES.map((a) => [a, between(-10, 10).optional()])))
			.strict()
			.optional(),
	})
	.strict();

type Issues = z.RefinementCtx;
type Image2VideoBody = { image_tail?: unknown; static_mask?: unknown; dynamic_masks?: unknown };

/** End frame, motion brush and camera control: Kling takes one of them per task. */
function checkExclusive(body: Image2VideoBody & { camera_control?: unknown }, issues: Issues) {
	const used = [
		body.image_tail !== undefined ? 'End Frame' : '',
		body.static_mask !== undefined || body.dynamic_masks !== undefined
			? 'Motion Brush (Static/Dynamic Masks)'
			: '',
		body.camera_control !== undefined ? 'Camera Control' : '',
	].filter(Boolean);
	if (used.length > 1) {
		issues.addIssue({
			code: z.ZodIssueCode.custom,
			message: `${used.join(' and ')}: Kling allows only one of End Frame, Motion Brush and Camera Control per task`,
		});
	}
}

/** Simple moves along exactly one axis; the other types take no config. */
function checkCamera(cc: z.infer<typeof cameraControl> | undefined, issues: Issues) {
	if (cc?.type === 'simple') {
		const nonZero = CAMERA_AXES.filter((a) => (cc.config?.[a] ?? 0) !== 0);
		if (nonZero.length !== 1) {
			issues.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['camera_control'],
				message: `type Simple needs exactly one non-zero axis (now ${nonZero.length ? nonZero.join(', ') : 'none'})`,
			});
		}
	} else if (cc?.config !== undefined) {
		issues.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['camera_control', 'config'],
			message: 'is only used with type Simple',
		});
	}
}

/** Element IDs are 64-bit integers, carried as digit strings (docs/reference/kling-api.md#elements-and-voices). */
const elementId = z.string().refine(
	(v) => /^\d{1,19}$/.test(v),
	(v) => ({
		message: `"${v}" is not an element ID; element IDs are digits only, e.g. 829836802793406551`,
	}),
);
const elementList = z.array(z.object({ element_id: elementId }).strict()).optional();

/** Omni's one reference video (docs/reference/kling-api.md#omni-video); what it excludes is checked on both standards in input/capabilities.ts. */
const videoList = count(0, 1, 'videos')
	.pipe(
		z.array(
			z
				.object({
					video_url: z
						.string()
						.regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL of an MP4 or MOV video'),
					refer_type: z.enum(['feature', 'base']),
					keep_original_sound: z.enum(['yes', 'no']),
				})
				.strict(),
		),
	)
	.optional();

/** Legacy multi-shot fields (docs/reference/kling-api.md#text-to-video); the shot rules themselves are in input/storyboard.ts. */
const storyboardFields = {
	multi_shot: z.boolean().optional(),
	shot_type: z.enum(['customize', 'intelligence']).optional(),
	multi_prompt: z
		.array(z.object({ index: z.number().int(), prompt: z.string(), duration: z.string() }).strict())
		.optional(),
};

type StoryboardBody = {
	multi_shot?: boolean;
	shot_type?: string;
	multi_prompt?: unknown[];
	prompt?: string;
	duration?: string;
};

function checkStoryboard(body: StoryboardBody, issues: Issues): void {
	const issue = (message: string, path: string[] = []) =>
		issues.addIssue({ code: z.ZodIssueCode.custom, path, message });
	if (body.multi_shot === true && body.shot_type === undefined)
		return issue('needs a shot type: a storyboard of shots, or intelligent', ['shot_type']);
	if (body.shot_type === 'customize') {
		const problem = storyboardProblem(shotsOf(body.multi_prompt), Number(body.duration ?? 5));
		if (problem) issue(storyboardMessage(problem));
	} else if (body.multi_prompt !== undefined) {
		issue('are only used with a storyboard (Multi-Shot: Storyboard)', ['multi_prompt']);
	}
	if (body.shot_type === 'intelligence' && String(body.prompt ?? '').trim() === '')
		issue('is required: intelligent multi-shot splits the prompt into shots', ['prompt']);
}

/** New standard: a prompt in the shot syntax follows the same storyboard rules. */
function checkPromptShots(prompt: unknown, duration: unknown, issues: Issues): void {
	const shots = typeof prompt === 'string' ? parseShotGrammar(prompt) : undefined;
	if (!shots) return;
	const problem = storyboardProblem(shots, Number(duration ?? 5));
	if (problem)
		issues.addIssue({ code: z.ZodIssueCode.custom, message: storyboardMessage(problem) });
}

export const image2videoSchema = z
	.object({
		...common,
		image,
		image_tail: image.optional(),
		prompt: text.optional(),
		cfg_scale: between(0, 1).optional(),
		mode: oneOf(MODES).optional(),
		duration: oneOf(DURATIONS).optional(),
		sound: z.enum(['on', 'off']).optional(),
		camera_control: cameraControl.optional(),
		static_mask: image.optional(),
		dynamic_masks: count(1, 6, 'groups')
			.pipe(z.array(z.object({ mask: image, trajectories: trajectory }).strict()))
			.optional(),
		...storyboardFields,
		element_list: elementList,
		voice_list: count(1, 2, 'voices')
			.pipe(z.array(z.object({ voice_id: z.string().min(1, 'is empty') }).strict()))
			.optional(),
	})
	.strict()
	.superRefine((body, issues) => {
		checkExclusive(body, issues);
		checkCamera(body.camera_control, issues);
		checkStoryboard(body, issues);
	});

/** `/v1/videos/text2video` (docs/reference/kling-api.md#text-to-video): a prompt, unless a storyboard replaces it. */
export const text2videoSchema = z
	.object({
		...common,
		prompt: text.optional(),
		cfg_scale: between(0, 1).optional(),
		mode: oneOf(MODES).optional(),
		duration: oneOf(DURATIONS).optional(),
		aspect_ratio: oneOf(VIDEO_ASPECT_RATIOS).optional(),
		sound: z.enum(['on', 'off']).optional(),
		...storyboardFields,
	})
	.strict()
	.superRefine((body, issues) => {
		if (body.shot_type !== 'customize' && String(body.prompt ?? '').trim() === '')
			issues.addIssue({ code: z.ZodIssueCode.custom, path: ['prompt'], message: 'is required' });
		checkStoryboard(body, issues);
	});

export const multiImage2videoSchema = z
	.object({
		...common,
		image_list: count(1, 4, 'images').pipe(z.array(z.object({ image }).strict())),
		prompt: requiredText,
		mode: oneOf(MODES).optional(),
		duration: oneOf(DURATIONS).optional(),
		aspect_ratio: oneOf(VIDEO_ASPECT_RATIOS).optional(),
	})
	.strict();

export const multiImage2imageSchema = z
	.object({
		...common,
		subject_image_list: count(1, 4, 'images').pipe(
			z.array(z.object({ subject_image: image }).strict()),
		),
		scene_image: image.optional(),
		scence_image: image.optional(),
		style_image: image.optional(),
		prompt: text.optional(),
		n: imageCount.optional(),
		aspect_ratio: oneOf(IMAGE_ASPECT_RATIOS).optional(),
	})
	.strict();

/** Omni endpoints take no negative prompt: what to avoid goes in the prompt. */
const omniCommon = {
	model_name: common.model_name,
	watermark_info: common.watermark_info,
	callback_url: common.callback_url,
	external_task_id: common.external_task_id,
};

/**
 * `/v1/videos/omni-video` (docs/reference/kling-api.md#omni-video): references as image_list[{image_url, type?}],
 * none for text to video. A storyboard replaces the prompt.
 */
export const omniVideoSchema = z
	.object({
		...omniCommon,
		prompt: text.optional(),
		image_list: count(0, 7, 'images')
			.pipe(
				z.array(
					z
						.object({ image_url: image, type: z.enum(['first_frame', 'end_frame']).optional() })
						.strict(),
				),
			)
			.optional(),
		mode: oneOf(MODES).optional(),
		duration: oneOf(DURATIONS).optional(),
		aspect_ratio: oneOf(VIDEO_ASPECT_RATIOS).optional(),
		sound: z.enum(['on', 'off']).optional(),
		...storyboardFields,
		element_list: elementList,
		video_list: videoList,
	})
	.strict()
	.superRefine((body, issues) => {
		if (body.shot_type !== 'customize' && String(body.prompt ?? '').trim() === '')
			issues.addIssue({ code: z.ZodIssueCode.custom, path: ['prompt'], message: 'is required' });
		const references = (body.image_list?.length ?? 0) + (body.element_list?.length ?? 0);
		const limit = body.video_list?.length ? 4 : 7;
		if (references > limit)
			issues.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['element_list'],
				message: `${references} reference images and elements together; Kling accepts at most ${limit}${limit === 4 ? ' with a reference video' : ''}`,
			});
		checkStoryboard(body, issues);
	});

/** `/v1/images/omni-image` (docs/reference/kling-api.md#omni-image): images and elements ≤ 10, prompt required. */
export const omniImageSchema = z
	.object({
		...omniCommon,
		prompt: requiredText,
		image_list: count(1, 10, 'images').pipe(z.array(z.object({ image }).strict())),
		resolution: oneOf(['1k', '2k', '4k']).optional(),
		n: imageCount.optional(),
		aspect_ratio: oneOf([...IMAGE_ASPECT_RATIOS, 'auto']).optional(),
	})
	.strict();

const newOptions = z
	.object({
		callback_url: common.callback_url,
		external_task_id: common.external_task_id,
		watermark_info: common.watermark_info,
	})
	.strict();

const newSettings = {
	resolution: oneOf(RESOLUTIONS).optional(),
	duration: z
		.unknown()
		.refine(
			(v) => typeof v === 'number' && Number.isInteger(v) && v >= 3 && v <= 15,
			(v) => ({
				message: `${String(v)} is not allowed; use a whole number of seconds from 3 to 15`,
			}),
		)
		.optional(),
	audio: oneOf(['native', 'off', 'original']).optional(),
	multi_shot: z.boolean().optional(),
};

/** Text to video and omni-video also take an aspect ratio (image to video: the frame decides). */
const settingsWithRatio = z
	.object({ ...newSettings, aspect_ratio: oneOf(VIDEO_ASPECT_RATIOS).optional() })
	.strict()
	.optional();

const newContent = (types: string[]) =>
	z.union([
		z
			.object({
				type: z.literal('prompt'),
				text: textUpTo(MAX_NEW_TEXT).refine((v) => v.trim() !== '', { message: 'is required' }),
			})
			.strict(),
		z.object({ type: oneOf(types), url: image, id: z.string().optional() }).strict(),
		z.object({ type: z.literal('element'), element_id: elementId, id: z.string().min(1) }).strict(),
		z
			.object({ type: z.literal('voice'), voice_id: z.string().min(1), id: z.string().min(1) })
			.strict(),
	]);

const typeCount = (contents: Array<{ type: string }>, type: string) =>
	contents.filter((c) => c.type === type).length;

const promptOf = (contents: Array<{ type: string; text?: string }>) =>
	contents.find((c) => c.type === 'prompt')?.text;

/** `POST /text-to-video/{model}` (docs/reference/kling-api.md#text-to-video): a flat prompt, no contents. */
export const newTextToVideoSchema = z
	.object({
		prompt: textUpTo(MAX_NEW_TEXT).refine((v) => v.trim() !== '', { message: 'is required' }),
		settings: settingsWithRatio,
		options: newOptions.optional(),
	})
	.strict()
	.superRefine((body, issues) => checkPromptShots(body.prompt, body.settings?.duration, issues));

/** `POST /image-to-video/{model}` (docs/reference/kling-api.md#image-to-video): exactly one first frame, at most one last frame. */
export const newImageToVideoSchema = z
	.object({
		contents: z
			.array(newContent(['first_frame', 'last_frame']))
			.refine((c) => typeCount(c, 'first_frame') === 1, {
				message: 'needs exactly one first frame',
			})
			.refine((c) => typeCount(c, 'last_frame') <= 1, { message: 'takes at most one last frame' }),
		settings: z.object(newSettings).strict().optional(),
		options: newOptions.optional(),
	})
	.strict()
	.superRefine((body, issues) =>
		checkPromptShots(promptOf(body.contents), body.settings?.duration, issues),
	);

/** `POST /omni-video/{model}` (docs/reference/kling-api.md#omni-video): a prompt and up to 7 reference images. */
export const newOmniVideoSchema = z
	.object({
		contents: z
			.array(
				newContent(['first_frame', 'last_frame', 'refer_image', 'feature_video', 'base_video']),
			)
			.refine((c) => typeCount(c, 'prompt') === 1, { message: 'needs a prompt' })
			.refine(
				(c) => c.length - typeCount(c, 'prompt') <= 7,
				(c) => ({ message: `has ${c.length - 1} images; Kling accepts at most 7` }),
			),
		settings: settingsWithRatio,
		options: newOptions.optional(),
	})
	.strict()
	.superRefine((body, issues) =>
		checkPromptShots(promptOf(body.contents), body.settings?.duration, issues),
	);

/** `POST /v1/general/advanced-custom-elements` (docs/reference/kling-api.md#elements-and-voices), from images. */
export const elementSchema = z
	.object({
		element_name: textUpTo(20).refine((v) => v.trim() !== '', { message: 'is required' }),
		element_description: textUpTo(100).refine((v) => v.trim() !== '', { message: 'is required' }),
		reference_type: z.literal('image_refer'),
		element_image_list: z
			.object({
				frontal_image: image,
				refer_images: count(1, 3, 'images').pipe(z.array(z.object({ image_url: image }).strict())),
			})
			.strict(),
		element_voice_id: z
			.string()
			.refine((v) => /^\d{1,19}$/.test(v), { message: 'is a voice ID: digits only' })
			.optional(),
		callback_url: common.callback_url,
		external_task_id: common.external_task_id,
	})
	.strict();

const LEGACY_SCHEMAS: Partial<Record<LegacyRoute, ZodTypeAny>> = {
	element: elementSchema,
	text2video: text2videoSchema,
	image2video: image2videoSchema,
	multiImage2video: multiImage2videoSchema,
	multiImage2image: multiImage2imageSchema,
	omniVideo: omniVideoSchema,
	omniImage: omniImageSchema,
};
const NEW_SCHEMAS: Partial<Record<NewProduct, ZodTypeAny>> = {
	'text-to-video': newTextToVideoSchema,
	'image-to-video': newImageToVideoSchema,
	'omni-video': newOmniVideoSchema,
};

/** The documented rules of the endpoint a route goes to. */
export function schemaFor(route: TaskRoute): ZodTypeAny {
	const product = route.newPath?.split('/')[1] as NewProduct | undefined;
	const schema = route.standard === 'new' ? NEW_SCHEMAS[product!] : LEGACY_SCHEMAS[route.legacy];
	if (!schema) throw new Error(`No request rules for ${route.newPath ?? route.legacy}`);
	return schema;
}
