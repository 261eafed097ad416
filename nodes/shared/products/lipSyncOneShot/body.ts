import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { getOptions, mediaSlot } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';
import { videoOf } from '../lipSync/body';

/** An audio file for the one-shot lip-sync: MP3, WAV, M4A or AAC, at most 5 MB. */
const AUDIO = { maxBytes: 5 * 1024 * 1024, base64: true };

/**
 * `input{video, mode, text + voice | audio}` (docs/reference/kling-api.md#lip-sync); an audio
 * binary goes as `audio_type: file`, a URL as `audio_type: url`.
 */
export function prepareLipSyncOneShot(
	ctx: IExecuteFunctions,
	i: number,
	{ profile, route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const mode = String(ctx.getNodeParameter('speak', i, 'text'));
	const input: IDataObject = { ...videoOf(ctx, i) };
	// Relays that run it on the parent task's account name that task too.
	if (profile.parentTaskId && input.video_id) {
		const parent = String(ctx.getNodeParameter('parentTaskId', i, '') ?? '').trim();
		if (!parent)
			throw new InputError(
				`Parent Task ID: ${profile.label} needs the task ID of the node that made the video (e.g. {{ $json.taskId }}) beside its video ID`,
			);
		input.task_id = parent;
	}
	const body: IDataObject = { input };
	const callbackUrl = String(options.callbackUrl ?? '').trim();
	if (callbackUrl) body.callback_url = callbackUrl;
	if (mode === 'text') {
		Object.assign(input, {
			mode: 'text2video',
			text: String(ctx.getNodeParameter('text', i, '') ?? ''),
			voice_id: String(ctx.getNodeParameter('voice', i, '') ?? '').trim(),
			voice_language: String(ctx.getNodeParameter('language', i, 'en')),
		});
		if (options.speed !== undefined) input.voice_speed = Number(options.speed);
		return { body, media: [], model: '', route };
	}
	input.mode = 'audio2video';
	const audio = mediaSlot(
		ctx,
		i,
		{ value: ctx.getNodeParameter('audio', i), field: 'Audio', kind: 'audio', rules: AUDIO },
		['input', 'audio_file'],
	);
	const url = audio.ref.kind === 'url';
	input.audio_type = url ? 'url' : 'file';
	return {
		body,
		media: [{ ...audio, path: ['input', url ? 'audio_url' : 'audio_file'] }],
		model: '',
		route,
	};
}
