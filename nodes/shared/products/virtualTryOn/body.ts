import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { modelName } from '../../api/routing';
import { applyTaskOptions, getOptions, imageSlot } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

const KEEP = { keepFace: 'keep_face', keepPose: 'keep_pose', keepBackground: 'keep_background' };

/**
 * A person and a garment, in the older Kolors terms (`human_image`, `cloth_image`); on Kling's
 * own API the solution takes them as `person_image` and `product_image` contents, public URLs
 * only (input/newStandard.ts maps them by the endpoint's own table).
 */
export function prepareVirtualTryOn(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const solution = route.standard === 'new';
	const media = [
		imageSlot(ctx, i, ctx.getNodeParameter('garmentImage', i), 'Garment Image', ['cloth_image']),
		imageSlot(ctx, i, ctx.getNodeParameter('personImage', i), 'Person Image', ['human_image']),
	];
	const notUrl = media.find((slot) => slot.ref.kind !== 'url');
	if (solution && notUrl)
		throw new InputError(
			`${notUrl.field}: Kling's Virtual Try-On 3.0 takes a public image URL only (JPG, PNG or WebP, longest side at most 2048 px), not a file or Base64; upload it first and pass its URL`,
		);
	const body: PreparedRequest['body'] = { model_name: route.model };
	for (const [option, key] of Object.entries(KEEP))
		if (options[option] !== undefined) body[key] = Boolean(options[option]);
	if (options.watermark !== undefined)
		body.watermark_info = { enabled: Boolean(options.watermark) };
	applyTaskOptions(body, options);
	return { body, media, model: modelName(route), route };
}
