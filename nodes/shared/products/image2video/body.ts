import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { applyVideoSettings, commonBody, getOptions, imageSlot } from '../../input/request';
import { applyIdList } from '../../input/elements';
import { applyStoryboard } from '../../input/storyboard';
import type { MediaSlot, PreparedRequest, Target } from '../../input/types';
import { modelName } from '../../api/routing';
import { CAMERA_AXES } from '../../input/schemas';

function parseTrajectory(raw: unknown, field: string): Array<{ x: number; y: number }> {
	const text = String(raw ?? '').trim();
	let points: Array<{ x: number; y: number }>;
	if (text.startsWith('[')) {
		const parsed = jsonParse<Array<{ x: unknown; y: unknown }>>(text, { fallbackValue: [] });
		if (!Array.isArray(parsed) || parsed.length === 0) {
			throw new InputError(
				`${field}: is not a valid JSON list; use [{"x":1,"y":2}, …] or "x,y; x,y"`,
			);
		}
		points = parsed.map((p) => ({ x: Number(p?.x), y: Number(p?.y) }));
	} else {
		points = text
			.split(';')
			.map((p) => p.trim())
			.filter(Boolean)
			.map((p) => {
				const [x, y] = p.split(',').map((v) => Number(v.trim()));
				return { x, y };
			});
	}
	return points;
}

/** Kling's camera_control: the six axes only for type Simple. */
function cameraBody(camera: IDataObject): IDataObject {
	const type = String(camera.type ?? 'simple');
	if (type !== 'simple') return { type };
	const config = Object.fromEntries(CAMERA_AXES.map((axis) => [axis, Number(camera[axis] ?? 0)]));
	return { type, config };
}

/** Kling 4.0's keyframes between the first and the end frame, in the order they play. */
function middleFrames(ctx: IExecuteFunctions, i: number, options: IDataObject): MediaSlot[] {
	const entries = ((options.middleFrames as IDataObject)?.frame ?? []) as IDataObject[];
	return entries.map((entry, n) =>
		imageSlot(ctx, i, entry.image, `Middle Keyframes #${n + 1}`, ['image_middle', n], false),
	);
}

export function prepareImage2Video(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, false, route);
	const images: MediaSlot[] = [
		imageSlot(ctx, i, ctx.getNodeParameter('image', i, ''), 'Image', ['image']),
	];

	applyVideoSettings(body, options, route, false);
	if (options.cfgScale !== undefined) body.cfg_scale = Number(options.cfgScale);

	const middle = middleFrames(ctx, i, options);
	if (middle.length) body.image_middle = middle.map(() => '');
	images.push(...middle);
	const endFrame = String(options.endFrame ?? '').trim();
	if (endFrame) images.push(imageSlot(ctx, i, endFrame, 'End Frame', ['image_tail'], false));
	const staticMask = String(options.staticMask ?? '').trim();
	if (staticMask) images.push(imageSlot(ctx, i, staticMask, 'Static Mask', ['static_mask'], false));
	const masks = ((options.dynamicMasks as IDataObject)?.mask ?? []) as IDataObject[];
	if (masks.length) {
		body.dynamic_masks = masks.map((m, n) => ({
			trajectories: parseTrajectory(m.trajectories, `Dynamic Masks #${n + 1} Trajectory`),
		}));
		masks.forEach((m, n) => {
			const field = `Dynamic Masks #${n + 1} Mask Image`;
			images.push(imageSlot(ctx, i, m.mask, field, ['dynamic_masks', n, 'mask'], false));
		});
	}
	const camera = (options.cameraControl as IDataObject)?.settings as IDataObject | undefined;
	if (camera) body.camera_control = cameraBody(camera);
	applyStoryboard(body, options, route.entry);
	applyIdList(body, options, 'element');
	applyIdList(body, options, 'voice');
	return { body, media: images, model: modelName(route), route };
}
