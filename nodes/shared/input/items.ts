import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { KlingCredentials, ProviderProfile } from '../api/providers';
import { chooseRoute } from '../api/routing';
import { InputError } from '../core/inputError';
import { estimateUnits } from '../models/estimate';
import { safetyOf, safetyOwner, takesCallbacks } from '../models/product';
import { checkCapabilities } from './capabilities';
import { checkMediaRef, mediaRequestValue } from './media';
import { legacyOnlySetting, toNewStandard } from './newStandard';
import { applyPromptReferences } from './promptReferences';
import { fieldLabel, schemaFor } from './schemas';
import type { GenerationSpec, MediaSlot, PreparedRequest } from './types';

/** What reading an item's request needs to know of the run. */
export interface RequestSettings {
	profile: ProviderProfile;
	credentials: KlingCredentials;
	/** Sent as every task's callback_url in callback-wait. */
	callbackUrl?: string;
	/** Names the task of item i when the user gave no External Task ID. */
	externalTaskId(itemIndex: number): string;
}

export function setPath(target: IDataObject, path: Array<string | number>, value: unknown): void {
	let node: IDataObject | unknown[] = target;
	for (let i = 0; i < path.length - 1; i++) node = (node as IDataObject)[path[i]] as IDataObject;
	(node as IDataObject)[path[path.length - 1]] = value as IDataObject;
}

/** Where an input goes: a Kling ID has its own field where the endpoint names one. */
function placeOf(slot: MediaSlot): Array<string | number> {
	return slot.ref.kind === 'klingId' && slot.idPath ? slot.idPath : slot.path;
}

/** The body with placeholders where the media go (they are read only when sent). */
function preview(request: PreparedRequest): IDataObject {
	const body = JSON.parse(JSON.stringify(request.body)) as IDataObject;
	for (const slot of request.media) {
		const { ref } = slot;
		const inline = ref.kind === 'url' || ref.kind === 'klingId' ? ref.value : undefined;
		setPath(body, placeOf(slot), inline ?? 'aGVsbG8=');
	}
	return body;
}

/** The request checked against its endpoint's documented rules. */
function checkSchema(request: PreparedRequest): void {
	const schema = schemaFor(request.route);
	const parsed = schema.rules.safeParse(preview(request));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		if (issue.code === 'unrecognized_keys') {
			const model = request.route.entry?.name ?? request.route.model;
			throw new InputError(
				`${fieldLabel([issue.keys[0]], schema.labels)}: ${model} does not take this setting on its endpoint; remove it`,
			);
		}
		const { path, message } = issue;
		throw new InputError(path.length ? `${fieldLabel(path, schema.labels)}: ${message}` : message);
	}
}

/**
 * The item's request, built for the standard its model and credential lead to. Automatic keeps a
 * request that uses a legacy-only setting (a negative prompt in a workflow made before the new
 * standard, say) on the legacy standard, where the model also runs.
 */
function routed(
	ctx: IExecuteFunctions,
	spec: GenerationSpec,
	settings: RequestSettings,
	itemIndex: number,
): PreparedRequest {
	const model = String(ctx.getNodeParameter('model', itemIndex, '') ?? '').trim();
	const route = chooseRoute(spec, model, settings.profile, settings.credentials);
	const request = spec.prepare(ctx, itemIndex, { profile: settings.profile, route });
	const automatic = (settings.credentials.apiStandard ?? 'auto') === 'auto';
	const hasLegacy = route.entry?.routes[spec.id]?.legacy !== undefined;
	if (route.standard !== 'new' || !automatic || !hasLegacy || !legacyOnlySetting(request)) {
		return request;
	}
	const legacy = { ...settings.credentials, apiStandard: 'legacy' as const };
	const legacyRoute = chooseRoute(spec, model, settings.profile, legacy);
	return spec.prepare(ctx, itemIndex, { profile: settings.profile, route: legacyRoute });
}

/**
 * Gives the task its external task ID (the user's, or the run's), the key that finds it again
 * after an uncertain create or a retry. A product whose create takes none keeps the key for this
 * process only (the memory of creates) and sends none.
 */
function nameTask(request: PreparedRequest, generated: string): void {
	const given = request.body.external_task_id;
	if (!safetyOf(request.route).safety.externalTaskId) {
		if (given !== undefined)
			throw new InputError(
				`External Task ID: ${safetyOwner(request.route)} takes none; leave it empty and use the task ID the node returns`,
			);
		request.externalTaskId = generated;
		return;
	}
	request.body.external_task_id = given ?? generated;
	request.externalTaskId = String(request.body.external_task_id);
}

export async function readRequest(
	ctx: IExecuteFunctions,
	spec: GenerationSpec,
	settings: RequestSettings,
	itemIndex: number,
): Promise<PreparedRequest> {
	let request = routed(ctx, spec, settings, itemIndex);
	const route = request.route;
	if (request.body.callback_url !== undefined && !takesCallbacks(route)) {
		throw new InputError(
			`Callback URL: ${safetyOwner(request.route)} calls no callback URL back; leave it empty (the node polls for the result)`,
		);
	}
	if (settings.callbackUrl && takesCallbacks(route)) {
		if (request.body.callback_url !== undefined) {
			throw new InputError(
				'Callback URL: leave it empty when Wait is "Until Kling Calls Back"; the node sends this execution\'s own resume URL',
			);
		}
		request.body.callback_url = settings.callbackUrl;
	}
	nameTask(request, settings.externalTaskId(itemIndex));
	// The longest input whose length its bytes tell: what an avatar's price follows.
	let seconds: number | undefined;
	for (const slot of request.media) {
		const length = await checkMediaRef(ctx, itemIndex, slot);
		if (length !== undefined) seconds = Math.max(seconds ?? 0, length);
	}
	applyPromptReferences(request.body, route);
	request.estimate = estimateUnits(route.entry, preview(request), route.product, seconds);
	// What every model of the endpoint must meet comes first, then what the chosen model can do.
	if (route.standard === 'legacy') {
		checkSchema(request);
		checkCapabilities(route, preview(request));
		return request;
	}
	checkCapabilities(route, preview(request));
	request = toNewStandard(request);
	checkSchema(request);
	return request;
}

/** The body to send, with each image read (binary field, URL or Base64) only now. */
export async function requestBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: PreparedRequest,
): Promise<IDataObject> {
	const body = JSON.parse(JSON.stringify(request.body)) as IDataObject;
	for (const slot of request.media) {
		const value = await mediaRequestValue(ctx, itemIndex, slot);
		setPath(body, placeOf(slot), value);
	}
	return body;
}

/** Callback-wait fell back to polling: the tasks must not call the resume URL. */
export function dropCallbackUrl(request: PreparedRequest | undefined): void {
	if (!request) return;
	delete request.body.callback_url;
	delete (request.body.options as IDataObject | undefined)?.callback_url;
}
