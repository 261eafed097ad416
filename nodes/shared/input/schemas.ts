import { z } from 'zod';

/** Kling's documented request rules per endpoint; every body is checked before it is sent. */

const MAX_TEXT = 2500;
const image = z.string().min(1, 'must not be empty');
const text = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);

const common = {
	model_name: z.string().min(1, 'must not be empty'),
	watermark_info: z.object({ enabled: z.boolean() }).strict().optional(),
	callback_url: z
		.string()
		.url('must be an http(s) URL')
		.regex(/^https?:\/\//i, 'must be an http(s) URL')
		.optional(),
	external_task_id: z.string().min(1).max(128, 'must be at most 128 characters'),
};

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

const axis = z.number().min(-10, 'must be at least -10').max(10, 'must be at most 10');

export const image2videoSchema = z
	.object({
		...common,
		image,
		image_tail: image.optional(),
		prompt: text.optional(),
		negative_prompt: text.optional(),
		cfg_scale: z.number().min(0, 'must be at least 0').max(1, 'must be at most 1').optional(),
		mode: z.enum(['std', 'pro']).optional(),
		duration: z.enum(['5', '10']).optional(),
		sound: z.enum(['on', 'off']).optional(),
		camera_control: z
			.object({
				type: z.enum(CAMERA_TYPES),
				config: z
					.object(
						Object.fromEntries(CAMERA_AXES.map((a) => [a, axis])) as Record<
							(typeof CAMERA_AXES)[number],
							typeof axis
						>,
					)
					.strict()
					.optional(),
			})
			.strict()
			.optional(),
		static_mask: image.optional(),
		dynamic_masks: z
			.array(
				z
					.object({
						mask: image,
						trajectories: z
							.array(z.object({ x: z.number().int(), y: z.number().int() }).strict())
							.min(2, 'needs at least 2 points')
							.max(77, 'allows at most 77 points'),
					})
					.strict(),
			)
			.min(1)
			.max(6, 'allows at most 6 groups')
			.optional(),
	})
	.strict()
	.superRefine((body, issues) => {
		const groups = [
			body.image_tail !== undefined,
			body.static_mask !== undefined || body.dynamic_masks !== undefined,
			body.camera_control !== undefined,
		];
		if (groups.filter(Boolean).length > 1) {
			issues.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'end frame, motion brush and camera control cannot be combined',
			});
		}
		const cc = body.camera_control;
		if (cc?.type === 'simple') {
			const nonZero = CAMERA_AXES.filter((a) => (cc.config?.[a] ?? 0) !== 0);
			if (nonZero.length !== 1) {
				issues.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['camera_control', 'config'],
					message: 'exactly one of the six values must be non-zero for type simple',
				});
			}
		} else if (cc?.config !== undefined) {
			issues.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['camera_control', 'config'],
				message: 'is only used with type simple',
			});
		}
	});

export const multiImage2videoSchema = z
	.object({
		...common,
		image_list: z.array(z.object({ image }).strict()).min(1).max(4, 'allows at most 4 images'),
		prompt: text.min(1, 'is required'),
		negative_prompt: text.optional(),
		mode: z.enum(['std', 'pro']).optional(),
		duration: z.enum(['5', '10']).optional(),
		aspect_ratio: z.enum(VIDEO_ASPECT_RATIOS as [string, ...string[]]).optional(),
	})
	.strict();

export const multiImage2imageSchema = z
	.object({
		...common,
		subject_image_list: z
			.array(z.object({ subject_image: image }).strict())
			.min(1)
			.max(4, 'allows at most 4 images'),
		scene_image: image.optional(),
		scence_image: image.optional(),
		style_image: image.optional(),
		prompt: text.optional(),
		n: z
			.number()
			.int('must be a whole number')
			.min(1, 'must be at least 1')
			.max(9, 'must be at most 9')
			.optional(),
		aspect_ratio: z.enum(IMAGE_ASPECT_RATIOS as [string, ...string[]]).optional(),
	})
	.strict();
