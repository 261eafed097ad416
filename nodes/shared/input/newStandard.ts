import type { IDataObject } from 'n8n-workflow';

import { RESOLUTION_OF } from '../models/catalogue';
import type { Solution } from '../models/product';
import { InputError } from '../core/inputError';
import { fieldLabel } from './schemas';
import { idContents } from './elements';
import { referenceId } from './promptReferences';
import { referenceVideoOf, referenceVideosOf } from './referenceVideo';
import { shotGrammar, shotsOf } from './storyboard';
import type { MediaSlot, PreparedRequest } from './types';

/**
 * Maps a request built in legacy terms onto Kling's new standard (docs/reference/kling-api.md#new-standard):
 * images become `contents[]` items, mode/duration/sound/aspect ratio become `settings`, and
 * callback URL, external task ID and watermark move to `options`. Builders write one body shape;
 * this is the only place that knows the other. A field the new standard lacks is refused here.
 */

/** Legacy fields and where they go; a legacy field not listed has no new-standard form. */
const MAPPED = new Set([
	'model_name',
	'prompt',
	'image',
	'image_tail',
	'image_middle',
	'image_list',
	'mode',
	'duration',
	'sound',
	'aspect_ratio',
	'callback_url',
	'external_task_id',
	'watermark_info',
	'multi_shot',
	'shot_type',
	'multi_prompt',
	'element_list',
	'video_list',
	'voice_list',
	'n',
	'resolution',
	'image_url',
	'video_url',
	'character_orientation',
	'keep_original_sound',
]);

/** Legacy media fields that keep their kind as the content type (motion control). */
const PLAIN_MEDIA: Record<string, string> = { image_url: 'image', video_url: 'video' };

/** The `contents[]` type of an image slot, from its legacy body path. */
function contentType(slot: MediaSlot, body: IDataObject): string {
	const [field, index] = slot.path;
	if (PLAIN_MEDIA[field]) return PLAIN_MEDIA[field];
	if (field === 'image') return 'first_frame';
	if (field === 'image_tail') return 'last_frame';
	if (field === 'image_middle') return 'middle_frame';
	const entry = (body.image_list as IDataObject[] | undefined)?.[index as number];
	if (entry?.type === 'first_frame') return 'first_frame';
	if (entry?.type === 'end_frame') return 'last_frame';
	return 'refer_image';
}

/** A storyboard becomes the shot syntax in the prompt; 3.0 Turbo reads only that, with no field. */
function promptOf(body: IDataObject): string | undefined {
	if (body.shot_type === 'customize') return shotGrammar(shotsOf(body.multi_prompt));
	return typeof body.prompt === 'string' ? body.prompt : undefined;
}

function settingsOf(body: IDataObject, entry: PreparedRequest['route']['entry']): IDataObject {
	const video = entry !== undefined && 'audio' in entry ? entry : undefined;
	// 3.0 Turbo always has audio and reads shots from the prompt: it has neither field.
	const alwaysAudio = video?.audio === 'always';
	const settings: IDataObject = {};
	if (body.multi_shot !== undefined && video?.multiShot !== 'prompt')
		settings.multi_shot = body.multi_shot;
	if (body.mode !== undefined) settings.resolution = RESOLUTION_OF[String(body.mode)] ?? body.mode;
	if (body.duration !== undefined) settings.duration = Number(body.duration);
	if (body.aspect_ratio !== undefined) settings.aspect_ratio = body.aspect_ratio;
	// Images (Kling Image 4.0): the count and size, one image each, as the only example sends.
	if (body.n !== undefined) settings.n = Number(body.n);
	if (body.resolution !== undefined) settings.resolution = body.resolution;
	if (body.n !== undefined) settings.result_type = 'single';
	if (body.sound !== undefined && !alwaysAudio)
		settings.audio = body.sound === 'on' ? 'native' : 'off';
	// A base video to edit may keep its own sound (docs/reference/kling-api.md#omni-video).
	if (referenceVideoOf(body)?.keep_original_sound === 'yes') settings.audio = 'original';
	// Motion control keeps or drops the motion video's sound (docs/reference/kling-api.md#motion-control).
	if (body.keep_original_sound !== undefined)
		settings.audio = body.keep_original_sound === 'yes' ? 'original' : 'off';
	if (body.character_orientation !== undefined)
		settings.character_orientation = body.character_orientation;
	return settings;
}

