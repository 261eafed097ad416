/**
 * Kling's models: the one place model facts live (docs/reference/kling-api.md#models-and-prices, with its source labels).
 * Nodes build their model lists and defaults from it, routing picks the API standard from it, and
 * input/capabilities.ts checks a request against it before anything is paid for.
 */

export type Standard = 'new' | 'legacy';
export type Resolution = '720p' | '1080p' | '4k';
/**
 * A product's id (products/): a model lists the products it serves, and one model may serve
 * several (Kling 3.0: image to video and text to video).
 */
export type ProductId = string;
/** An endpoint a model is served on, by its id in the product's endpoints (models/product.ts). */
export type EndpointId = string;
/** Where a model serves a product, per standard. */
export interface ModelRoutes {
	legacy?: EndpointId;
	new?: EndpointId;
}

export type ModelStatus =
	| { state: 'live'; source: string }
	| { state: 'retired'; date: string; source: string }
	/** Documented by the vendor but in an announced end-of-life group: offered, labelled. */
	| { state: 'uncertain'; date: string; source: string };

/** Units per output second by resolution ([V] kling-pricing-video.md). */
type PerSecond = Partial<Record<Resolution, number>>;

export interface VideoModel {
	/** The parameter value: the legacy model_name where there is one, so older workflows keep working. */
	id: string;
	name: string;
	legacyName?: string;
	newId?: string;
	routes: Partial<Record<ProductId, ModelRoutes>>;
	durations: number[];
	/** O1: a first frame (or plain text) without other references allows only these. */
	firstFrameOnlyDurations?: number[];
	resolutions: Resolution[];
	/** Native audio: 'always' for 3.0 Turbo, which has no audio field. */
	audio: 'native' | 'always' | 'none';
	/** 2.6: native audio only at 1080p. */
	audioNeeds1080p?: boolean;
	lastFrame: 'yes' | 'no' | '1080p' | '1080p-silent';
	/** Camera control and motion brush exist only on retired legacy models (docs/reference/kling-api.md#models-and-prices). */
	cameraControl: boolean;
	motionBrush: boolean;
	/**
	 * Multi-shot storyboards: 'setting' takes the multi_shot field (and intelligent splitting);
	 * 'prompt' (3.0 Turbo) only the shot syntax in the prompt; 'none' makes one shot.
	 */
	multiShot: 'setting' | 'prompt' | 'none';
	elements: number;
	voices: number;
	referenceImages?: { max: number; min: number };
	/** Omni: one reference video, as a feature reference or a base video to edit. */
	referenceVideo: boolean;
	/** Kling 4.0: reference videos in one request, where more than one. */
	referenceVideos?: number;
	/**
	 * Reference images and elements together, without and with a reference video; where unset,
	 * the element limit, and 4 with a video (Omni).
	 */
	references?: { max: number; withVideo: number };
	promptMax: Record<Standard, number>;
	/** Kling 4.0: a prompt with any non-English letter may be this long, in characters. */
	promptMaxNonEnglish?: number;
	/** Kling 4.0: keyframes between the first and the last, spread evenly over the video. */
	middleFrames?: number;
	/** Where it differs from VIDEO_ASPECT_RATIOS. */
	aspectRatios?: string[];
	/** Per second: silent, with native audio, with voices (2.6), with a reference video (Omni). */
	units: { silent: PerSecond; audio?: PerSecond; voice?: PerSecond; videoInput?: PerSecond };
	/** Why there is no price, where Kling has published none: the estimate says it. */
	unpriced?: string;
	/**
	 * Where its tasks take far longer than the panel's defaults assume: the wait timeout and poll
	 * interval a panel left at its defaults uses instead.
	 */
	wait?: { timeoutMinutes: number; pollSeconds: number };
	status: ModelStatus;
}

export type ImageResolution = '1k' | '2k' | '4k' | '8k';

export interface ImageModel {
	id: string;
	name: string;
	/** The legacy model_name; none for a model served only on the new standard. */
	legacyName?: string;
	newId?: string;
	routes: Partial<Record<ProductId, ModelRoutes>>;
	resolutions: ImageResolution[];
	/** Where one of its products' endpoints takes other resolutions (Kling 2.1 generations: 1K, 2K). */
	resolutionsOn?: Partial<Record<ProductId, ImageResolution[]>>;
	aspectRatios: string[];
	/** Images (plus elements) one request may reference. */
	referenceImages: { min: number; max: number };
	promptRequired: boolean;
	unitsPerImage: { default: number; '4k'?: number };
	/** Where a product prices it otherwise (Kling 2.1 generations: 4 per image, 8 from an image). */
	unitsOn?: Partial<Record<ProductId, { fromText: number; fromImage: number }>>;
	/** Why there is no price, where Kling has published none: the estimate says it. */
	unpriced?: string;
	status: ModelStatus;
}

