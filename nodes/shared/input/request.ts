import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError, classifyImageValue } from './images';
import type { ImageSlot } from './types';

export const MAX_PROMPT = 2500;

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
): ImageSlot {
	return {
		path,
		field,
		checkAspect,
		ref: classifyImageValue(value, field, binaryFieldsOf(ctx, itemIndex)),
	};
}

export function checkText(value: string, field: string, required = false): string | undefined {
	if (required && value.trim() === '') throw new InputError(`${field}: is required`);
	if (value.length > MAX_PROMPT) {
		throw new InputError(
			`${field}: is ${value.length} characters; Kling accepts at most ${MAX_PROMPT}`,
		);
	}
	return value === '' ? undefined : value;
}

export function checkEnum(
	value: unknown,
	field: string,
	allowed: readonly string[],
): string | undefined {
	if (value === undefined || value === '') return undefined;
	const text = String(value);
	if (!allowed.includes(text))
		throw new InputError(`${field}: "${text}" is not allowed; use one of ${allowed.join(', ')}`);
	return text;
}

/** The fields every endpoint shares: model, prompt(s), watermark, callback URL, external task ID. */
export function commonBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	promptRequired: boolean,
): IDataObject {
	const model = String(ctx.getNodeParameter('model', itemIndex, '') ?? '').trim();
	if (!model) throw new InputError('Model: is empty; choose a model or enter its name');
	const body: IDataObject = { model_name: model };
	const prompt = checkText(
		String(ctx.getNodeParameter('prompt', itemIndex, '') ?? ''),
		'Prompt',
		promptRequired,
	);
	if (prompt !== undefined) body.prompt = prompt;
	if (options.negativePrompt !== undefined) {
		const negative = checkText(String(options.negativePrompt), 'Negative Prompt');
		if (negative !== undefined) body.negative_prompt = negative;
	}
	if (options.watermark !== undefined)
		body.watermark_info = { enabled: Boolean(options.watermark) };
	const callbackUrl = String(options.callbackUrl ?? '').trim();
	if (callbackUrl) {
		if (!/^https?:\/\/[^\s]+$/i.test(callbackUrl))
			throw new InputError('Callback URL: must be an http(s) URL');
		body.callback_url = callbackUrl;
	}
	const externalTaskId = String(options.externalTaskId ?? '').trim();
	if (externalTaskId) body.external_task_id = externalTaskId;
	return body;
}

export function getOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
}

/** Reads a multi-image fixedCollection (`<name>.image[].value`) into image slots. */
export function imageList(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
	min: number,
	max: number,
	path: (index: number) => Array<string | number>,
): ImageSlot[] {
	const entries = (ctx.getNodeParameter(`${name}.image`, itemIndex, []) ?? []) as IDataObject[];
	if (entries.length < min) {
		throw new InputError(
			`${displayName}: has ${entries.length} image(s); this provider needs at least ${min}`,
		);
	}
	if (entries.length > max)
		throw new InputError(
			`${displayName}: has ${entries.length} images; Kling accepts at most ${max}`,
		);
	return entries.map((entry, n) =>
		imageSlot(ctx, itemIndex, entry.value, `${displayName} #${n + 1}`, path(n)),
	);
}
