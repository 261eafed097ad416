/**
 * Everything that differs between the official Kling API and the Kling-compatible relays lives here,
 * so nodes, transport and trigger never branch on the provider themselves.
 */

import type { Endpoint } from '../models/product';
import { withRelaySettings } from './relaySettings';

export type ProviderId = 'official' | 'cometapi' | 'quickrouter' | 'haoee' | 'custom';
export type Region = 'singapore' | 'beijing' | 'global';
export type AuthMode = 'apiKey' | 'accessKey';
export type ApiStandardSetting = 'auto' | 'new' | 'legacy';

export interface KlingCredentials {
	provider: ProviderId;
	authMode?: AuthMode;
	region?: Region;
	apiKey?: string;
	accessKey?: string;
	secretKey?: string;
	baseUrl?: string;
	webhookSecret?: string;
	apiStandard?: ApiStandardSetting;
	/** Relay settings (api/relaySettings.ts): each changes one assumption of the provider's profile. */
	relaySettings?: boolean;
	routeOverrides?: string;
	sceneImageField?: 'default' | SceneImageField;
	minImages?: number;
	extraHeaderName?: string;
	extraHeaderValue?: string;
	externalIdLookup?: Tristate;
	taskList?: Tristate;
	uniqueExternalIds?: Tristate;
}

export type Tristate = 'default' | 'yes' | 'no';

export const REGION_BASE_URLS: Record<Region, string> = {
	singapore: 'https://api-singapore.klingai.com',
	beijing: 'https://api-beijing.klingai.com',
	global: 'https://api.klingai.com',
};

/** What a provider can do beyond creating a task and reading it by its task ID. */
export interface ProviderAbilities {
	/**
	 * Forms of a lookup by external_task_id it answers; none means an uncertain create cannot be
	 * checked, so it is never sent again.
	 */
	externalIdLookup: Array<'path' | 'query'>;
	/** Whether it serves the `pageNum`/`pageSize` task list (one read shows many tasks). */
	taskList: boolean;
	/** Refuses a second task with the same external_task_id, free of charge (Kling: 1201). */
	uniqueExternalIds: boolean;
}

export interface ProviderProfile extends ProviderAbilities {
	id: ProviderId;
	label: string;
	defaultBaseUrl: string;
	/** Relays mount Kling's API under `/kling`. */
	pathPrefix: string;
	/** The provider's path (without prefix) by Kling's, where it deviates from Kling's own. */
	pathOverrides: Record<string, string>;
	/** Smallest image list the provider accepts (Kling: 1; some relay docs still say 2). */
	minImages: number;
	/** Kling's old docs (and some relays) spell the scene field `scence_image`. */
	sceneImageField: SceneImageField;
	/** Sent with every request, e.g. haoee's `ModelName` (its sample sends it empty; meaning unknown). */
	extraHeaders: Record<string, string>;
	/**
	 * A sub-task on an earlier Kling video (the one-shot lip-sync) also names the task that made
	 * it, `input.task_id`: the relay runs it on that task's account (docs/reference/kling-api.md#relays).
	 */
	parentTaskId: boolean;
}

export type SceneImageField = 'scene_image' | 'scence_image';

/** Kling's own behaviour (docs/reference/kling-api.md#legacy-reads, docs/reference/kling-api.md#new-standard), which relays start from. */
const KLING: Omit<ProviderProfile, 'id' | 'label' | 'defaultBaseUrl'> = {
	pathPrefix: '',
	pathOverrides: {},
	minImages: 1,
	sceneImageField: 'scene_image',
	extraHeaders: {},
	parentTaskId: false,
	externalIdLookup: ['path', 'query'],
	taskList: true,
	uniqueExternalIds: true,
};

/**
 * A relay documented only for create and read-by-task-ID: nothing else is assumed (README,
 * "Providers"), and every assumption can be changed in the credential's relay settings.
 */
const RELAY: Omit<ProviderProfile, 'id' | 'label' | 'defaultBaseUrl'> = {
	...KLING,
	pathPrefix: '/kling',
	externalIdLookup: [],
	taskList: false,
	uniqueExternalIds: false,
};

