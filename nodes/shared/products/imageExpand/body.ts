import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { readImageInfo } from '../../input/images';
import { applyTaskOptions, getOptions, imageSlot, setIfGiven } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

const SIDES = ['up', 'down', 'left', 'right'] as const;
// Down, so that rounding never takes the new area past 3 times the original.
const round4 = (n: number) => Math.floor(n * 10_000) / 10_000;

/**
 * Kling's formula (docs/reference/kling-api.md#image-expand): the image grows to `area` times its
 * own, at the `aspect` given, evenly on both sides of each axis.
 */
export function ratiosFor(
	width: number,
	height: number,
	aspect: string,
	area: number,
): Record<(typeof SIDES)[number], number> {
	const [w, h] = aspect.split(':').map(Number);
	const targetH = Math.sqrt((area * width * height) / (w / h));
	const targetW = targetH * (w / h);
	const vertical = round4((targetH - height) / 2 / height);
	const horizontal = round4((targetW - width) / 2 / width);
	if (vertical < 0 || horizontal < 0)
		throw new InputError(
			`Target Aspect Ratio: ${aspect} at ${area} × the area would crop this ${width}×${height} image; choose a larger Area or a ratio closer to the image's`,
		);
	return { up: vertical, down: vertical, left: horizontal, right: horizontal };
}

export function prepareImageExpand(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const mode = String(ctx.getNodeParameter('expandBy', i, 'sides'));
	const given = (ctx.getNodeParameter('ratios', i, {}) ?? {}) as IDataObject;
	const body: IDataObject = { image: '' };
	// To an aspect ratio, the ratios follow the image's size, known once its bytes are read.
	for (const side of SIDES)
		body[`${side}_expansion_ratio`] = mode === 'sides' ? Number(given[side] ?? 0) : 0;
	setIfGiven(body, 'prompt', ctx.getNodeParameter('prompt', i, ''));
	if (options.numberOfImages !== undefined) body.n = Number(options.numberOfImages);
	if (options.watermark !== undefined)
		body.watermark_info = { enabled: Boolean(options.watermark) };
	applyTaskOptions(body, options);
	const slot = imageSlot(ctx, i, ctx.getNodeParameter('image', i), 'Image', ['image']);
	if (mode === 'aspect' && slot.ref.kind === 'url')
		throw new InputError(
			"Expand By: To an Aspect Ratio needs the image's size, so give it as a binary field or Base64; with a URL, choose Ratio per Side",
		);
	const context =
		mode === 'aspect'
			? {
					aspect: String(ctx.getNodeParameter('targetAspectRatio', i, '16:9')),
					area: Number(ctx.getNodeParameter('area', i, 2)),
				}
			: undefined;
	return { body, media: [slot], model: '', route, context };
}

/** To an aspect ratio: the ratios from the image's own size, right before it is sent. */
export function completeImageExpand(request: PreparedRequest, body: IDataObject): void {
	const target = request.context;
	if (!target) return;
	const info = readImageInfo(Buffer.from(String(body.image), 'base64'));
	if (!info) throw new InputError('Image: its size could not be read');
	const ratios = ratiosFor(info.width, info.height, String(target.aspect), Number(target.area));
	for (const side of SIDES) body[`${side}_expansion_ratio`] = ratios[side];
}
