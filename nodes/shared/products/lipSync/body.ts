import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { audioSlot } from '../../input/audio';
import { applyTaskOptions, getOptions, sourceVideo } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';
import { InputError } from '../../core/inputError';
import { checkAudioSpan } from './faces';

/** Advanced lip-sync's sound: 2 to 60 s (docs/reference/kling-api.md#lip-sync). */
const SOUND_SECONDS = { min: 2, max: 60 };
const VIDEO = { maxBytes: 100 * 1024 * 1024, seconds: { min: 2, max: 60 }, base64: false };

/** The video whose faces Kling identifies: `video_id` or `video_url`. */
export const videoOf = (ctx: IExecuteFunctions, i: number): IDataObject =>
	sourceVideo(ctx, i, VIDEO);

const ms = (seconds: unknown) =>
	seconds === undefined || seconds === '' ? undefined : Math.round(Number(seconds) * 1000);

/**
 * The lip-sync create in legacy terms, with the session and face left for `completeLipSync`:
 * the video's faces are identified right before it is sent.
 */
export function prepareLipSync(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const face: IDataObject = {
		face_id: '',
		sound_start_time: ms(options.audioStart) ?? 0,
		sound_end_time: 0,
		sound_insert_time: 0,
	};
	if (options.audioVolume !== undefined) face.sound_volume = Number(options.audioVolume);
	if (options.originalAudioVolume !== undefined)
		face.original_audio_volume = Number(options.originalAudioVolume);
	const body: IDataObject = { session_id: '', face_choose: [face] };
	if (options.watermark !== undefined)
		body.watermark_info = { enabled: Boolean(options.watermark) };
	applyTaskOptions(body, options);
	const audio = audioSlot(
		ctx,
		i,
		SOUND_SECONDS,
		['face_choose', 0, 'sound_file'],
		['face_choose', 0, 'audio_id'],
	);
	const endMs = ms(options.audioEnd);
	if (endMs !== undefined) checkAudioSpan(Number(face.sound_start_time), endMs);
	// Known before the paid face identification: a URL's or an ID's length cannot be read.
	if (endMs === undefined && (audio.ref.kind === 'url' || audio.ref.kind === 'klingId'))
		throw new InputError(
			'Audio End (Seconds): the node cannot tell how long this audio is (a URL or a text-to-speech ID); give its length, e.g. {{ $json.audios[0].duration }}',
		);
	const context: IDataObject = {
		video: videoOf(ctx, i),
		faceId: String(ctx.getNodeParameter('faceId', i, '') ?? '').trim(),
		endMs,
		insertMs: ms(options.insertAt),
	};
	return { body, media: [audio], model: '', route, context };
}
