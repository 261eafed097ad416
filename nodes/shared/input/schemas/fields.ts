import { z } from 'zod/v3';

import { parseShotGrammar, shotsOf, storyboardMessage, storyboardProblem } from '../storyboard';
import { IMAGE_ASPECT_RATIOS, VIDEO_ASPECT_RATIOS } from '../../models/catalogue';

/** What the endpoints' rules share: limits, field schemas and the checks several of them make. */

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
export const MODES = ['std', 'pro', '4k'];
/** Every duration some model of the endpoint takes; the model's own list is checked first. */
export const DURATIONS = Array.from({ length: 13 }, (_, i) => String(i + 3));
export const RESOLUTIONS = ['720p', '1080p', '4k'];

export const oneOf = (values: readonly string[]) =>
	z.string().refine(
		(v) => values.includes(v),
		(v) => ({ message: `"${v}" is not allowed; use one of ${values.join(', ')}` }),
	);

/** Kling counts characters, not UTF-16 code units: an emoji is one. */
export const length = (v: string) => [...v].length;
export const textUpTo = (max: number) =>
	z.string().refine(
		(v) => length(v) <= max,
		(v) => ({ message: `is ${length(v)} characters; Kling accepts at most ${max}` }),
	);
export const text = textUpTo(MAX_TEXT);

/**
 * Kling 4.0 allows fewer characters in other languages: a letter outside the Latin script (CJK,
 * Cyrillic, Arabic, …) makes a prompt count as one.
 */
export const nonEnglish = (v: string) =>
	/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(v);
export const requiredText = text.refine((v) => v.trim() !== '', { message: 'is required' });

/** A number in a range; anything else (text, NaN) is named with the value given. */
export const between = (min: number, max: number) =>
	z.unknown().refine(
		(v) => typeof v === 'number' && v >= min && v <= max,
		(v) => ({ message: `${String(v)} is outside ${min} to ${max}` }),
	);

export const image = z.string().min(1, 'must not be empty');

export const count = (min: number, max: number, noun: string) =>
	z
		.array(z.unknown())
		.refine(
			(a) => a.length <= max,
			(a) => ({ message: `has ${a.length} ${noun}; Kling accepts at most ${max}` }),
		)
		.refine((a) => a.length >= min, { message: `needs at least ${min} ${noun}` });

export const imageCount = z.unknown().refine(
	(v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 9,
	(v) => ({ message: `${String(v)} is not allowed; use a whole number from 1 to 9` }),
);

export const common = {
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

export const trajectory = z
	.array(z.object({ x: z.number(), y: z.number() }).strict())
	.refine((points) => points.every((p) => Number.isInteger(p.x) && Number.isInteger(p.y)), {
		message: 'every point needs whole-number x and y pixel coordinates',
	})
	.refine(
		(points) => points.length >= 2 && points.length <= 77,
		(points) => ({ message: `has ${points.length} point(s); Kling needs 2 to 77` }),
	);

export const cameraControl = z
	.object({
		type: oneOf(CAMERA_TYPES),
		config: z
			.object(Object.fromEntries(CAMERA_AXES.map((a) => [a, between(-10, 10).optional()])))
			.strict()
			.optional(),
	})
	.strict();

export type Issues = z.RefinementCtx;
export type Image2VideoBody = {
	image_tail?: unknown;
	static_mask?: unknown;
	dynamic_masks?: unknown;
};

/** End frame, motion brush and camera control: Kling takes one of them per task. */
export function checkExclusive(
	body: Image2VideoBody & { camera_control?: unknown },
	issues: Issues,
) {
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
export function checkCamera(cc: z.infer<typeof cameraControl> | undefined, issues: Issues) {
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
export const elementId = z.string().refine(
	(v) => /^\d{1,19}$/.test(v),
	(v) => ({
		message: `"${v}" is not an element ID; element IDs are digits only, e.g. 829836802793406551`,
	}),
);
export const elementList = z.array(z.object({ element_id: elementId }).strict()).optional();

/** Omni's one reference video (docs/reference/kling-api.md#omni-video); what it excludes is checked on both standards in input/capabilities.ts. */
export const videoList = count(0, 1, 'videos')
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
export const storyboardFields = {
	multi_shot: z.boolean().optional(),
	shot_type: z.enum(['customize', 'intelligence']).optional(),
	multi_prompt: z
		.array(z.object({ index: z.number().int(), prompt: z.string(), duration: z.string() }).strict())
		.optional(),
};

export type StoryboardBody = {
	multi_shot?: boolean;
	shot_type?: string;
	multi_prompt?: unknown[];
	prompt?: string;
	duration?: string;
};

export function checkStoryboard(body: StoryboardBody, issues: Issues): void {
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
export function checkPromptShots(prompt: unknown, duration: unknown, issues: Issues): void {
	const shots = typeof prompt === 'string' ? parseShotGrammar(prompt) : undefined;
	if (!shots) return;
	const problem = storyboardProblem(shots, Number(duration ?? 5));
	if (problem)
		issues.addIssue({ code: z.ZodIssueCode.custom, message: storyboardMessage(problem) });
}

/** A video Kling downloads: only a URL will do. */
export const videoUrl = z
	.string()
	.regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL of an MP4 or MOV video');

/** The products that take an earlier video: its Kling video ID or its URL, exactly one. */
export const videoSource = {
	video_id: z.string().min(1, 'is empty').optional(),
	video_url: videoUrl.optional(),
};

export function oneVideo(body: { video_id?: string; video_url?: string }, issues: Issues): void {
	if ((body.video_id === undefined) === (body.video_url === undefined))
		issues.addIssue({
			code: 'custom',
			path: ['video_id'],
			message: 'give either the ID of an earlier Kling video or a video URL, not both',
		});
}

/** Callback URL and external task ID: what every legacy task endpoint takes beside its own fields. */
export const taskOptions = {
	callback_url: common.callback_url,
	external_task_id: common.external_task_id,
};

/** The products that take a sound: the ID of a Kling TTS audio, or a file (URL or Base64), exactly one. */
export const soundSource = {
	audio_id: z.string().min(1, 'is empty').optional(),
	sound_file: z.string().min(1, 'is empty').optional(),
};

export function oneSound(body: { audio_id?: string; sound_file?: string }, issues: Issues): void {
	if ((body.audio_id === undefined) === (body.sound_file === undefined))
		issues.addIssue({
			code: 'custom',
			path: ['sound_file'],
			message: 'give either the ID of a Kling text-to-speech audio or an audio file, not both',
		});
}