export const PROVIDERS: Record<ProviderId, ProviderProfile> = {
	official: {
		...KLING,
		id: 'official',
		label: 'Kling official API',
		defaultBaseUrl: REGION_BASE_URLS.singapore,
	},
	// Its current English page (docs/reference/kling-api.md#relays): multi-image2image, scene_image, 1-4 images.
	cometapi: {
		...RELAY,
		id: 'cometapi',
		label: 'CometAPI',
		defaultBaseUrl: 'https://api.cometapi.com',
		parentTaskId: true,
	},
	quickrouter: {
		...RELAY,
		id: 'quickrouter',
		label: 'QuickRouter',
		defaultBaseUrl: 'https://api.quickrouter.ai',
		parentTaskId: true,
	},
	// Its sample body (an apifox mock) spells scence_image and sends an empty ModelName header.
	haoee: {
		...RELAY,
		id: 'haoee',
		label: 'haoee',
		defaultBaseUrl: 'https://maas.haoee.com',
		sceneImageField: 'scence_image',
		extraHeaders: { ModelName: '' },
	},
	custom: {
		...KLING,
		id: 'custom',
		label: 'Custom Kling-compatible API',
		defaultBaseUrl: '',
	},
};

export interface ResolvedProvider {
	profile: ProviderProfile;
	baseUrl: string;
	/** Human name for messages, e.g. "Kling official API (Singapore)". */
	name: string;
}

const REGION_LABELS: Record<Region, string> = {
	singapore: 'Singapore',
	beijing: 'Beijing',
	global: 'legacy global',
};

export function resolveProvider(credentials: KlingCredentials): ResolvedProvider {
	const profile = withRelaySettings(
		PROVIDERS[credentials.provider] ?? PROVIDERS.official,
		credentials,
	);
	const region = credentials.region ?? 'singapore';
	const override = (credentials.baseUrl ?? '').trim();
	let baseUrl = override || profile.defaultBaseUrl;
	let name = profile.label;
	if (profile.id === 'official') {
		baseUrl = override || REGION_BASE_URLS[region] || REGION_BASE_URLS.singapore;
		name = `${profile.label} (${REGION_LABELS[region] ?? region})`;
	}
	if (override) name += ` at ${stripTrailingSlash(override)}`;
	return { profile, baseUrl: stripTrailingSlash(baseUrl), name };
}

function stripTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

export function endpointPath(profile: ProviderProfile, endpoint: Pick<Endpoint, 'path'>): string {
	return profile.pathPrefix + (profile.pathOverrides[endpoint.path] ?? endpoint.path);
}

/**
 * A new-standard create: the endpoint's path, then the model. A Route Override may move one
 * model's path on its own (`/omni-video/kling-4.0 = …`), as Kling may publish 4.0 elsewhere.
 */
export function modelPath(
	profile: ProviderProfile,
	endpoint: Pick<Endpoint, 'path'>,
	model: string,
): string {
	const moved = profile.pathOverrides[`${endpoint.path}/${model}`];
	if (moved) return profile.pathPrefix + moved;
	return `${endpointPath(profile, endpoint)}/${encodeURIComponent(model)}`;
}

export function taskPath(
	profile: ProviderProfile,
	endpoint: Pick<Endpoint, 'path'>,
	id: string,
): string {
	return `${endpointPath(profile, endpoint)}/${encodeURIComponent(id)}`;
}

/** Every provider serves image to video: the credential test reads it. */
const IMAGE_TO_VIDEO = { path: '/v1/videos/image2video' };

/** An ID no task has: reading it proves the key and costs nothing. */
export const PROBE_TASK_ID = 'n8n-credential-test';

/**
 * The read the credential test makes: the first page of the image-to-video list where the
 * provider has one, else that endpoint's read of a task that cannot exist (relays document it).
 */
export function credentialTestPath(profile: ProviderProfile): string {
	return profile.taskList
		? `${endpointPath(profile, IMAGE_TO_VIDEO)}?pageNum=1&pageSize=1`
		: taskPath(profile, IMAGE_TO_VIDEO, PROBE_TASK_ID);
}