function optionsOf(body: IDataObject): IDataObject {
	const options: IDataObject = {};
	for (const key of ['callback_url', 'external_task_id', 'watermark_info']) {
		if (body[key] !== undefined) options[key] = body[key];
	}
	return options;
}

/** What a solution's body takes beside its inputs and settings (its options; the model is its path). */
const SOLUTION_FIELDS = ['model_name', 'callback_url', 'external_task_id', 'watermark_info'];

/** A setting of the request that only the legacy standard has (negative prompt, camera control, …). */
export function legacyOnlySetting(request: PreparedRequest): string | undefined {
	const fields = [
		...Object.keys(request.body),
		...request.media.map((slot) => String(slot.path[0])),
	];
	const solution = request.route.new?.solution;
	const known = solution
		? new Set([...SOLUTION_FIELDS, ...Object.keys(solution.contents), ...solution.settings])
		: MAPPED;
	return fields.find((key) => !known.has(key));
}

/** A solution's body: each input by its own content type, its settings as they are. */
function solutionBody(request: PreparedRequest, solution: Solution): PreparedRequest {
	const legacy = request.body;
	const contents: IDataObject[] = [];
	const media = request.media.map((slot): MediaSlot => {
		contents.push({ type: solution.contents[String(slot.path[0])] });
		return { ...slot, path: ['contents', contents.length - 1, 'url'] };
	});
	const body: IDataObject = { contents };
	const settings = solution.settings.filter((key) => legacy[key] !== undefined);
	if (settings.length) body.settings = Object.fromEntries(settings.map((k) => [k, legacy[k]]));
	const options = optionsOf(legacy);
	if (options.watermark_info !== undefined) {
		delete options.watermark_info;
		options[solution.watermarkKey] = legacy.watermark_info;
	}
	if (Object.keys(options).length) body.options = options;
	return { ...request, body, media };
}

export function toNewStandard(request: PreparedRequest): PreparedRequest {
	const legacy = request.body;
	const solution = request.route.new?.solution;
	const unmapped = legacyOnlySetting(request);
	if (unmapped) {
		throw new InputError(
			`${fieldLabel([unmapped])}: Kling's new API standard has no such setting. Remove it, or set API Standard to Legacy in the credential (API key or access key both work there).`,
		);
	}
	if (solution) return solutionBody(request, solution);
	const contents: IDataObject[] = [];
	// A required prompt arrives even when empty, so the rules can say it is missing.
	const prompt = promptOf(legacy);
	if (prompt !== undefined) contents.push({ type: 'prompt', text: prompt });
	// Omni's prompt names images and the video by these ids (input/promptReferences.ts); the
	// image-to-video contents document no id on frames.
	const named = ['omniVideo', 'omniImage'].includes(request.route.legacy.id);
	const images = request.media.map((slot): MediaSlot => {
		const [list, index] = slot.path;
		const id =
			named && list === 'image_list' ? { id: referenceId('image', Number(index) + 1) } : {};
		contents.push({ type: contentType(slot, legacy), ...id });
		return { ...slot, path: ['contents', contents.length - 1, 'url'] };
	});
	referenceVideosOf(legacy).forEach((video, n) => {
		const type = video.refer_type === 'base' ? 'base_video' : 'feature_video';
		contents.push({ type, url: video.video_url, id: referenceId('video', n + 1) });
	});
	contents.push(...idContents(legacy));
	// Text to video takes the prompt flat, with no contents (docs/reference/kling-api.md#text-to-video).
	const flat = request.route.new?.id === 'text-to-video';
	const body: IDataObject = flat ? { prompt: prompt ?? '' } : { contents };
	const settings = settingsOf(legacy, request.route.entry);
	if (Object.keys(settings).length) body.settings = settings;
	const options = optionsOf(legacy);
	if (Object.keys(options).length) body.options = options;
	return { ...request, body, media: images };
}