const seconds = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => i + from);
const SECONDS_3_15 = seconds(3, 15);
const SECONDS_3_10 = seconds(3, 10);
const FIVE_TEN = [5, 10];
export const VIDEO_ASPECT_RATIOS = ['16:9', '9:16', '1:1'];
export const IMAGE_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'];

/** Kling 4.0 adds 21:9, 4:3 and 3:4 (docs/reference/kling-api.md#kling-40). */
export const KLING_4_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '21:9', '4:3', '3:4'];

const CAP_MAP = '[V] kling-guide-capability-map-video.md';
/** [C][?] Kling's own 4.0 page was not found: the shape ComfyUI's partner router sends. */
const COMFY_4 = '[C] docs.comfy.org Comfy Router kling/kling-4.0, kling-4.0-flash [?]';
const NO_4_PRICE =
	"Kling has published no price for Kling 4.0 yet (partners' prices: docs/reference/kling-api.md#kling-40)";
/** A 30-second 1080p video takes many minutes (3 s at 720p ≈ 2 min [A] useapi). */
const KLING_4_WAIT = { timeoutMinutes: 60, pollSeconds: 20 };
const EOL = '[C] Comfy-Org/docs PR #1326: end of life for V1.5, V1.6, V2.1, V2.1 Master';
/** What the try-on models share: a person and a garment, no settings of size, no known price. */
const tryOn = {
	resolutions: [],
	aspectRatios: [],
	referenceImages: { min: 2, max: 2 },
	promptRequired: false,
	unitsPerImage: { default: 0 },
	unpriced:
		"Kling's try-on price is on a page not captured (about $0.16 a run by ComfyUI's figure)",
};

const base = {
	cameraControl: false,
	motionBrush: false,
	multiShot: 'none' as VideoModel['multiShot'],
	referenceVideo: false,
	elements: 0,
	voices: 0,
	audioNeeds1080p: false,
};

/** What Kling 4.0 and 4.0 Flash share: the new standard only, on a path not yet confirmed [?]. */
const kling4 = {
	...base,
	routes: { text2video: { new: 'kling-4' }, image2video: { new: 'kling-4' } },
	audio: 'always' as const,
	aspectRatios: KLING_4_ASPECT_RATIOS,
	promptMax: { new: 26_000, legacy: 26_000 },
	promptMaxNonEnglish: 11_000,
	units: { silent: {} },
	unpriced: NO_4_PRICE,
	wait: KLING_4_WAIT,
	status: { state: 'live' as const, source: COMFY_4 },
};

