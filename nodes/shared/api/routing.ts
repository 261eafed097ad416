import { InputError } from '../core/inputError';
import { findModel, type AnyModel, type ModelRoutes, type Standard } from '../models/catalogue';
import type { Endpoint, ProductFacts } from '../models/product';
import type { KlingCredentials, ProviderProfile } from './providers';

/** Where one request goes: the product, the standard, and the endpoint in it. */
export interface TaskRoute {
	product: ProductFacts;
	standard: Standard;
	/** The legacy endpoint: where a legacy task is created and read, and the body shape it takes. */
	legacy: Endpoint;
	/** New standard: the endpoint the model id is appended to, e.g. /image-to-video/kling-3.0. */
	new?: Endpoint;
	/** The model as Kling is sent it (legacy model_name, or the new standard's path id). */
	model: string;
	/** The catalogue entry, or undefined for a model typed by expression that it does not know. */
	entry?: AnyModel;
}

/** Which standards this credential can speak, before the model is known. */
export function credentialStandards(
	profile: ProviderProfile,
	credentials: Pick<KlingCredentials, 'authMode' | 'apiStandard'>,
): { canNew: boolean; why: string } {
	const setting = credentials.apiStandard ?? 'auto';
	if (profile.id === 'official' && credentials.authMode === 'accessKey') {
		return {
			canNew: false,
			why: 'the new API standard takes an API key, and this credential signs with Access Key + Secret Key',
		};
	}
	if (setting === 'legacy') {
		return { canNew: false, why: "the credential's API Standard is Legacy" };
	}
	if (profile.id !== 'official' && setting !== 'new') {
		return {
			canNew: false,
			why: `${profile.label} mirrors only the legacy /v1 API (set API Standard to New if it serves the new one)`,
		};
	}
	return { canNew: true, why: '' };
}

/** New-standard path ids carry a dotted version or O1 (kling-3.0, kling-o1); legacy names kling-vN. */
function looksNew(model: string): boolean {
	return /^kling-(\d+\.\d+|o\d)/.test(model);
}

/**
 * The route for one request: official + API key + a model the new standard serves → new;
 * access key + secret key, relays, or a legacy-only model → legacy; the credential's API Standard
 * overrides where the model has both. Refuses (before anything is sent) a model the credential
 * cannot reach.
 */
export function chooseRoute(
	product: ProductFacts,
	modelValue: string,
	profile: ProviderProfile,
	credentials: Pick<KlingCredentials, 'authMode' | 'apiStandard'>,
): TaskRoute {
	const { endpoints } = product;
	const entry = findModel(product.id, modelValue);
	const standards = credentialStandards(profile, credentials);
	const routes: ModelRoutes = entry
		? entry.routes[product.id]!
		: { legacy: endpoints.legacy[0].id, new: endpoints.new[0]?.id };
	const legacy = endpointOf(product, 'legacy', routes.legacy) ?? endpoints.legacy[0];
	const newEndpoint =
		entry || looksNew(modelValue) ? endpointOf(product, 'new', routes.new) : undefined;
	if (standards.canNew && newEndpoint) {
		const id = (entry && 'newId' in entry && entry.newId) || modelValue;
		return { product, standard: 'new', legacy, new: newEndpoint, model: id, entry };
	}
	if (entry && !routes.legacy) {
		throw new InputError(
			`Model: ${entry.name} is served only on Kling's new API standard, and ${standards.why}. Choose another model, or use an API key credential with API Standard Automatic or New.`,
		);
	}
	return { product, standard: 'legacy', legacy, model: entry?.legacyName ?? modelValue, entry };
}

/** The product's endpoint a catalogue route names. */
function endpointOf(
	product: ProductFacts,
	standard: Standard,
	id: string | undefined,
): Endpoint | undefined {
	if (id === undefined) return undefined;
	const found = product.endpoints[standard].find((e) => e.id === id);
	if (!found) throw new Error(`${product.label} lists no ${standard} endpoint ${id}`);
	return found;
}

/** Routes a Get Task lookup tries: the new standard's /tasks where the credential has it, else each legacy endpoint. */
export function lookupRoutes(
	product: ProductFacts,
	profile: ProviderProfile,
	credentials: Pick<KlingCredentials, 'authMode' | 'apiStandard'>,
): TaskRoute[] {
	const legacy = product.endpoints.legacy.map(
		(endpoint): TaskRoute => ({ product, standard: 'legacy', legacy: endpoint, model: '' }),
	);
	const { canNew } = credentialStandards(profile, credentials);
	const newRoute: TaskRoute = { ...legacy[0], standard: 'new', new: product.endpoints.new[0] };
	// Only a product the new standard serves can have tasks there.
	return canNew && product.endpoints.new.length ? [newRoute, ...legacy] : legacy;
}

/** The model as the output names it: the catalogue's id, the same on either standard. */
export function modelName(route: TaskRoute): string {
	return route.entry?.id ?? route.model;
}
