/**
 * The emulator's model of Kling's request rules (docs/reference/kling-api.md#legacy-requests), written from the docs, not from
 * the package: what Kling would refuse with 1201 or 1203 before a task is created.
 */
import type { Endpoint, ModelStatusTable } from './models.mts';
import { KlingError, checkModel } from './endpoints/checks.mts';
import { validateElement } from './endpoints/element.mts';
import { validateImage2Video } from './endpoints/image2video.mts';
import { validateMultiImage2Image } from './endpoints/multiImage2image.mts';
import { validateMultiImage2Video } from './endpoints/multiImage2video.mts';
import { validateOmniImage } from './endpoints/omniImage.mts';
import { validateOmniVideo } from './endpoints/omniVideo.mts';
import { validateText2Video } from './endpoints/text2video.mts';

export { KlingError, checkImage } from './endpoints/checks.mts';

/** Each legacy endpoint's rules, one module each under endpoints/, for the model already checked. */
const RULES: Partial<Record<Endpoint, (model: string, body: Record<string, unknown>) => number>> = {
	text2video: validateText2Video,
	image2video: validateImage2Video,
	multiImage2video: validateMultiImage2Video,
	multiImage2image: validateMultiImage2Image,
	omniVideo: validateOmniVideo,
	omniImage: validateOmniImage,
};

/** Kling's documented request rules; returns the concurrency slots the task needs. */
export function validate(
	endpoint: Endpoint,
	body: Record<string, unknown>,
	table: ModelStatusTable = {},
): number {
	if (endpoint === 'element') return validateElement(body);
	const rules = RULES[endpoint];
	if (!rules) throw new KlingError(404, 1202, 'requested method is invalid');
	return rules(checkModel(endpoint, body, table), body);
}
