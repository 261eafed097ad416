/**
 * `POST /motion-control/{kling-3.0|kling-2.6}` (docs/reference/kling-api.md#motion-control, the
 * new-standard table): one image and one video in `contents`, the orientation in `settings`.
 */
import { checkImage } from '../checks.mts';
import {
	bad,
	countOf,
	strictKeys,
	type Body,
	type Content,
	type NewTaskFacts,
} from '../newStandard.mts';
import type { EndpointSpec } from '../rules.mts';
import { MOTION_SECONDS, MOTION_UNITS, checkMotionVideo } from './motionControl.mts';

function checkContents(model: string, contents: Content[]): void {
	for (const type of ['image', 'video'])
		if (countOf(contents, type) !== 1) throw bad(`contents must have exactly one ${type}`);
	if (countOf(contents, 'prompt') > 1) throw bad('at most one prompt item');
	const elements = countOf(contents, 'element');
	if (elements && model !== 'kling-3.0') throw bad(`element is not supported by ${model}`);
	if (elements > 1) throw bad('at most 1 element');
	contents.forEach((c, i) => {
		if (c.type === 'prompt') {
			if (typeof c.text !== 'string' || c.text.trim() === '')
				throw bad('prompt text must be a non-empty string');
			if ([...c.text].length > 2500) throw bad('prompt must be at most 2500 characters');
		} else if (c.type === 'image') checkImage(`contents[${i}].url`, c.url, true, 50);
		else if (c.type === 'video') checkMotionVideo(`contents[${i}].url`, c.url);
		else if (c.type === 'element') {
			if (!/^\d+$/.test(String(c.element_id ?? '')) || typeof c.id !== 'string')
				throw bad(`contents[${i}] element needs element_id (a numeric string) and id`);
		} else throw bad(`contents type ${String(c.type)} is not supported on motion-control`);
	});
}

function validateNew(model: string, body: Body): NewTaskFacts {
	strictKeys('body', body, ['contents', 'settings', 'options']);
	const settings = strictKeys('settings', body.settings, [
		'character_orientation',
		'audio',
		'resolution',
	]);
	const options = strictKeys('options', body.options, [
		'callback_url',
		'external_task_id',
		'watermark_info',
	]);
	if (!Array.isArray(body.contents) || body.contents.length === 0)
		throw bad('contents is required');
	checkContents(model, body.contents as Content[]);
	if (!['image', 'video'].includes(String(settings.character_orientation)))
		throw bad('settings.character_orientation is required: image or video');
	if (settings.audio !== undefined && !['original', 'off'].includes(String(settings.audio)))
		throw bad('settings.audio must be original or off');
	const resolution = String(settings.resolution ?? '720p');
	if (!['720p', '1080p'].includes(resolution))
		throw bad('settings.resolution must be 720p or 1080p');
	if (options.callback_url !== undefined && !/^https?:\/\//.test(String(options.callback_url)))
		throw bad('options.callback_url must be an http(s) URL');
	return {
		model,
		resolution,
		duration: MOTION_SECONDS,
		audio: settings.audio !== 'off',
		externalId: options.external_task_id as string | undefined,
		callbackUrl: options.callback_url as string | undefined,
		watermark: (options.watermark_info as Body | undefined)?.enabled === true,
	};
}

export const endpoint: EndpointSpec = {
	key: 'new:motion-control',
	standard: 'new',
	paths: ['motion-control'],
	result: 'video',
	models: { 'kling-3.0': 'live', 'kling-2.6': 'live' },
	validateNew,
	units: ({ facts }) => MOTION_UNITS[facts!.model][facts!.resolution] * MOTION_SECONDS,
};
