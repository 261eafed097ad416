import type { IDataObject } from 'n8n-workflow';

import type { TaskRoute } from '../api/routing';
import { InputError } from '../core/inputError';
import { nonEnglish } from './schemas';
import {
	RESOLUTION_OF,
	isVideoModel,
	type ImageModel,
	type Resolution,
	type VideoModel,
} from '../models/catalogue';

/**
 * The chosen model's capabilities, checked on the request (in legacy terms, before it is mapped
 * onto the standard it goes to) so nothing is paid for a request Kling would refuse. Messages name
 * the field as the panel does, the model, and the rule. A model the catalogue does not know is
 * left to the endpoint's documented rules (input/schemas.ts).
 */
export function checkCapabilities(route: TaskRoute, body: IDataObject): void {
	const model = route.entry;
	if (!model || route.product.checksGeneration === false) return;
	const problem = isVideoModel(model)
		? videoProblem(model, route, body)
		: imageProblem(model, body, model.resolutionsOn?.[route.product.id] ?? model.resolutions);
	if (problem) throw new InputError(problem);
}

const SECONDS = (model: VideoModel) =>
	model.durations.length === 2
		? `${model.durations[0]} or ${model.durations[1]} seconds`
		: `${model.durations[0]} to ${model.durations[model.durations.length - 1]} seconds`;

const RESOLUTION_NAMES: Record<Resolution, string> = {
	'720p': 'Standard (720p)',
	'1080p': 'Professional (1080p)',
	'4k': '4K',
};

function videoProblem(model: VideoModel, route: TaskRoute, body: IDataObject): string | undefined {
	const name = model.name;
	const resolution = RESOLUTION_OF[String(body.mode ?? 'std')];
	const sound = body.sound === 'on';
	const checks: Array<[boolean, string]> = [
		[
			body.duration !== undefined && !model.durations.includes(Number(body.duration)),
			`Duration (Seconds): ${name} takes ${SECONDS(model)}, not ${String(body.duration)}`,
		],
		[
			resolution !== undefined && !model.resolutions.includes(resolution),
			`Mode: ${name} has no ${RESOLUTION_NAMES[resolution]}; it takes ${model.resolutions.map((r) => RESOLUTION_NAMES[r]).join(' or ')}`,
		],
		[
			sound && model.audio === 'none',
			`Sound: ${name} generates no sound of its own; turn Sound off or choose Kling 3.0 or 2.6`,
		],
		[
			body.sound === 'off' && model.audio === 'always',
			`Sound: ${name} always generates sound; remove the Sound option or choose another model`,
		],
		[
			sound && model.audioNeeds1080p === true && resolution !== '1080p',
			`Sound: ${name} generates sound only in Mode Professional (1080p)`,
		],
		...endFrameChecks(model, body, resolution, sound),
		...keyframeChecks(model, body),
		[
			Array.isArray(body.image_list) &&
				model.referenceImages !== undefined &&
				body.image_list.length > model.referenceImages.max,
			`Images: has ${(body.image_list as unknown[])?.length} images; ${name} takes at most ${model.referenceImages?.max}`,
		],
		[
			body.negative_prompt !== undefined && route.legacy.id === 'omniVideo',
			`Negative Prompt: ${name} takes no negative prompt; say what to avoid in the prompt`,
		],
		...promptChecks(model, route, body),
		...multiShotChecks(model, body),
		...elementChecks(model, route, body),
		...referenceVideoChecks(model, body),
		...voiceChecks(model, body, resolution, sound),
	];
	return checks.find(([broken]) => broken)?.[1];
}

