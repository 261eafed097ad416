/**
 * `POST /solutions/virtual_try_on` (docs/reference/kling-api.md#virtual-try-on): exactly one
 * product image and one person image, public URLs only, the keep switches in `settings`, and the
 * watermark as `options.watermark` (not watermark_info). Its page answers `task_id` and says
 * `succeed`, unlike the other solutions; tasks are read through `GET /solutions`.
 */
import {
	bad,
	countOf,
	strictKeys,
	type Body,
	type Content,
	type NewTaskFacts,
} from '../newStandard.mts';
import type { EndpointSpec } from '../rules.mts';

function checkContents(contents: Content[]): void {
	for (const type of ['product_image', 'person_image'])
		if (countOf(contents, type) !== 1) throw bad(`contents must have exactly one ${type}`);
	if (contents.length !== 2) throw bad('contents must have exactly 2 items');
	contents.forEach((c, i) => {
		strictKeys(`contents[${i}]`, c, ['type', 'url']);
		if (typeof c.url !== 'string' || !/^https?:\/\/\S+$/i.test(c.url))
			throw bad(`contents[${i}].url must be a publicly reachable URL`);
	});
}

function validateNew(model: string, body: Body): NewTaskFacts {
	strictKeys('body', body, ['contents', 'settings', 'options']);
	const settings = strictKeys('settings', body.settings, [
		'keep_face',
		'keep_pose',
		'keep_background',
	]);
	const options = strictKeys('options', body.options, [
		'callback_url',
		'external_task_id',
		'watermark',
	]);
	if (!Array.isArray(body.contents)) throw bad('contents is required');
	checkContents(body.contents as Content[]);
	for (const [key, value] of Object.entries(settings))
		if (typeof value !== 'boolean') throw bad(`settings.${key} must be a boolean`);
	if (options.callback_url !== undefined && !/^https?:\/\//.test(String(options.callback_url)))
		throw bad('options.callback_url must be an http(s) URL');
	const watermark = options.watermark as Body | undefined;
	if (watermark !== undefined && typeof watermark?.enabled !== 'boolean')
		throw bad('options.watermark must be {enabled: boolean}');
	return {
		model,
		resolution: '',
		duration: 0,
		audio: false,
		externalId: options.external_task_id as string | undefined,
		callbackUrl: options.callback_url as string | undefined,
		watermark: watermark?.enabled === true,
		images: 1,
	};
}

export const endpoint: EndpointSpec = {
	key: 'solutions:virtual_try_on',
	standard: 'new',
	// The solution's name stands where a model would: /solutions/virtual_try_on.
	paths: ['solutions'],
	models: { virtual_try_on: 'live' },
	result: 'image',
	solution: { answersTaskId: true, done: 'succeed' },
	// [?] Kling's solution price page was not captured; ComfyUI shows about $0.16 a run.
	unitsPerImage: 0,
	validateNew,
};
