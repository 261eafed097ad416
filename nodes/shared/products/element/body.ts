import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { applyTaskOptions, getOptions, imageList, imageSlot } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

/** A multi-image element: one frontal image and 1 to 3 other angles (docs/reference/kling-api.md#elements-and-voices). */
export function prepareElement(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const refers = imageList(ctx, i, 'referImages', 'Other Angles', 1, (n) => [
		'element_image_list',
		'refer_images',
		n,
		'image_url',
	]);
	const body: IDataObject = {
		element_name: String(ctx.getNodeParameter('elementName', i, '') ?? ''),
		element_description: String(ctx.getNodeParameter('elementDescription', i, '') ?? ''),
		reference_type: 'image_refer',
		element_image_list: { frontal_image: '', refer_images: refers.map(() => ({})) },
	};
	const voice = String(options.voiceId ?? '').trim();
	if (voice) body.element_voice_id = voice;
	applyTaskOptions(body, options);
	const frontal = imageSlot(ctx, i, ctx.getNodeParameter('frontalImage', i, ''), 'Frontal Image', [
		'element_image_list',
		'frontal_image',
	]);
	return { body, media: [frontal, ...refers], model: '', route };
}
