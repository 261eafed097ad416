import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { applyTaskOptions, getOptions, imageSlot } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';
import { DROPPED_SCENES, DUAL_SCENES, RETIRED_SCENES, SINGLE_SCENES } from './scenes';

const CURRENT = [...SINGLE_SCENES, ...DUAL_SCENES];

/** Current scenes that share a word with a retired one (kiss → kiss_pro, snow_night_kiss, …). */
function alike(scene: string): string[] {
	const words = scene.split('_').filter((w) => w.length > 2 && !/^\d+$/.test(w));
	const found = CURRENT.filter((s) => words.some((w) => s.split('_').includes(w)));
	return (found.length ? found : CURRENT).slice(0, 8);
}

/** A scene Kling has retired is refused with its date and the current scenes like it. */
function checkScene(scene: string): void {
	const retired = RETIRED_SCENES[scene];
	const dropped = DROPPED_SCENES.includes(scene);
	if (!retired && !dropped) return;
	const when = retired
		? `was retired by Kling on ${retired.date}${retired.instead ? `; use ${retired.instead}` : ''}`
		: "is no longer in Kling's list of scenes (2026-09-20)";
	throw new InputError(
		`Scene: "${scene}" ${when}. Current scenes like it: ${alike(scene).join(', ')} (the Scene list has all ${CURRENT.length})`,
	);
}

/** Extra fields for `input`, for a scene that still wants them (an older scene's `duration`). */
function extraInput(options: IDataObject): IDataObject {
	const given = options.extraInput;
	if (given && typeof given === 'object' && !Array.isArray(given)) return given as IDataObject;
	const text = String(given ?? '').trim();
	if (!text) return {};
	try {
		const parsed: unknown = JSON.parse(text);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
			return parsed as IDataObject;
	} catch {
		// Reported below, with what to write.
	}
	throw new InputError('Extra Input Fields: must be a JSON object, e.g. {"duration": "5"}');
}

export function prepareEffects(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const scene = String(ctx.getNodeParameter('scene', i, '') ?? '').trim();
	checkScene(scene);
	const dual = DUAL_SCENES.includes(scene);
	const second = String(ctx.getNodeParameter('secondImage', i, '') ?? '').trim();
	if (dual && !second)
		throw new InputError(`Second Image: the scene "${scene}" takes two images (left and right)`);
	const first = imageSlot(
		ctx,
		i,
		ctx.getNodeParameter('image', i),
		'Image',
		dual ? ['input', 'images', 0] : ['input', 'image'],
	);
	const media = dual
		? [first, imageSlot(ctx, i, second, 'Second Image', ['input', 'images', 1])]
		: [first];
	const body: IDataObject = {
		effect_scene: scene,
		input: { ...extraInput(options), ...(dual ? { images: ['', ''] } : {}) },
	};
	applyTaskOptions(body, options);
	return { body, media, model: '', route };
}
