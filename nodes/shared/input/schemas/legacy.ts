import { z } from 'zod/v3';

import { IMAGE_ASPECT_RATIOS, VIDEO_ASPECT_RATIOS } from '../../models/catalogue';
import {
	DURATIONS,
	MODES,
	between,
	cameraControl,
	checkCamera,
	checkExclusive,
	checkStoryboard,
	common,
	count,
	elementList,
	image,
	imageCount,
	oneOf,
	requiredText,
	storyboardFields,
	text,
	textUpTo,
	trajectory,
	videoList,
} from './fields';

/** The legacy `/v1` endpoints' documented rules. */

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
export const omniCommon = {
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