export const VIDEO_MODELS: VideoModel[] = [
	{
		...kling4,
		id: 'kling-4.0',
		name: 'Kling 4.0',
		newId: 'kling-4.0',
		routes: { ...kling4.routes, multiImage2video: { new: 'kling-4' } },
		durations: seconds(3, 30),
		resolutions: ['720p', '1080p'],
		lastFrame: 'yes',
		middleFrames: 8,
		// Reference-to-video: images, a video (to follow or to edit) and elements, 15 inputs in all.
		referenceImages: { min: 1, max: 10 },
		referenceVideo: true,
		referenceVideos: 5,
		elements: 7,
		voices: 3,
		references: { max: 15, withVideo: 14 },
	},
	{
		...kling4,
		id: 'kling-4.0-flash',
		name: 'Kling 4.0 Flash',
		newId: 'kling-4.0-flash',
		durations: seconds(3, 20),
		resolutions: ['720p'],
		// Flash animates a single first frame.
		lastFrame: 'no',
		middleFrames: 0,
	},
	{
		...base,
		id: 'kling-3.0-turbo',
		name: 'Kling 3.0 Turbo',
		newId: 'kling-3.0-turbo',
		// [C][?] no legacy model_name is documented; ComfyUI calls it only on the new paths.
		routes: { text2video: { new: 'text-to-video' }, image2video: { new: 'image-to-video' } },
		durations: SECONDS_3_15,
		resolutions: ['720p', '1080p'],
		audio: 'always',
		lastFrame: 'no',
		multiShot: 'prompt',
		// [V conflict] the t2v page says 3072, the i2v page 2500: validated loosely (docs/reference/kling-api.md#text-to-video).
		promptMax: { new: 3072, legacy: 2500 },
		units: { silent: { '720p': 0.8, '1080p': 1.0 } },
		status: { state: 'live', source: CAP_MAP },
	},
	{
		...base,
		id: 'kling-v3',
		name: 'Kling 3.0',
		legacyName: 'kling-v3',
		newId: 'kling-3.0',
		routes: {
			text2video: { legacy: 'text2video', new: 'text-to-video' },
			image2video: { legacy: 'image2video', new: 'image-to-video' },
			motionControl: { legacy: 'motionControl', new: 'motion-control' },
		},
		durations: SECONDS_3_15,
		resolutions: ['720p', '1080p', '4k'],
		audio: 'native',
		lastFrame: 'yes',
		multiShot: 'setting',
		elements: 3,
		promptMax: { new: 3072, legacy: 2500 },
		units: {
			silent: { '720p': 0.6, '1080p': 0.8, '4k': 3.0 },
			audio: { '720p': 0.9, '1080p': 1.2, '4k': 3.0 },
		},
		status: { state: 'live', source: `${CAP_MAP}; legacy path live 2026-10-01 [L] griptape` },
	},
	{
		...base,
		id: 'kling-v3-omni',
		name: 'Kling 3.0 Omni',
		legacyName: 'kling-v3-omni',
		newId: 'kling-3.0-omni',
		routes: {
			text2video: { legacy: 'omniVideo', new: 'omni-video' },
			multiImage2video: { legacy: 'omniVideo', new: 'omni-video' },
		},
		durations: SECONDS_3_15,
		resolutions: ['720p', '1080p', '4k'],
		audio: 'native',
		lastFrame: 'yes',
		multiShot: 'setting',
		elements: 7,
		referenceImages: { min: 1, max: 7 },
		referenceVideo: true,
		promptMax: { new: 3072, legacy: 2500 },
		units: {
			silent: { '720p': 0.6, '1080p': 0.8, '4k': 3.0 },
			audio: { '720p': 0.8, '1080p': 1.0, '4k': 3.0 },
			videoInput: { '720p': 0.9, '1080p': 1.2, '4k': 3.0 },
		},
		status: { state: 'live', source: '[V] kling-omni-3.0-ovg.md' },
	},
	{
		...base,
		id: 'kling-v2-6',
		name: 'Kling 2.6',
		legacyName: 'kling-v2-6',
		newId: 'kling-2.6',
		routes: {
			text2video: { legacy: 'text2video', new: 'text-to-video' },
			image2video: { legacy: 'image2video', new: 'image-to-video' },
			motionControl: { legacy: 'motionControl', new: 'motion-control' },
		},
		durations: FIVE_TEN,
		resolutions: ['720p', '1080p'],
		audio: 'native',
		audioNeeds1080p: true,
		lastFrame: '1080p-silent',
		voices: 2,
		promptMax: { new: 2500, legacy: 2500 },
		units: {
			silent: { '720p': 0.3, '1080p': 0.5 },
			audio: { '1080p': 1.0 },
			voice: { '1080p': 1.2 },
		},
		status: { state: 'live', source: `${CAP_MAP}; legacy path live 2026-10-01 [L] griptape` },
	},
	{
		...base,
		id: 'kling-v2-5-turbo',
		name: 'Kling 2.5 Turbo',
		legacyName: 'kling-v2-5-turbo',
		newId: 'kling-2.5-turbo',
		routes: {
			text2video: { legacy: 'text2video', new: 'text-to-video' },
			image2video: { legacy: 'image2video', new: 'image-to-video' },
		},
		durations: FIVE_TEN,
		resolutions: ['720p', '1080p'],
		audio: 'none',
		lastFrame: '1080p',
		promptMax: { new: 2500, legacy: 2500 },
		units: { silent: { '720p': 0.3, '1080p': 0.5 } },
		status: { state: 'live', source: `${CAP_MAP}; legacy path live 2026-10-01 [L] griptape` },
	},
	{
		...base,
		id: 'kling-video-o1',
		name: 'Kling O1',
		legacyName: 'kling-video-o1',
		newId: 'kling-o1',
		routes: { multiImage2video: { legacy: 'omniVideo', new: 'omni-video' } },
		durations: SECONDS_3_10,
		firstFrameOnlyDurations: FIVE_TEN,
		resolutions: ['720p', '1080p'],
		// O1 only keeps a reference video's sound ("original"); it has no native audio.
		audio: 'none',
		lastFrame: 'yes',
		elements: 7,
		referenceImages: { min: 1, max: 7 },
		referenceVideo: true,
		promptMax: { new: 2500, legacy: 2500 },
		units: {
			silent: { '720p': 0.6, '1080p': 0.8 },
			videoInput: { '720p': 0.9, '1080p': 1.2 },
		},
		status: { state: 'live', source: '[V] kling-o1-video.md' },
	},
	{
		...base,
		id: 'kling-v1-6',
		name: 'Kling 1.6 (retired 2026-09-15; relays only)',
		legacyName: 'kling-v1-6',
		routes: { multiImage2video: { legacy: 'multiImage2video' } },
		durations: FIVE_TEN,
		resolutions: ['720p', '1080p'],
		audio: 'none',
		lastFrame: 'no',
		referenceImages: { min: 1, max: 4 },
		promptMax: { new: 2500, legacy: 2500 },
		units: { silent: {} },
		// [?] multi-image2video only ever took kling-v1-6, in the V1.6 end-of-life group.
		status: { state: 'retired', date: '2026-09-15', source: EOL },
	},
];

