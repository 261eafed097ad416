/**
 * What the new API standard's endpoints share (docs/reference/kling-api.md#new-standard), strictly
 * and per model: what Kling answers 1201 before a task exists. Written from the docs; each
 * product's own rules are its module under endpoints/.
 */
import { KlingError, checkImage } from './checks.mts';
import { checkPromptStoryboard } from './storyboard.mts';

export type Body = Record<string, unknown>;
export type Content = {
	type?: unknown;
	text?: unknown;
	url?: unknown;
	id?: unknown;
	element_id?: unknown;
	voice_id?: unknown;
};

export interface NewTaskFacts {
	model: string;
	resolution: string;
	duration: number;
	audio: boolean;
	externalId?: string;
	callbackUrl?: string;
	watermark: boolean;
	/** How many times the endpoint's usual length the task takes (Kling 4.0's long videos). */
	lengthFactor?: number;
	/** Image endpoints: how many images the task makes, each taking a concurrency slot. */
	images?: number;
}

export const bad = (message: string) => new KlingError(400, 1201, message);
export const RANGE_3_15 = Array.from({ length: 13 }, (_, i) => i + 3);
export const RANGE_3_10 = Array.from({ length: 8 }, (_, i) => i + 3);

export interface ModelRules {
	durations: number[];
	resolutions: string[];
	audio?: string[];
	multiShot: boolean;
	lastFrame: boolean;
	/** 2.6 / 2.5 Turbo: a last frame only at 1080p (2.6: and silent). */
	lastFrameNeeds1080p?: boolean;
	lastFrameSilent?: boolean;
	promptMax: number;
	elements: number;
	voices: number;
}

/** docs/reference/kling-api.md#text-to-video, #image-to-video: text-to-video and image-to-video share these per model. */
export const T2V_I2V: Record<string, ModelRules> = {
	'kling-3.0-turbo': {
		durations: RANGE_3_15,
		resolutions: ['720p', '1080p'],
		multiShot: false,
		lastFrame: false,
		promptMax: 3072,
		elements: 0,
		voices: 0,
	},
	'kling-3.0': {
		durations: RANGE_3_15,
		resolutions: ['720p', '1080p', '4k'],
		audio: ['native', 'off'],
		multiShot: true,
		lastFrame: true,
		promptMax: 3072,
		elements: 3,
		voices: 0,
	},
	'kling-2.6': {
		durations: [5, 10],
		resolutions: ['720p', '1080p'],
		audio: ['native', 'off'],
		multiShot: false,
		lastFrame: true,
		lastFrameNeeds1080p: true,
		lastFrameSilent: true,
		promptMax: 2500,
		elements: 0,
		voices: 2,
	},
	'kling-2.5-turbo': {
		durations: [5, 10],
		resolutions: ['720p', '1080p'],
		multiShot: false,
		lastFrame: true,
		lastFrameNeeds1080p: true,
		promptMax: 2500,
		elements: 0,
		voices: 0,
	},
};

/** Text to video and image to video serve the same models, all live unless a test says otherwise. */
export const T2V_I2V_MODELS = Object.fromEntries(
	Object.keys(T2V_I2V).map((model) => [model, 'live' as const]),
);

/** An object with only these keys: any other is a 1201 "is not a valid parameter". */
export function strictKeys(where: string, value: unknown, allowed: string[]): Body {
	if (value === undefined) return {};
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw bad(`${where} must be an object`);
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key)) throw bad(`${where}.${key} is not a valid parameter`);
	}
	return value as Body;
}

