import { z } from 'zod/v3';

import { VIDEO_ASPECT_RATIOS } from '../../models/catalogue';
import {
	MAX_NEW_TEXT,
	RESOLUTIONS,
	checkPromptShots,
	common,
	elementId,
	image,
	oneOf,
	textUpTo,
} from './fields';

/** The new standard's documented rules: `POST /{product}/{model}`. */

export const newOptions = z
	.object({
		callback_url: common.callback_url,
		external_task_id: common.external_task_id,
		watermark_info: common.watermark_info,
	})
	.strict();

export const newSettings = {
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
export const settingsWithRatio = z
	.object({ ...newSettings, aspect_ratio: oneOf(VIDEO_ASPECT_RATIOS).optional() })
	.strict()
	.optional();

export const newContent = (types: string[]) =>
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

export const typeCount = (contents: Array<{ type: string }>, type: string) =>
	contents.filter((c) => c.type === type).length;

export const promptOf = (contents: Array<{ type: string; text?: string }>) =>
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
