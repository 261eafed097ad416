/** `POST /image-to-video/{model}` (docs/reference/kling-api.md#image-to-video): one first frame, per model more. */
import {
	T2V_I2V,
	T2V_I2V_MODELS,
	bad,
	checkNewCreate,
	countOf,
	type Body,
	type Content,
	type ModelRules,
} from '../newStandard.mts';
import type { EndpointSpec } from '../rules.mts';

function checkImageToVideo(
	contents: Content[],
	settings: Body,
	rules: ModelRules,
	model: string,
): void {
	for (const c of contents) {
		if (!['prompt', 'first_frame', 'last_frame', 'element', 'voice'].includes(String(c.type)))
			throw bad(`contents type ${String(c.type)} is not supported on image-to-video`);
	}
	if (countOf(contents, 'first_frame') !== 1)
		throw bad('contents must have exactly one first_frame');
	if (countOf(contents, 'last_frame') > 0) {
		if (!rules.lastFrame) throw bad(`last_frame is not supported by ${model}`);
		if (countOf(contents, 'last_frame') > 1) throw bad('contents may have at most one last_frame');
		if (rules.lastFrameNeeds1080p && settings.resolution !== '1080p')
			throw bad(`last_frame requires resolution 1080p for ${model}`);
		if (rules.lastFrameSilent && settings.audio === 'native')
			throw bad(`last_frame requires audio off for ${model}`);
	}
	if (countOf(contents, 'element') > rules.elements)
		throw bad(
			rules.elements
				? `at most ${rules.elements} elements for ${model}`
				: `element is not supported by ${model}`,
		);
	if (countOf(contents, 'voice') > rules.voices)
		throw bad(
			rules.voices
				? `at most ${rules.voices} voices for ${model}`
				: `voice is not supported by ${model}`,
		);
	if (countOf(contents, 'voice') && (settings.audio ?? 'off') === 'off')
		throw bad('voice requires audio other than off');
	if (countOf(contents, 'voice') && settings.resolution !== '1080p')
		throw bad(`voice requires resolution 1080p for ${model}`);
}

export const endpoint: EndpointSpec = {
	key: 'new:image-to-video',
	standard: 'new',
	paths: ['image-to-video'],
	result: 'video',
	models: T2V_I2V_MODELS,
	validateNew: (model, body) =>
		checkNewCreate(
			{ contents: checkImageToVideo, aspectRatio: false, promptRequired: false },
			T2V_I2V[model],
			model,
			body,
		),
};
