import { z } from 'zod/v3';

import { IMAGE_ASPECT_RATIOS, KLING_4_ASPECT_RATIOS } from '../../models/catalogue';
import { elementId, image, length, nonEnglish, oneOf, type Issues } from './fields';
import { typeCount } from './newStandard';

/**
 * Kling 4.0's documented rules (docs/reference/kling-api.md#kling-40), for every 4.0 model: a
 * prompt and keyframes, or references (images, videos, elements, voices) the prompt names by id.
 * What differs between 4.0 and 4.0 Flash is checked against the catalogue first.
 */

const KLING_4_LIMITS = {
	prompt: 26_000,
	promptNonEnglish: 11_000,
	middleFrames: 8,
	images: 10,
	videos: 5,
	elements: 7,
	voices: 3,
	inputs: 15,
};

/** Per the evidence, 4.0's options hold the watermark only: no callback URL, no external task ID. */
const watermarkOnly = z
	.object({ watermark_info: z.object({ enabled: z.boolean() }).strict().optional() })
	.strict()
	.optional();

const FRAMES = ['first_frame', 'middle_frame', 'last_frame'];
const VIDEOS = ['feature_video', 'base_video'];
const MEDIA = [...FRAMES, 'refer_image', ...VIDEOS];

const content = z.union([
	z.object({ type: z.literal('prompt'), text: z.string() }).strict(),
	z.object({ type: oneOf(MEDIA), url: image, id: z.string().optional() }).strict(),
	z.object({ type: z.literal('element'), element_id: elementId, id: z.string().min(1) }).strict(),
	z
		.object({ type: z.literal('voice'), voice_id: z.string().min(1), id: z.string().min(1) })
		.strict(),
]);

type Content = z.infer<typeof content>;

function checkPrompt(contents: Content[], issues: Issues): void {
	const prompts = contents.filter((c) => c.type === 'prompt') as Array<{ text: string }>;
	const frames = typeCount(contents, 'first_frame');
	if (prompts.length > 1) issues.addIssue({ code: 'custom', message: 'takes one prompt' });
	const text = prompts[0]?.text ?? '';
	if (text.trim() === '' && !frames)
		issues.addIssue({ code: 'custom', path: ['prompt'], message: 'is required' });
	const max = nonEnglish(text) ? KLING_4_LIMITS.promptNonEnglish : KLING_4_LIMITS.prompt;
	if (length(text) > max)
		issues.addIssue({
			code: 'custom',
			path: ['prompt'],
			message: `is ${length(text)} characters; Kling 4.0 accepts at most ${max}${max === KLING_4_LIMITS.promptNonEnglish ? ' in a language other than English' : ''}`,
		});
}

function checkFrames(contents: Content[], issues: Issues): void {
	const count = (type: string) => typeCount(contents, type);
	const problem = (message: string) =>
		issues.addIssue({ code: 'custom', path: ['keyframes'], message });
	const [first, middle, last] = FRAMES.map(count);
	const references = contents.length - first - middle - last - count('prompt');
	if (first > 1 || last > 1) problem('takes one first frame and one last frame at most');
	if ((middle || last) && !first) problem('needs a first frame before middle or last keyframes');
	if (middle > KLING_4_LIMITS.middleFrames)
		problem(
			`has ${middle} middle keyframes; Kling 4.0 takes at most ${KLING_4_LIMITS.middleFrames}`,
		);
	if (middle && references)
		problem(
			'middle keyframes cannot be combined with reference images, videos, elements or voices',
		);
}

function checkReferences(contents: Content[], issues: Issues): void {
	const count = (type: string) => typeCount(contents, type);
	const problem = (message: string) =>
		issues.addIssue({ code: 'custom', path: ['references'], message });
	const L = KLING_4_LIMITS;
	const images = count('refer_image') + count('first_frame') + count('last_frame');
	const videos = VIDEOS.map(count).reduce((a, b) => a + b, 0);
	const inputs = contents.length - count('prompt');
	const over: Array<[number, number, string]> = [
		[images, L.images, 'images'],
		[videos, L.videos, 'reference videos'],
		[count('element'), L.elements, 'elements'],
		[count('voice'), L.voices, 'voices'],
		[inputs, L.inputs, 'inputs in all'],
	];
	for (const [n, max, noun] of over)
		if (n > max) problem(`has ${n} ${noun}; Kling 4.0 takes at most ${max}`);
	if (count('base_video') > 1) problem('takes one base video to edit at most');
}

/** `POST /omni-video/kling-4.0` [?] (products/kling4Video.ts): no callback, no external task ID. */
export const kling4VideoSchema = z
	.object({
		contents: z.array(content).superRefine((contents, issues) => {
			checkPrompt(contents, issues);
			checkFrames(contents, issues);
			checkReferences(contents, issues);
		}),
		settings: z
			.object({
				resolution: oneOf(['720p', '1080p']).optional(),
				duration: z
					.unknown()
					.refine(
						(v) => typeof v === 'number' && Number.isInteger(v) && v >= 3 && v <= 30,
						(v) => ({
							message: `${String(v)} is not allowed; Kling 4.0 takes a whole number of seconds from 3 to 30`,
						}),
					)
					.optional(),
				aspect_ratio: oneOf(KLING_4_ASPECT_RATIOS).optional(),
			})
			.strict()
			.optional(),
		options: watermarkOnly,
	})
	.strict();

/** Kling Image 4.0: 50,000 characters in English, 21,000 in other languages. */
const KLING_IMAGE_4_LIMITS = { prompt: 50_000, promptNonEnglish: 21_000, references: 10 };

const imageContent = z.union([
	z.object({ type: z.literal('prompt'), text: z.string() }).strict(),
	z.object({ type: z.literal('refer_image'), url: image, id: z.string().optional() }).strict(),
	z.object({ type: z.literal('element'), element_id: elementId, id: z.string().min(1) }).strict(),
]);

function checkImageContents(contents: Array<z.infer<typeof imageContent>>, issues: Issues): void {
	const L = KLING_IMAGE_4_LIMITS;
	const text = contents.find((c) => c.type === 'prompt')?.text ?? '';
	const other = nonEnglish(text);
	const max = other ? L.promptNonEnglish : L.prompt;
	if (text.trim() === '')
		issues.addIssue({ code: 'custom', path: ['prompt'], message: 'is required' });
	if (length(text) > max)
		issues.addIssue({
			code: 'custom',
			path: ['prompt'],
			message: `is ${length(text)} characters; Kling Image 4.0 accepts at most ${max}${other ? ' in a language other than English' : ''}`,
		});
	const references = contents.length - typeCount(contents, 'prompt');
	if (references > L.references)
		issues.addIssue({
			code: 'custom',
			path: ['references'],
			message: `has ${references} reference images and elements; Kling Image 4.0 takes at most ${L.references}`,
		});
}

/** `POST /omni-image/kling-image-4.0` [?] (products/kling4Image.ts): no callback, no external task ID. */
export const kling4ImageSchema = z
	.object({
		contents: z.array(imageContent).superRefine(checkImageContents),
		settings: z
			.object({
				aspect_ratio: oneOf([...IMAGE_ASPECT_RATIOS, 'auto']).optional(),
				n: z
					.unknown()
					.refine(
						(v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 9,
						(v) => ({ message: `${String(v)} is not allowed; use a whole number from 1 to 9` }),
					)
					.optional(),
				resolution: oneOf(['2k', '4k', '8k']).optional(),
				result_type: z.literal('single').optional(),
			})
			.strict()
			.optional(),
		options: watermarkOnly,
	})
	.strict();
