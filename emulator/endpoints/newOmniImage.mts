/**
 * Kling Image 4.0 as the only evidence describes it (docs/reference/kling-api.md#kling-image-40:
 * the body ComfyUI's partner router sends). Kling's own page was not found, so the path is the
 * package's guess (omni-image, whose references 4.0 shares); the rules are the doc's, strictly.
 */
import { ASPECTS_IMAGE, checkImage } from '../checks.mts';
import {
	bad,
	checkPromptLength,
	countOf,
	kling4Parts,
	type Body,
	type Content,
	type NewTaskFacts,
} from '../newStandard.mts';
import type { EndpointSpec } from '../rules.mts';

function checkContents(contents: Content[]): void {
	const prompts = contents.filter((c) => c.type === 'prompt');
	if (prompts.length !== 1) throw bad('contents needs exactly one prompt');
	const text = prompts[0].text;
	if (typeof text !== 'string' || text.trim() === '') throw bad('prompt is required');
	checkPromptLength(text, 50_000, 21_000);
	if (countOf(contents, 'refer_image') + countOf(contents, 'element') > 10)
		throw bad('refer images and elements must be at most 10');
	contents.forEach((c, i) => {
		if (!['prompt', 'refer_image', 'element'].includes(String(c.type)))
			throw bad(`contents type ${String(c.type)} is not supported for Kling Image 4.0`);
		if (c.type === 'refer_image') checkImage(`contents[${i}].url`, c.url, true, 30);
		if (c.type === 'element' && (!/^\d+$/.test(String(c.element_id ?? '')) || !c.id))
			throw bad(`contents[${i}] element needs element_id (a numeric string) and id`);
	});
}

function checkSettings(settings: Body): number {
	const n = settings.n ?? 1;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 9)
		throw bad('settings.n must be a whole number from 1 to 9');
	if (
		settings.resolution !== undefined &&
		!['2k', '4k', '8k'].includes(String(settings.resolution))
	)
		throw bad('settings.resolution must be one of 2k, 4k, 8k');
	const ratios = [...ASPECTS_IMAGE, 'auto'];
	if (settings.aspect_ratio !== undefined && !ratios.includes(String(settings.aspect_ratio)))
		throw bad(`settings.aspect_ratio must be one of ${ratios.join(', ')}`);
	if (settings.result_type !== undefined && settings.result_type !== 'single')
		throw bad('settings.result_type must be single');
	return n;
}

function checkCreate(model: string, body: Body): NewTaskFacts {
	const { contents, settings, watermark } = kling4Parts(body, [
		'aspect_ratio',
		'n',
		'resolution',
		'result_type',
	]);
	checkContents(contents);
	const images = checkSettings(settings);
	return {
		model,
		resolution: String(settings.resolution ?? '2k'),
		duration: 0,
		audio: false,
		watermark,
		images,
	};
}

export const endpoint: EndpointSpec = {
	key: 'new:omni-image',
	standard: 'new',
	paths: ['omni-image'],
	result: 'image',
	// [?] Kling has published no price: the emulator charges as for Image 3.0 Omni.
	unitsPerImage: 8,
	models: { 'kling-image-4.0': 'live' },
	validateNew: checkCreate,
};
