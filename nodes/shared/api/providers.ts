/**
 * Everything that differs between the official Kling API and the Kling-compatible relays lives here,
 * so nodes, transport and trigger never branch on the provider themselves.
 */

import type { LegacyRoute, TaskKind } from '../models/catalogue';

/** A node's job, as the output's `endpoint` names it; the route a request takes is chosen per model. */
export type KlingEndpoint =
	| 'text2video'
	| 'image2video'
	| 'multiImage2video'
	| 'multiImage2image'
	| 'element';
export type ProviderId = 'official' | 'cometapi' | 'quickrouter' | 'custom';
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
}

export interface EndpointInfo {
	label: string;
	kind: TaskKind;
	resultKind: 'video' | 'image' | 'element';
	/** Legacy endpoints a task of this node may live on, in the order a lookup tries them. */
	legacyRoutes: LegacyRoute[];
}

export const ENDPOINTS: Record<KlingEndpoint, EndpointInfo> = {
	text2video: {
		label: 'Text to Video',
		kind: 'textToVideo',
		resultKind: 'video',
		legacyRoutes: ['text2video', 'omniVideo'],
	},
	image2video: {
		label: 'Image to Video',
		kind: 'imageToVideo',
		resultKind: 'video',
		legacyRoutes: ['image2video'],
	},
	multiImage2video: {
		label: 'Multi-Image to Video',
		kind: 'multiImageToVideo',
		resultKind: 'video',
		legacyRoutes: ['omniVideo', 'multiImage2video'],
	},
	multiImage2image: {
		label: 'Multi-Image to Image',
		kind: 'multiImageToImage',
		resultKind: 'image',
		legacyRoutes: ['omniImage', 'multiImage2image'],
	},
	element: {
		label: 'Element',
		kind: 'element',
		resultKind: 'element',
		legacyRoutes: ['element'],
	},
};

/** Legacy `/v1` paths on the official API. */
export const LEGACY_PATHS: Record<LegacyRoute, string> = {
	image2video: '/v1/videos/image2video',
	text2video: '/v1/videos/text2video',
	omniVideo: '/v1/videos/omni-video',
	multiImage2video: '/v1/videos/multi-image2video',
	multiImage2image: '/v1/images/multi-image2image',
	omniImage: '/v1/images/omni-image',
	// Legacy-shaped in both standards, with an API key or access key (kling-api-2026.md §5).
	element: '/v1/general/advanced-custom-elements',
	elementPresets: '/v1/general/advanced-presets-elements',
};

export const REGION_BASE_URLS: Record<Region, string> = {
	singapore: 'https://api-singapore.klingai.com',
	beijing: 'https://api-beijing.klingai.com',
	global: 'https://api.klingai.com',
};

export interface ProviderProfile {
	id: ProviderId;
	label: string;
	defaultBaseUrl: string;
	/** Relays mount Kling's API under `/kling`. */
	pathPrefix: string;
	/** Path (without prefix) per endpoint where the relay deviates from Kling's own. */
	pathOverrides: Partial<Record<LegacyRoute, string>>;
	/** Smallest image list the provider accepts (Kling: 1; some relay docs still say 2). */
	minImages: Record<'multiImage2video' | 'multiImage2image', number>;
	/** Kling's old docs (and some relays) spell the scene field `scence_image`. */
	sceneImageField: 'scene_image' | 'scence_image';
	/** Kling only documents the path form for external ids; clients also use the query form. */
	externalIdLookup: Array<'path' | 'query'>;
}

const KLING_DEFAULTS = {
	pathPrefix: '',
	pathOverrides: {},
	minImages: { multiImage2video: 1, multiImage2image: 1 },
	sceneImageField: 'scene_image',
	externalIdLookup: ['path', 'query'],
} as const;

export const PROVIDERS: Record<ProviderId, ProviderProfile> = {
	official: {
		...KLING_DEFAULTS,
		id: 'official',
		label: 'Kling official API',
		defaultBaseUrl: REGION_BASE_URLS.singapore,
		pathOverrides: {},
		minImages: { ...KLING_DEFAULTS.minImages },
		externalIdLookup: ['path', 'query'],
	},
	cometapi: {
		id: 'cometapi',
		label: 'CometAPI',
		defaultBaseUrl: 'https://api.cometapi.com',
		pathPrefix: '/kling',
		// CometAPI routes multi-image-to-image through the image generation path, and queries it there.
		pathOverrides: { multiImage2image: '/v1/images/generations' },
		// Its older pages require 2..4 images; asking for 2 never sends a request the relay may reject.
		minImages: { multiImage2video: 2, multiImage2image: 2 },
		sceneImageField: 'scence_image',
		externalIdLookup: ['path', 'query'],
	},
	quickrouter: {
		...KLING_DEFAULTS,
		id: 'quickrouter',
		label: 'QuickRouter',
		defaultBaseUrl: 'https://api.quickrouter.ai',
		pathPrefix: '/kling',
		pathOverrides: {},
		minImages: { ...KLING_DEFAULTS.minImages },
		externalIdLookup: ['path', 'query'],
	},
	custom: {
		...KLING_DEFAULTS,
		id: 'custom',
		label: 'Custom Kling-compatible API',
		defaultBaseUrl: '',
		pathOverrides: {},
		minImages: { ...KLING_DEFAULTS.minImages },
		externalIdLookup: ['path', 'query'],
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
	const profile = PROVIDERS[credentials.provider] ?? PROVIDERS.official;
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

export function endpointPath(profile: ProviderProfile, endpoint: LegacyRoute): string {
	return profile.pathPrefix + (profile.pathOverrides[endpoint] ?? LEGACY_PATHS[endpoint]);
}

export function taskPath(profile: ProviderProfile, endpoint: LegacyRoute, id: string): string {
	return `${endpointPath(profile, endpoint)}/${encodeURIComponent(id)}`;
}

/** A cheap authenticated read every provider answers: the first page of the image-to-video task list. */
export function credentialTestPath(profile: ProviderProfile): string {
	return `${endpointPath(profile, 'image2video')}?pageNum=1&pageSize=1`;
}
