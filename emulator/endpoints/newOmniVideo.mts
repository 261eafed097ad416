/**
 * `POST /omni-video/{model}` (docs/reference/kling-api.md#omni-video): frames, references, a video,
 * elements; Kling 4.0 and 4.0 Flash here too, by their own rules (kling4.mts).
 */
import {
	RANGE_3_10,
	RANGE_3_15,
	bad,
	checkNewCreate,
	countOf,
	type Body,
	type Content,
	type ModelRules,
} from '../newStandard.mts';
import type { EndpointSpec } from '../rules.mts';
import { KLING_4, checkKling4Create } from '../kling4.mts';

const OMNI: Record<string, ModelRules> = {
	'kling-3.0-omni': {
		durations: RANGE_3_15,
		resolutions: ['720p', '1080p', '4k'],
		audio: ['native', 'original', 'off'],
		multiShot: true,
		lastFrame: true,
		promptMax: 3072,
		elements: 7,
		voices: 0,
	},
	'kling-o1': {
		durations: RANGE_3_10,
		resolutions: ['720p', '1080p'],
		audio: ['original', 'off'],
		multiShot: false,
		lastFrame: true,
		promptMax: 2500,
		elements: 7,
		voices: 0,
	},
};

function checkOmniContents(
	contents: Content[],
	settings: Body,
	_rules: ModelRules,
	model: string,
): void {
	const types = [
		'prompt',
		'first_frame',
		'last_frame',
		'refer_image',
		'feature_video',
		'base_video',
		'element',
	];
	for (const c of contents) {
		if (!types.includes(String(c.type)))
			throw bad(`contents type ${String(c.type)} is not supported on omni-video`);
	}
	const first = countOf(contents, 'first_frame');
	const last = countOf(contents, 'last_frame');
	const refs = countOf(contents, 'refer_image');
	const videos = countOf(contents, 'feature_video') + countOf(contents, 'base_video');
	const elements = countOf(contents, 'element');
	if (first > 1 || last > 1) throw bad('at most one first_frame and one last_frame');
	if (last && !first) throw bad('last_frame requires a first_frame');
	if (videos > 1) throw bad('at most one reference video');
	const limit = videos ? 4 : 7;
	if (refs + elements > limit)
		throw bad(
			`refer images and elements must be at most ${limit}${videos ? ' with a reference video' : ''}`,
		);
	if (model === 'kling-o1' && first && last && refs + elements > 0)
		throw bad('kling-o1 takes no refer images or elements with both frames');
	if (
		countOf(contents, 'feature_video') &&
		settings.audio !== undefined &&
		settings.audio !== 'off'
	)
		throw bad('audio must be off with a feature_video');
	if (
		countOf(contents, 'base_video') &&
		(first || last || settings.multi_shot === true || settings.audio === 'native')
	)
		throw bad('base_video takes no frames, no multi_shot and no native audio');
	if (
		model === 'kling-o1' &&
		first &&
		!last &&
		refs + elements + videos === 0 &&
		settings.duration !== undefined &&
		![5, 10].includes(Number(settings.duration))
	)
		throw bad('kling-o1 with only a first frame takes duration 5 or 10');
}

export const endpoint: EndpointSpec = {
	key: 'new:omni-video',
	standard: 'new',
	paths: ['omni-video'],
	result: 'video',
	models: {
		'kling-3.0-omni': 'live',
		'kling-o1': 'live',
		'kling-4.0': 'live',
		'kling-4.0-flash': 'live',
	},
	validateNew: (model, body) =>
		model in KLING_4
			? checkKling4Create(model, body)
			: checkNewCreate(
					{ contents: checkOmniContents, aspectRatio: true, promptRequired: true },
					OMNI[model],
					model,
					body,
				),
};