export const IMAGE_MODELS: ImageModel[] = [
	{
		id: 'kling-image-4.0',
		name: 'Kling Image 4.0',
		newId: 'kling-image-4.0',
		// [?] new standard only, on a path not yet confirmed (products/kling4Image.ts).
		routes: { multiImage2image: { new: 'kling-image-4' } },
		resolutions: ['2k', '4k', '8k'],
		aspectRatios: [...IMAGE_ASPECT_RATIOS, 'auto'],
		referenceImages: { min: 1, max: 10 },
		promptRequired: true,
		unitsPerImage: { default: 0 },
		unpriced:
			'Kling has published no price for Kling Image 4.0 yet (docs/reference/kling-api.md#kling-image-40)',
		status: { state: 'live', source: '[C] docs.comfy.org Comfy Router kling/kling-image-4.0 [?]' },
	},
	{
		id: 'kling-v3-omni',
		name: 'Kling Image 3.0 Omni',
		legacyName: 'kling-v3-omni',
		routes: { multiImage2image: { legacy: 'omniImage' } },
		resolutions: ['1k', '2k', '4k'],
		aspectRatios: [...IMAGE_ASPECT_RATIOS, 'auto'],
		referenceImages: { min: 1, max: 10 },
		promptRequired: true,
		unitsPerImage: { default: 8, '4k': 16 },
		status: { state: 'live', source: '[V] kling-image-omni-3.0-image-omni.md' },
	},
	{
		id: 'kling-image-o1',
		name: 'Kling Image O1',
		legacyName: 'kling-image-o1',
		routes: { multiImage2image: { legacy: 'omniImage' } },
		// [?] the enum lists 4k, the capability map 1K/2K and ComfyUI refuses 4K: offered without it.
		resolutions: ['1k', '2k'],
		aspectRatios: [...IMAGE_ASPECT_RATIOS, 'auto'],
		referenceImages: { min: 1, max: 10 },
		promptRequired: true,
		unitsPerImage: { default: 8 },
		status: { state: 'live', source: '[V] kling-image-o1-generation.md' },
	},
	{
		id: 'kling-v3',
		name: 'Kling Image 3.0',
		legacyName: 'kling-v3',
		routes: { textToImage: { legacy: 'imageGenerations' } },
		resolutions: ['1k', '2k'],
		aspectRatios: IMAGE_ASPECT_RATIOS,
		// One reference image: image to image (docs/reference/kling-api.md#text-to-image).
		referenceImages: { min: 0, max: 1 },
		// The endpoint's own rules require the prompt (input/schemas/imageGenerations.ts).
		promptRequired: false,
		unitsPerImage: { default: 8 },
		status: { state: 'live', source: '[V] kling-image-omni-3.0-generation.md' },
	},
	{
		id: 'kling-v2-1',
		name: 'Kling 2.1 (end of life announced)',
		legacyName: 'kling-v2-1',
		routes: {
			multiImage2image: { legacy: 'multiImage2image' },
			textToImage: { legacy: 'imageGenerations' },
		},
		// multi-image2image has no resolution field (docs/reference/kling-api.md#legacy-requests).
		resolutions: [],
		resolutionsOn: { textToImage: ['1k', '2k'] },
		aspectRatios: IMAGE_ASPECT_RATIOS,
		referenceImages: { min: 1, max: 4 },
		promptRequired: false,
		unitsPerImage: { default: 16 },
		unitsOn: { textToImage: { fromText: 4, fromImage: 8 } },
		// [V] still in the vendor enum on 2026-09-20 vs [C] the V2.1 end-of-life group.
		status: { state: 'uncertain', date: '2026-09-15', source: `[V] enum vs ${EOL}` },
	},
	{
		id: 'kling-v2',
		name: 'Kling 2 (retired)',
		legacyName: 'kling-v2',
		routes: { multiImage2image: { legacy: 'multiImage2image' } },
		// multi-image2image has no resolution field (docs/reference/kling-api.md#legacy-requests).
		resolutions: [],
		aspectRatios: IMAGE_ASPECT_RATIOS,
		referenceImages: { min: 1, max: 4 },
		promptRequired: false,
		unitsPerImage: { default: 16 },
		status: {
			state: 'retired',
			date: '2026-09-15',
			source: '[C] Comfy-Org/ComfyUI PR #15676; absent from every current enum [V]',
		},
	},
	{
		id: 'virtual-try-on-3.0',
		name: 'Virtual Try-On 3.0',
		// Relays reach 3.0 through the older Kolors path: Kling runs V1.5 requests on it since 2026-09-15.
		legacyName: 'kolors-virtual-try-on-v1-5',
		routes: { virtualTryOn: { new: 'virtual_try_on', legacy: 'kolorsVirtualTryOn' } },
		...tryOn,
		status: {
			state: 'live',
			source: '[Z] api/ecommerce-replication/virtual-try-on; [V] log 09/15/2026',
		},
	},
	{
		id: 'kolors-virtual-try-on-v1',
		name: 'Kolors Virtual Try-On 1.0 (end of life announced)',
		legacyName: 'kolors-virtual-try-on-v1',
		routes: { virtualTryOn: { legacy: 'kolorsVirtualTryOn' } },
		...tryOn,
		// [C] ComfyUI ended its node on 2026-09-15; [V] Kling says V1 requests now run on 3.0.
		status: {
			state: 'uncertain',
			date: '2026-09-15',
			source: '[C] Comfy-Org/docs PR #1326 vs [V] log 09/15/2026',
		},
	},
];

