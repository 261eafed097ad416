import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { TaskRoute } from '../api/routing';
import { classifyImageValue, isImageValue, type ImageRef } from './images';
import { InputError } from '../core/inputError';
import { classifyMediaValue, type MediaRules } from './media';
import type { MediaSlot } from './types';

/** The item's binary field names, for telling a field name from Base64 text. */
export function binaryFieldsOf(ctx: IExecuteFunctions, itemIndex: number): string[] {
	return Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
}

export function imageSlot(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
	path: Array<string | number>,
	checkAspect = true,
): MediaSlot {
	return {
		path,
		field,
		checkAspect,
		ref: classifyImage(ctx, value, field, binaryFieldsOf(ctx, itemIndex)),
	};
}

/**
 * A video or audio input: a URL, Base64 or a binary field where `rules` allow them, or the ID of
 * an earlier Kling result where the endpoint has a field for one (`idPath`). An ID where Kling
 * takes none, or a binary where it takes URLs only, is refused with what to pass instead.
 */
export function mediaSlot(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: { value: unknown; field: string; kind: 'video' | 'audio'; rules: MediaRules },
	path: Array<string | number>,
	idPath?: Array<string | number>,
): MediaSlot {
	const { value, field, kind, rules } = input;
	const ref = classifyMediaValue(value, kind, field, binaryFieldsOf(ctx, itemIndex), rules);
	if (ref.kind === 'klingId' && !idPath)
		throw new InputError(
			`${field}: Kling takes this ${kind} by URL only, not by the ID of an earlier result; pass its URL instead (e.g. {{ $json.${kind}s[0].url }})`,
		);
	return { path, field, media: kind, rules, ref, idPath };
}

/**
 * The image behind a value. As a tool, the model fills images with URLs (the tool asks for them),
 * so a value that is none of the three forms is refused with what the model can change.
 */
function classifyImage(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	binaryFields: string[],
): ImageRef {
	const text = typeof value === 'string' ? value.trim() : '';
	if ((ctx.isToolExecution?.() ?? false) && !isImageValue(text, binaryFields)) {
		throw new InputError(
			`${field}: must be a public https URL of a JPG or PNG image when this node runs as a tool; got "${text.slice(0, 60)}"`,
		);
	}
	return classifyImageValue(value, field, binaryFields);
}

/** The fields every endpoint shares: model, prompt(s), watermark, callback URL, external task ID. */
export function commonBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	promptRequired: boolean,
	route: TaskRoute,
): IDataObject {
	const body: IDataObject = { model_name: route.model };
	// A required prompt is always sent, so the schema can say it is missing.
	const prompt = String(ctx.getNodeParameter('prompt', itemIndex, '') ?? '');
	if (prompt !== '' || promptRequired) body.prompt = prompt;
	const negative = String(options.negativePrompt ?? '');
	if (negative !== '') body.negative_prompt = negative;
	if (options.watermark !== undefined)
		body.watermark_info = { enabled: Boolean(options.watermark) };
	applyTaskOptions(body, options);
	return body;
}

/** Callback URL and External Task ID, as every task endpoint takes them. */
export function applyTaskOptions(body: IDataObject, options: IDataObject): void {
	const callbackUrl = String(options.callbackUrl ?? '').trim();
	if (callbackUrl) body.callback_url = callbackUrl;
	const externalTaskId = String(options.externalTaskId ?? '').trim();
	if (externalTaskId) body.external_task_id = externalTaskId;
}

/** Copies an option into the body when the user set it; the schema judges its value. */
export function setIfGiven(body: IDataObject, key: string, value: unknown): void {
	if (value !== undefined && value !== '') body[key] = String(value);
}

/**
 * Mode, duration, sound and (where the endpoint has it) aspect ratio, as every video node maps
 * them. Omni needs a ratio without a first frame [T], and 16:9 is its default (docs/reference/kling-api.md#open-questions).
 */
export function applyVideoSettings(
	body: IDataObject,
	options: IDataObject,
	route: TaskRoute,
	aspectRatio: boolean,
): void {
	setIfGiven(body, 'mode', options.mode);
	setIfGiven(body, 'duration', options.duration);
	if (aspectRatio) {
		const omni = route.legacy.id === 'omniVideo';
		setIfGiven(body, 'aspect_ratio', options.aspectRatio ?? (omni ? '16:9' : undefined));
	}
	if (options.sound !== undefined) body.sound = options.sound ? 'on' : 'off';
}

export function getOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
}

/**
 * One entry may hold several URLs separated by commas (an agent fills one text field with all of
 * them); anything else is one value. Base64 holds no commas, so it is never split.
 */
function urlsIn(value: unknown): unknown[] {
	if (typeof value !== 'string' || !value.includes(',')) return [value];
	const parts = value
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	return parts.every((part) => /^https?:\/\//i.test(part)) ? parts : [value];
}

/**
 * Reads a multi-image fixedCollection (`<name>.image[].value`) into image slots. The provider's
 * minimum is checked here (it is the provider's rule, from its profile); Kling's maximum by the schema.
 */
export function imageList(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
	min: number,
	path: (index: number) => Array<string | number>,
): MediaSlot[] {
	const entries = (ctx.getNodeParameter(`${name}.image`, itemIndex, []) ?? []) as IDataObject[];
	const values = entries.flatMap((entry) => urlsIn(entry.value));
	if (values.length < min) {
		throw new InputError(
			`${displayName}: has ${values.length} image(s); this provider needs at least ${min}`,
		);
	}
	return values.map((value, n) =>
		imageSlot(ctx, itemIndex, value, `${displayName} #${n + 1}`, path(n)),
	);
}

/**
 * An earlier video a synchronous call reads before the create (face identification, selections):
 * `video_id` for a Kling video ID, `video_url` for a URL; nothing else.
 */
export function sourceVideo(ctx: IExecuteFunctions, i: number, rules: MediaRules): IDataObject {
	const value = ctx.getNodeParameter('video', i);
	const ref = classifyMediaValue(value, 'video', 'Video', binaryFieldsOf(ctx, i), rules);
	if (ref.kind === 'klingId') return { video_id: ref.value };
	if (ref.kind === 'url') return { video_url: ref.value };
	throw new InputError('Video: Kling takes it by its Kling video ID or a public URL');
}
