import { z } from 'zod';

/**
 * Kling's documented request rules per endpoint: the one place each rule is written. Every body
 * is checked here before it is sent; messages name the field as the panel does (FIELD_LABELS)
 * and say the rule with the value given, e.g. "Camera Control pan: 11 is outside -10 to 10".
 * Request builders only map parameters to the body.
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
export const VIDEO_ASPECT_RATIOS = ['16:9', '9:16', '1:1'];
export const IMAGE_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'];
const MODES = ['std', 'pro'];
const DURATIONS = ['5', '10'];

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

const text = z.string().refine(
	(v) => v.length <= MAX_TEXT,
	(v) => ({ message: `is ${v.length} characters; Kling accepts at most ${MAX_TEXT}` }),
);
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
	external_task_id: z.string().min(1).max(128, 'must be at most 128 characters'),
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
	})
	.strict()
	.superRefine((body, issues) => {
		checkExclusive(body, issues);
		checkCamera(body.camera_control, issues);
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
		n: z
			.unknown()
			.refine(
				(v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 9,
				(v) => ({ message: `${String(v)} is not allowed; use a whole number from 1 to 9` }),
			)
			.optional(),
		aspect_ratio: oneOf(IMAGE_ASPECT_RATIOS).optional(),
	})
	.strict();
