/**
 * `POST /v1/images/generations` (docs/reference/kling-api.md#text-to-image): Kling Image 3.0 and
 * 2.1 from a prompt, or from a prompt and one image. Only 2.1 takes a reference kind and the
 * fidelities; no negative prompt beside an image; an empty model_name means the retired V1.
 * 1 to 9 images, each a concurrency slot.
 */
import {
	ASPECTS_IMAGE,
	KlingError,
	checkCallbackUrl,
	checkEnum,
	checkImage,
	checkText,
	onlyKnownKeys,
} from '../checks.mts';
import type { EndpointSpec } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);
const fraction = (field: string, value: unknown) => {
	if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 1))
		throw bad(`${field} must be within [0, 1]`);
};

function validate(model: string, body: Record<string, unknown>): number {
	onlyKnownKeys(body, [
		'model_name',
		'prompt',
		'negative_prompt',
		'image',
		'image_reference',
		'image_fidelity',
		'human_fidelity',
		'element_list',
		'resolution',
		'n',
		'aspect_ratio',
		'watermark_info',
		'callback_url',
		'external_task_id',
	]);
	checkText('prompt', body.prompt, 2500, true);
	checkText('negative_prompt', body.negative_prompt, 2500);
	if (body.image !== undefined) checkImage('image', body.image);
	if (body.image !== undefined && body.negative_prompt !== undefined)
		throw bad('negative_prompt is not supported when image is set');
	checkEnum('image_reference', body.image_reference, ['subject', 'face']);
	if (body.image_reference !== undefined && body.image === undefined)
		throw bad('image is required when image_reference is set');
	const own = ['image_reference', 'image_fidelity', 'human_fidelity'].find(
		(key) => body[key] !== undefined,
	);
	if (own && model !== 'kling-v2-1') throw bad(`${own} is not supported by ${model}`);
	fraction('image_fidelity', body.image_fidelity);
	fraction('human_fidelity', body.human_fidelity);
	if (body.human_fidelity !== undefined && body.image_reference !== 'subject')
		throw bad('human_fidelity is only used with image_reference subject');
	checkEnum('resolution', body.resolution, ['1k', '2k']);
	checkEnum('aspect_ratio', body.aspect_ratio, ASPECTS_IMAGE);
	const n = body.n ?? 1;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 9)
		throw bad('n must be an integer within [1, 9]');
	checkCallbackUrl(body);
	return n;
}

/** Kling Image 3.0: 8 units per image; 2.1: 4 from text, 8 from an image ([V] kling-pricing-image.md). */
function units({ body }: { body: Record<string, unknown> }): number {
	const each = body.model_name === 'kling-v2-1' && body.image === undefined ? 4 : 8;
	return each * Number(body.n ?? 1);
}

export const endpoint: EndpointSpec = {
	key: 'imageGenerations',
	standard: 'legacy',
	paths: ['images/generations'],
	result: 'image',
	models: {
		'kling-v3': 'live',
		// [?] in the vendor enum on 2026-09-20 and in the V2.1 end-of-life group: live by default.
		'kling-v2-1': 'live',
		'kling-v1': 'retired',
		'kling-v1-5': 'retired',
		'kling-v2': 'retired',
		'kling-v2-new': 'retired',
	},
	// The page: an empty model_name means V1.
	defaultModel: 'kling-v1',
	units,
	validate,
};
