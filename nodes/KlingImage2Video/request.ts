import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { InputError } from '../shared/input/images';
import { checkEnum, commonBody, getOptions, imageSlot } from '../shared/input/request';
import type { ImageSlot, PreparedRequest } from '../shared/input/types';
import { CAMERA_AXES, CAMERA_TYPES } from '../shared/input/schemas';

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
	if (points.some((p) => !Number.isInteger(p.x) || !Number.isInteger(p.y))) {
		throw new InputError(`${field}: every point needs whole-number x and y pixel coordinates`);
	}
	if (points.length < 2 || points.length > 77) {
		throw new InputError(`${field}: has ${points.length} point(s); Kling needs 2 to 77`);
	}
	return points;
}

export function prepareImage2Video(ctx: IExecuteFunctions, i: number): PreparedRequest {
	const options = getOptions(ctx, i);
	const body = commonBody(ctx, i, options, false);
	const images: ImageSlot[] = [
		imageSlot(ctx, i, ctx.getNodeParameter('image', i, ''), 'Image', ['image']),
	];

	const mode = checkEnum(options.mode, 'Mode', ['std', 'pro']);
	if (mode) body.mode = mode;
	const duration = checkEnum(options.duration, 'Duration (Seconds)', ['5', '10']);
	if (duration) body.duration = duration;
	if (options.cfgScale !== undefined) {
		const cfg = Number(options.cfgScale);
		if (!(cfg >= 0 && cfg <= 1))
			throw new InputError(`CFG Scale: ${options.cfgScale} is outside 0 to 1`);
		body.cfg_scale = cfg;
	}
	if (options.sound !== undefined) body.sound = options.sound ? 'on' : 'off';

	const endFrame = String(options.endFrame ?? '').trim();
	const staticMask = String(options.staticMask ?? '').trim();
	const masks = ((options.dynamicMasks as IDataObject)?.mask ?? []) as IDataObject[];
	const camera = (options.cameraControl as IDataObject)?.settings as IDataObject | undefined;
	const used = [
		endFrame ? 'End Frame' : '',
		staticMask || masks.length ? 'Motion Brush (Static/Dynamic Masks)' : '',
		camera ? 'Camera Control' : '',
	].filter(Boolean);
	if (used.length > 1) {
		throw new InputError(
			`${used.join(' and ')}: Kling allows only one of End Frame, Motion Brush and Camera Control per task`,
		);
	}

	if (endFrame) images.push(imageSlot(ctx, i, endFrame, 'End Frame', ['image_tail'], false));
	if (staticMask) images.push(imageSlot(ctx, i, staticMask, 'Static Mask', ['static_mask'], false));
	if (masks.length > 6)
		throw new InputError(`Dynamic Masks: has ${masks.length} groups; Kling accepts at most 6`);
	if (masks.length) {
		body.dynamic_masks = masks.map((m, n) => ({
			trajectories: parseTrajectory(m.trajectories, `Dynamic Masks #${n + 1} Trajectory`),
		}));
		masks.forEach((m, n) =>
			images.push(
				imageSlot(
					ctx,
					i,
					m.mask,
					`Dynamic Masks #${n + 1} Mask Image`,
					['dynamic_masks', n, 'mask'],
					false,
				),
			),
		);
	}
	if (camera) {
		const type = checkEnum(camera.type ?? 'simple', 'Camera Control Type', CAMERA_TYPES)!;
		body.camera_control = { type };
		if (type === 'simple') {
			const config: IDataObject = {};
			for (const axis of CAMERA_AXES) {
				const value = Number(camera[axis] ?? 0);
				if (!(value >= -10 && value <= 10))
					throw new InputError(`Camera Control ${axis}: ${camera[axis]} is outside -10 to 10`);
				config[axis] = value;
			}
			const nonZero = CAMERA_AXES.filter((a) => config[a] !== 0);
			if (nonZero.length !== 1) {
				throw new InputError(
					`Camera Control: type Simple needs exactly one non-zero axis (now ${nonZero.length ? nonZero.join(', ') : 'none'})`,
				);
			}
			(body.camera_control as IDataObject).config = config;
		}
	}
	return { body, images, model: String(body.model_name) };
}