export type AnyModel = VideoModel | ImageModel;

/** The models that serve a product, in catalogue order (video models first). */
export function modelsFor(product: ProductId): AnyModel[] {
	return [...VIDEO_MODELS, ...IMAGE_MODELS].filter((m) => m.routes[product] !== undefined);
}

/** A model of this product by its parameter value, legacy model_name or new-standard id. */
export function findModel(product: ProductId, id: string): AnyModel | undefined {
	const wanted = id.trim();
	return modelsFor(product).find(
		(m) => m.id === wanted || m.legacyName === wanted || ('newId' in m && m.newId === wanted),
	);
}

export function isVideoModel(model: AnyModel): model is VideoModel {
	return 'durations' in model;
}

/** What the output says of sound where the model decides it, not a setting (Kling 4.0). */
export function soundOf(model: AnyModel | undefined): string | undefined {
	if (!model || !isVideoModel(model) || model.audio !== 'always') return undefined;
	return `always on: ${model.name} always generates its own sound`;
}

export function liveModels(product: ProductId): AnyModel[] {
	return modelsFor(product).filter((m) => m.status.state === 'live');
}

/** "Kling 3.0 (kling-v3), Kling 2.6 (kling-v2-6)": what a 1203 answer suggests instead. */
export function liveModelList(product: ProductId): string {
	return liveModels(product)
		.map((m) => `${m.name} (${m.id})`)
		.join(', ');
}

/** Resolution ↔ the legacy mode field. */
export const MODE_OF: Record<Resolution, string> = { '720p': 'std', '1080p': 'pro', '4k': '4k' };
export const RESOLUTION_OF: Record<string, Resolution> = {
	std: '720p',
	pro: '1080p',
	'4k': '4k',
};
