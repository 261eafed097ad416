/**
 * Kling 4.0 and 4.0 Flash as the only evidence describes them (docs/reference/kling-api.md#kling-40:
 * the body ComfyUI's partner router sends). Kling's own page was not found, so the path is the
 * package's guess (omni-video, whose content types 4.0 shares); the rules are the doc's, strictly:
 * what Kling would answer 1201 before a task exists.
 */
import { checkImage } from './checks.mts';
import {
	bad,
	checkPromptLength,
	countOf,
	kling4Parts,
	type Body,
	type Content,
	type NewTaskFacts,
} from './newStandard.mts';

interface Kling4Model {
	maxSeconds: number;
	resolutions: string[];
	/** Flash animates a single first frame. */
	firstFrameOnly: boolean;
}

export const KLING_4: Record<string, Kling4Model> = {
	'kling-4.0': { maxSeconds: 30, resolutions: ['720p', '1080p'], firstFrameOnly: false },
	'kling-4.0-flash': { maxSeconds: 20, resolutions: ['720p'], firstFrameOnly: true },
};

const TYPES = [
	'prompt',
	'first_frame',
	'middle_frame',
	'last_frame',
	'refer_image',
	'feature_video',
	'base_video',
	'element',
	'voice',
];
const OMNI_TYPES = ['refer_image', 'feature_video', 'base_video', 'element', 'voice'];
const RATIOS = ['21:9', '16:9', '9:16', '1:1', '4:3', '3:4'];

/** 26,000 characters in English, 11,000 in other languages (any non-Latin letter). */
function checkPrompt(contents: Content[]): void {
	const prompts = contents.filter((c) => c.type === 'prompt');
	if (prompts.length > 1) throw bad('at most one prompt item');
	const text = prompts[0]?.text;
	if (text === undefined) {
		if (!countOf(contents, 'first_frame')) throw bad('prompt is required');
		return;
	}
	if (typeof text !== 'string' || text.trim() === '') throw bad('prompt text must not be empty');
	checkPromptLength(text, 26_000, 11_000);
}

function checkFrames(contents: Content[], rules: Kling4Model, model: string): void {
	const [first, middle, last] = ['first_frame', 'middle_frame', 'last_frame'].map((t) =>
		countOf(contents, t),
	);
	if (first > 1 || last > 1) throw bad('at most one first_frame and one last_frame');
	if ((middle || last) && !first) throw bad('middle_frame and last_frame require a first_frame');
	if (middle > 8) throw bad('at most 8 middle_frame items');
	if (rules.firstFrameOnly && (middle || last))
		throw bad(`${model} takes a single first_frame only`);
	const omni = contents.some((c) => OMNI_TYPES.includes(String(c.type)));
	if (omni && middle)
		throw bad('middle_frame is an image-to-video keyframe; no references with it');
}

function checkInputs(contents: Content[]): void {
	const n = (t: string) => countOf(contents, t);
	const images = n('first_frame') + n('last_frame') + n('refer_image');
	const videos = n('feature_video') + n('base_video');
	if (images > 10) throw bad('at most 10 images');
	if (videos > 5) throw bad('at most 5 videos');
	if (n('base_video') > 1) throw bad('at most one base_video');
	if (n('element') > 7) throw bad('at most 7 elements');
	if (n('voice') > 3) throw bad('at most 3 voices');
	if (contents.length - n('prompt') - n('middle_frame') > 15) throw bad('at most 15 inputs');
	contents.forEach((c, i) => {
		if (!TYPES.includes(String(c.type)))
			throw bad(`contents type ${String(c.type)} is not supported for Kling 4.0`);
		if (['first_frame', 'middle_frame', 'last_frame', 'refer_image'].includes(String(c.type)))
			checkImage(`contents[${i}].url`, c.url, true, 50);
		if (
			['feature_video', 'base_video'].includes(String(c.type)) &&
			!/^https?:\/\//.test(String(c.url ?? ''))
		)
			throw bad(`contents[${i}].url must be a video URL`);
		if (['element', 'voice'].includes(String(c.type)) && (typeof c.id !== 'string' || !c.id))
			throw bad(`contents[${i}] ${String(c.type)} needs an id`);
		if (c.type === 'element' && !/^\d+$/.test(String(c.element_id ?? '')))
			throw bad(`contents[${i}] element needs element_id (a numeric string)`);
		if (c.type === 'voice' && (typeof c.voice_id !== 'string' || !c.voice_id))
			throw bad(`contents[${i}] voice needs voice_id`);
	});
}

function checkSettings(settings: Body, rules: Kling4Model, model: string): void {
	const { duration, resolution, aspect_ratio: ratio } = settings;
	if (
		duration !== undefined &&
		(typeof duration !== 'number' ||
			!Number.isInteger(duration) ||
			duration < 3 ||
			duration > rules.maxSeconds)
	)
		throw bad(
			`settings.duration must be a whole number from 3 to ${rules.maxSeconds} for ${model}`,
		);
	if (resolution !== undefined && !rules.resolutions.includes(String(resolution)))
		throw bad(`settings.resolution must be one of ${rules.resolutions.join(', ')} for ${model}`);
	if (ratio !== undefined && !RATIOS.includes(String(ratio)))
		throw bad(`settings.aspect_ratio must be one of ${RATIOS.join(', ')}`);
}

/** Validates a 4.0 create; a 30-second 1080p video takes longer than a 5-second 720p one. */
export function checkKling4Create(
	model: string,
	body: Body,
): NewTaskFacts & { lengthFactor: number } {
	const rules = KLING_4[model];
	const { contents, settings, watermark } = kling4Parts(body, [
		'duration',
		'resolution',
		'aspect_ratio',
	]);
	checkInputs(contents);
	checkPrompt(contents);
	checkFrames(contents, rules, model);
	checkSettings(settings, rules, model);
	const duration = Number(settings.duration ?? 5);
	const resolution = String(settings.resolution ?? '720p');
	return {
		model,
		resolution,
		duration,
		audio: true,
		watermark,
		lengthFactor: (duration / 5) * (resolution === '1080p' ? 1.5 : 1),
	};
}
