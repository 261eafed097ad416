import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import {
	applyTaskOptions,
	getOptions,
	imageSlot,
	setIfGiven,
	sourceVideo,
} from '../../input/request';
import type { MediaSlot, PreparedRequest, Target } from '../../input/types';
import { selectionsOf } from './selection';

/** The source video: a Kling video or an MP4/MOV of 2–5 or 7–10 s, 720–2160 px, 24/30/60 fps. */
const VIDEO = { maxBytes: 100 * 1024 * 1024, seconds: { min: 2, max: 10 }, base64: false };

/**
 * The edit in legacy terms, with the session left for `completeVideoEdit`: the selection calls
 * are made right before the create is sent, and only once everything here has been checked.
 */
export function prepareVideoEdit(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const mode = String(ctx.getNodeParameter('editMode', i, 'removal'));
	const body: IDataObject = {
		session_id: '',
		edit_mode: mode,
		prompt: String(ctx.getNodeParameter('prompt', i, '') ?? ''),
	};
	setIfGiven(body, 'negative_prompt', options.negativePrompt);
	setIfGiven(body, 'mode', options.mode);
	setIfGiven(body, 'duration', options.duration);
	if (options.watermark !== undefined)
		body.watermark_info = { enabled: Boolean(options.watermark) };
	applyTaskOptions(body, options);
	const media: MediaSlot[] = [];
	if (mode !== 'removal') {
		const images = [ctx.getNodeParameter('objectImage', i, ''), options.secondObjectImage];
		for (const value of images.filter((v) => String(v ?? '').trim() !== ''))
			media.push(
				imageSlot(ctx, i, value, `Object Image${media.length ? ' 2' : ''}`, [
					'image_list',
					media.length,
					'image',
				]),
			);
		body.image_list = media.map(() => ({}));
	}
	const rows = ((ctx.getNodeParameter('selections', i, {}) as IDataObject).frame ??
		[]) as IDataObject[];
	const selections = selectionsOf(rows);
	if (mode !== 'addition' && selections.length === 0)
		throw new InputError(
			`Object Position: ${mode === 'swap' ? 'Swap' : 'Remove'} needs the object marked on at least one frame`,
		);
	const context: IDataObject = { video: sourceVideo(ctx, i, VIDEO), selections: rows };
	return { body, media, model: '', route, context };
}
