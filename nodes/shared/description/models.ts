import type { INodeProperties } from 'n8n-workflow';

import { isVideoModel, modelsFor, type AnyModel } from '../models/catalogue';
import type { ProductFacts } from '../models/product';
import { generate } from './show';

/** The Model parameter and the node subtitle, built from the model catalogue per product. */

const RESOLUTION_NAMES: Record<string, string> = { '720p': '720p', '1080p': '1080p', '4k': '4K' };
const SOUND = {
	native: 'sound on request',
	always: 'always with sound',
	none: 'no sound of its own',
};

/** What a model takes, in a few words: its lengths, resolutions and sound, or its images. */
function capabilities(model: AnyModel): string {
	if (!isVideoModel(model)) {
		const sizes = model.resolutions.length ? `${model.resolutions.join(', ')} · ` : '';
		const refs = model.referenceImages;
		return `${sizes}${refs.min} to ${refs.max} reference images`;
	}
	const d = model.durations;
	const seconds = d.length === 2 ? `${d[0]} or ${d[1]} s` : `${d[0]} to ${d[d.length - 1]} s`;
	const resolutions = model.resolutions.map((r) => RESOLUTION_NAMES[r]).join(', ');
	const sound = model.audioNeeds1080p ? 'sound at 1080p' : SOUND[model.audio];
	return `${seconds} · ${resolutions} · ${sound}`;
}

/** How a model is listed: its name, what it takes, and where it can be used when that is limited. */
function modelChoice(
	model: AnyModel,
	describe: (model: AnyModel) => string = capabilities,
): { name: string; value: string; description: string } {
	const routes = Object.values(model.routes)[0] ?? {};
	const onlyNew = 'new' in routes && routes.new && !routes.legacy;
	return {
		name: onlyNew ? `${model.name} (API Key Only)` : model.name,
		value: model.id,
		description: onlyNew
			? `${describe(model)}. Served only on Kling's new API standard: needs the official API with an API key.`
			: describe(model),
	};
}

const modelBase = {
	displayName: 'Model',
	name: 'model',
	displayOptions: generate,
	description:
		"Kling's live models, newest first; retired ones are labelled. Use an expression to enter any other model name (sent as is). Kling retires models without notice (error 1203).",
};

/** The node subtitle: the operation, and for Generate the model's display name (its id if typed by hand). */
export const generationSubtitle = (product: ProductFacts): string => {
	// A product without models (Avatar, Lip-Sync, …): its operation.
	if (!product.defaultModel)
		return `={{ $parameter["operation"] === "getTask" ? "Get task" : ${JSON.stringify(product.label)} }}`;
	const names = Object.fromEntries(modelsFor(product.id).map((m) => [m.id, modelChoice(m).name]));
	return `={{ $parameter["operation"] === "getTask" ? "Get task" : "Generate with " + (${JSON.stringify(names)}[$parameter["model"]] || $parameter["model"]) }}`;
};

/** The product's models from the catalogue, live ones first as listed there. */
/** `describe` says what a model does in this product where its generation facts do not apply. */
export const modelProperty = (
	product: ProductFacts,
	describe?: (model: AnyModel) => string,
): INodeProperties => ({
	...modelBase,
	type: 'options',
	options: modelsFor(product.id).map((model) => modelChoice(model, describe)),
	default: product.defaultModel,
});