function elementChecks(
	model: VideoModel,
	route: TaskRoute,
	body: IDataObject,
): Array<[boolean, string]> {
	const list = (Array.isArray(body.element_list) ? body.element_list : []) as IDataObject[];
	const elements = list.length;
	if (elements === 0) return [];
	const name = model.name;
	const images = Array.isArray(body.image_list) ? body.image_list.length : 0;
	const badId = list.findIndex((e) => !/^\d{1,19}$/.test(String(e.element_id)));
	const video = Array.isArray(body.video_list) && body.video_list.length > 0;
	const together = model.references ?? { max: model.elements, withVideo: 4 };
	const limit = video ? together.withVideo : together.max;
	return [
		[
			badId >= 0,
			`Elements #${badId + 1} Element ID: "${String(list[badId]?.element_id)}" is not an element ID; element IDs are digits only, e.g. 829836802793406551`,
		],
		[
			model.elements === 0,
			`Elements: ${name} takes no elements; choose Kling 3.0 (Image to Video) or Kling 3.0 Omni / O1`,
		],
		[
			route.legacy.id === 'text2video' && model.routes.text2video?.legacy !== undefined,
			`Elements: ${name} takes elements in Image to Video only; for Text to Video with elements choose Kling 3.0 Omni`,
		],
		[
			elements > model.elements,
			`Elements: has ${elements} elements; ${name} takes at most ${model.elements}`,
		],
		[
			images + elements > limit,
			`Elements: ${images} reference images and ${elements} elements; ${name} takes at most ${limit} together${video ? ' with a reference video' : ''}`,
		],
	];
}

/** Voices (docs/reference/kling-api.md#image-to-video): Kling 2.6 in Image to Video, with sound, at 1080p. */
function voiceChecks(
	model: VideoModel,
	body: IDataObject,
	resolution: Resolution | undefined,
	sound: boolean,
): Array<[boolean, string]> {
	const voices = Array.isArray(body.voice_list) ? body.voice_list.length : 0;
	if (voices === 0) return [];
	const name = model.name;
	// Kling 4.0 speaks with voices as it always makes sound, at any resolution, beside elements.
	const always = model.audio === 'always';
	return [
		[
			model.voices === 0,
			`Voices: ${name} takes no voices; choose Kling 4.0 or 2.6, or on Kling 3.0 bind the voice to an element`,
		],
		[voices > model.voices, `Voices: has ${voices} voices; ${name} takes at most ${model.voices}`],
		[!always && !sound, `Voices: ${name} speaks with voices only with Sound on`],
		[
			!always && resolution !== '1080p',
			`Voices: ${name} speaks with voices only in Mode Professional (1080p)`,
		],
		[
			!always && body.element_list !== undefined,
			'Voices: cannot be combined with Elements in one request',
		],
	];
}

/** Omni's reference video (docs/reference/kling-api.md#omni-video), on either standard. */
function referenceVideoChecks(model: VideoModel, body: IDataObject): Array<[boolean, string]> {
	const videos = (body.video_list as IDataObject[] | undefined) ?? [];
	const video = videos[0];
	if (!video) return [];
	const base = video.refer_type === 'base';
	const most = model.referenceVideos ?? 1;
	return [
		[
			model.referenceVideo && videos.length > most,
			`More Reference Videos: ${videos.length} reference videos in all; ${model.name} takes at most ${most}`,
		],
		[
			!model.referenceVideo,
			`Reference Video: ${model.name} takes no reference video; choose Kling 3.0 Omni or O1`,
		],
		[
			body.sound === 'on',
			`Sound: ${model.name} makes no new sound with a reference video; turn Sound off (a base video can keep its own with Keep Original Sound)`,
		],
		[
			model.audio === 'always' && video.keep_original_sound === 'yes',
			`Reference Video: ${model.name} always makes its own sound; turn Keep Original Sound off`,
		],
		[
			!base && video.keep_original_sound === 'yes',
			'Reference Video: Keep Original Sound works only with a base video to edit; a feature reference must be silent',
		],
		// Before Duration: a storyboard sets the duration itself.
		[
			base && body.multi_shot === true,
			'Multi-Shot: is not available with a base video to edit; remove it',
		],
		[
			base && body.duration !== undefined,
			'Duration (Seconds): a base video to edit keeps its own length; remove Duration',
		],
	];
}

function multiShotChecks(model: VideoModel, body: IDataObject): Array<[boolean, string]> {
	if (body.multi_shot === undefined) return [];
	const name = model.name;
	return [
		[
			model.multiShot === 'none' && body.multi_shot === true,
			`Multi-Shot: ${name} makes single-shot videos only; choose Kling 3.0, 3.0 Turbo or 3.0 Omni, or remove the option`,
		],
		[
			model.multiShot === 'prompt' && body.shot_type === 'intelligence',
			`Multi-Shot: ${name} has no intelligent shot splitting, only a storyboard of your own shots; choose Storyboard, or Kling 3.0`,
		],
	];
}