function checkOptions(options: Body): void {
	if (options.callback_url !== undefined && !/^https?:\/\//.test(String(options.callback_url)))
		throw bad('options.callback_url must be an http(s) URL');
	if (options.external_task_id !== undefined && typeof options.external_task_id !== 'string')
		throw bad('options.external_task_id must be a string');
	if (options.watermark_info !== undefined) {
		const w = strictKeys('options.watermark_info', options.watermark_info, ['enabled']);
		if (typeof w.enabled !== 'boolean')
			throw bad('options.watermark_info.enabled must be a boolean');
	}
}

function checkPrompt(text: unknown, max: number, required: boolean): void {
	if (text === undefined) {
		if (required) throw bad('prompt is required');
		return;
	}
	if (typeof text !== 'string' || text.trim() === '')
		throw bad('prompt text must be a non-empty string');
	if ([...text].length > max) throw bad(`prompt must be at most ${max} characters`);
}

function checkSettings(settings: Body, rules: ModelRules, model: string, aspect: boolean): void {
	const allowed = [
		'resolution',
		'duration',
		...(rules.audio ? ['audio'] : []),
		...(rules.multiShot ? ['multi_shot'] : []),
		...(aspect ? ['aspect_ratio'] : []),
	];
	strictKeys('settings', settings, allowed);
	if (settings.resolution !== undefined && !rules.resolutions.includes(String(settings.resolution)))
		throw bad(`settings.resolution must be one of ${rules.resolutions.join(', ')} for ${model}`);
	if (
		settings.duration !== undefined &&
		(typeof settings.duration !== 'number' || !rules.durations.includes(settings.duration))
	)
		throw bad(`settings.duration must be one of ${rules.durations.join(', ')} for ${model}`);
	if (settings.audio !== undefined && !rules.audio!.includes(String(settings.audio)))
		throw bad(`settings.audio must be one of ${rules.audio!.join(', ')} for ${model}`);
	if (
		settings.aspect_ratio !== undefined &&
		!['16:9', '9:16', '1:1'].includes(String(settings.aspect_ratio))
	)
		throw bad('settings.aspect_ratio must be one of 16:9, 9:16, 1:1');
	if (settings.multi_shot !== undefined && typeof settings.multi_shot !== 'boolean')
		throw bad('settings.multi_shot must be a boolean');
	if (model === 'kling-2.6' && settings.audio === 'native' && settings.resolution !== '1080p')
		throw bad('settings.audio native requires resolution 1080p for kling-2.6');
}

export function countOf(contents: Content[], type: string): number {
	return contents.filter((c) => c.type === type).length;
}

function checkMedia(contents: Content[]): void {
	contents.forEach((c, i) => {
		if (['first_frame', 'last_frame', 'refer_image'].includes(String(c.type)))
			checkImage(`contents[${i}].url`, c.url, c.type === 'first_frame', 50);
		if (
			['feature_video', 'base_video'].includes(String(c.type)) &&
			!/^https?:\/\//.test(String(c.url ?? ''))
		)
			throw bad(`contents[${i}].url must be a video URL`);
		if (
			c.type === 'voice' &&
			(typeof c.voice_id !== 'string' || c.voice_id === '' || typeof c.id !== 'string')
		)
			throw bad(`contents[${i}] voice needs voice_id (a string) and id`);
		if (
			c.type === 'element' &&
			(typeof c.element_id !== 'string' || !/^\d+$/.test(c.element_id) || typeof c.id !== 'string')
		)
			throw bad(`contents[${i}] element needs element_id (a numeric string) and id`);
	});
}

/** How a product's create is shaped: where its prompt is, and what its contents may hold. */
export interface NewShape {
	/** Its contents' own rules; none for text to video, whose prompt is at the top. */
	contents?: (contents: Content[], settings: Body, rules: ModelRules, model: string) => void;
	aspectRatio: boolean;
	promptRequired: boolean;
}

/** Validates a create for a model the endpoint serves; returns what the task needs to know. */
export function checkNewCreate(
	shape: NewShape,
	rules: ModelRules,
	model: string,
	body: Body,
): NewTaskFacts {
	const top = shape.contents
		? ['contents', 'settings', 'options']
		: ['prompt', 'settings', 'options'];
	strictKeys('body', body, top);
	const settings = strictKeys('settings', body.settings, Object.keys(body.settings ?? {}));
	const options = strictKeys('options', body.options, [
		'callback_url',
		'external_task_id',
		'watermark_info',
	]);
	checkOptions(options);
	checkSettings(settings, rules, model, shape.aspectRatio);
	// Multi-shot models read `shot n, m, words;` in the prompt (3.0 Turbo has no multi_shot field).
	const shotsRead = model.startsWith('kling-3.0') && settings.multi_shot !== false;
	const duration = Number(settings.duration ?? 5);
	if (!shape.contents) {
		checkPrompt(body.prompt, rules.promptMax, true);
		if (shotsRead) checkPromptStoryboard(String(body.prompt), duration);
	} else {
		if (!Array.isArray(body.contents) || body.contents.length === 0)
			throw bad('contents is required');
		const contents = body.contents as Content[];
		const prompts = contents.filter((c) => c.type === 'prompt');
		if (prompts.length > 1) throw bad('at most one prompt item');
		checkPrompt(prompts[0]?.text, rules.promptMax, shape.promptRequired);
		if (shotsRead && typeof prompts[0]?.text === 'string')
			checkPromptStoryboard(prompts[0].text, duration);
		shape.contents(contents, settings, rules, model);
		checkMedia(contents);
	}
	return {
		model,
		resolution: String(settings.resolution ?? '720p'),
		duration,
		audio: model === 'kling-3.0-turbo' || settings.audio === 'native',
		externalId: options.external_task_id as string | undefined,
		callbackUrl: options.callback_url as string | undefined,
		watermark: (options.watermark_info as Body | undefined)?.enabled === true,
	};
}

/**
 * A Kling 4.0 body (video or image): contents, settings with only these keys, and options with
 * the watermark alone; the router says callback_url and external_task_id are not supported.
 */
export function kling4Parts(
	body: Body,
	settingsKeys: string[],
): { contents: Content[]; settings: Body; watermark: boolean } {
	strictKeys('body', body, ['contents', 'settings', 'options']);
	const options = strictKeys('options', body.options, ['watermark_info']);
	const settings = strictKeys('settings', body.settings, settingsKeys);
	if (!Array.isArray(body.contents) || body.contents.length === 0)
		throw bad('contents is required');
	const watermark = strictKeys('options.watermark_info', options.watermark_info, ['enabled']);
	if (options.watermark_info !== undefined && typeof watermark.enabled !== 'boolean')
		throw bad('options.watermark_info.enabled must be a boolean');
	return { contents: body.contents as Content[], settings, watermark: watermark.enabled === true };
}

/**
 * Kling 4.0 (video and image) allows fewer characters in other languages: any letter outside the
 * Latin script makes a prompt count as one.
 */
export function checkPromptLength(text: string, english: number, other: number): void {
	const foreign = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(text);
	const max = foreign ? other : english;
	if ([...text].length > max)
		throw bad(`prompt must be at most ${max} characters${foreign ? ' for non-English text' : ''}`);
}
