import { modelsFor } from '../models/catalogue';
import type { Endpoint } from '../models/product';
import { element } from './element';
import { motionControl } from './motionControl';
import { videoToAudio } from './videoToAudio';
import { avatar } from './avatar';
import { effects } from './effects';
import { videoExtend } from './videoExtend';
import { lipSync } from './lipSync';
import { lipSyncOneShot } from './lipSyncOneShot';
import { textToAudio } from './textToAudio';
import { textToSpeech } from './textToSpeech';
import { imageExpand } from './imageExpand';
import { textToImage } from './textToImage';
import { virtualTryOn } from './virtualTryOn';
import { voice } from './voice';
import { videoEdit } from './videoEdit';
import { image2video } from './image2video';
import { multiImage2image } from './multiImage2image';
import { multiImage2video } from './multiImage2video';
import type { ProductSpec } from './spec';
import { text2video } from './text2video';

/** Every product, in the order the Trigger lists their task types: the one list of them. */
export const PRODUCTS: readonly ProductSpec[] = [
	text2video,
	image2video,
	multiImage2video,
	multiImage2image,
	element,
	motionControl,
	videoToAudio,
	avatar,
	effects,
	videoExtend,
	lipSync,
	lipSyncOneShot,
	textToAudio,
	textToSpeech,
	imageExpand,
	textToImage,
	virtualTryOn,
	voice,
	videoEdit,
];

export function productById(id: string): ProductSpec | undefined {
	return PRODUCTS.find((p) => p.id === id);
}

export function productByTag(tag: string): ProductSpec | undefined {
	return PRODUCTS.find((p) => p.tag === tag);
}

/** The products whose tasks may live on a legacy endpoint (omni-video serves two). */
export function productsOn(endpoint: Endpoint): ProductSpec[] {
	return PRODUCTS.filter((p) => p.endpoints.legacy.includes(endpoint));
}

/** A new-standard endpoint's path per model it serves there: each may be moved on its own. */
function modelPaths(product: ProductSpec): string[] {
	return modelsFor(product.id).flatMap((model) => {
		const endpoint = product.endpoints.new.find((e) => e.id === model.routes[product.id]?.new);
		return endpoint && 'newId' in model && model.newId ? [`${endpoint.path}/${model.newId}`] : [];
	});
}

/** Every Kling path a node calls: the ones a credential's Route Overrides may replace. */
export const KLING_PATHS: readonly string[] = [
	...new Set(
		PRODUCTS.flatMap((p) => [
			...[...p.endpoints.legacy, ...p.endpoints.new, ...(p.otherEndpoints ?? [])].map(
				(e) => e.path,
			),
			...modelPaths(p),
		]),
	),
];