/** Kling 4.0's middle keyframes: up to 8 between the first and the end frame; none on Flash. */
function keyframeChecks(model: VideoModel, body: IDataObject): Array<[boolean, string]> {
	const middle = Array.isArray(body.image_middle) ? body.image_middle.length : 0;
	if (middle === 0) return [];
	const max = model.middleFrames ?? 0;
	return [
		[
			max === 0,
			`Middle Keyframes: ${model.name} takes ${model.middleFrames === 0 ? 'one first frame only' : 'no middle keyframes'}; choose Kling 4.0`,
		],
		[
			middle > max,
			`Middle Keyframes: has ${middle} keyframes; ${model.name} takes at most ${max} between the first and the end frame`,
		],
	];
}

function endFrameChecks(
	model: VideoModel,
	body: IDataObject,
	resolution: Resolution | undefined,
	sound: boolean,
): Array<[boolean, string]> {
	if (body.image_tail === undefined) return [];
	const name = model.name;
	return [
		[
			model.lastFrame === 'no',
			`End Frame: ${name} takes no end frame; choose ${model.middleFrames === 0 ? 'Kling 4.0' : 'Kling 3.0 or 2.6'}`,
		],
		[
			model.lastFrame !== 'yes' && resolution !== '1080p',
			`End Frame: ${name} takes an end frame only in Mode Professional (1080p)`,
		],
		[
			model.lastFrame === '1080p-silent' && sound,
			`End Frame: ${name} takes an end frame only without sound; turn Sound off`,
		],
	];
}

function promptChecks(
	model: VideoModel,
	route: TaskRoute,
	body: IDataObject,
): Array<[boolean, string]> {
	const prompt = typeof body.prompt === 'string' ? body.prompt : '';
	const length = [...prompt].length;
	const other = model.promptMaxNonEnglish !== undefined && nonEnglish(prompt);
	const max = other ? model.promptMaxNonEnglish! : model.promptMax[route.standard];
	const where = other
		? 'in a language other than English'
		: `on Kling's ${route.standard} API standard`;
	return [
		[
			length > max,
			`Prompt: is ${length} characters; ${model.name} accepts at most ${max} ${where}`,
		],
		[
			body.aspect_ratio !== undefined &&
				model.aspectRatios !== undefined &&
				!model.aspectRatios.includes(String(body.aspect_ratio)),
			`Aspect Ratio: ${model.name} takes ${model.aspectRatios?.join(', ')}, not ${String(body.aspect_ratio)}`,
		],
	];
}

function imageProblem(
	model: ImageModel,
	body: IDataObject,
	resolutions: ImageModel['resolutions'],
): string | undefined {
	const name = model.name;
	const images = Array.isArray(body.image_list)
		? body.image_list.length
		: Array.isArray(body.subject_image_list)
			? body.subject_image_list.length
			: 0;
	const checks: Array<[boolean, string]> = [
		[
			model.promptRequired && String(body.prompt ?? '').trim() === '',
			`Prompt: ${name} needs a prompt; refer to the images as <<<image_1>>>, <<<image_2>>>, …`,
		],
		[
			images > model.referenceImages.max,
			`Images: ${images} images in all (subjects, scene and style); ${name} takes at most ${model.referenceImages.max}`,
		],
		[
			body.resolution !== undefined && resolutions.length === 0,
			`Resolution: ${name} has no resolution setting on its endpoint; remove the option`,
		],
		[
			body.resolution !== undefined &&
				!resolutions.includes(body.resolution as ImageModel['resolutions'][number]),
			`Resolution: ${name} takes ${resolutions.map((r) => r.toUpperCase()).join(' or ')}, not ${String(body.resolution).toUpperCase()}`,
		],
		[
			body.aspect_ratio !== undefined && !model.aspectRatios.includes(String(body.aspect_ratio)),
			`Aspect Ratio: ${name} takes ${model.aspectRatios.join(', ')}, not ${String(body.aspect_ratio)}`,
		],
	];
	return checks.find(([broken]) => broken)?.[1];
}
