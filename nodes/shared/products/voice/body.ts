import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { applyTaskOptions, getOptions, mediaSlot } from '../../input/request';
import type { PreparedRequest, Target } from '../../input/types';

/**
 * A custom voice: a clean voice of 5 to 30 s in an MP3, WAV, MP4 or MOV file by URL, or the ID of
 * a Kling video with speech (Kling 2.6 with sound, Avatar, Lip-Sync).
 */
export function prepareVoice(
	ctx: IExecuteFunctions,
	i: number,
	{ route }: Target,
): PreparedRequest {
	const options = getOptions(ctx, i);
	const body: IDataObject = {
		voice_name: String(ctx.getNodeParameter('voiceName', i, '') ?? ''),
	};
	applyTaskOptions(body, options);
	const sample = mediaSlot(
		ctx,
		i,
		{
			value: ctx.getNodeParameter('voiceSample', i),
			field: 'Voice Sample',
			kind: 'video',
			rules: { maxBytes: 100 * 1024 * 1024, seconds: { min: 5, max: 30 }, base64: false },
		},
		['voice_url'],
		['video_id'],
	);
	return { body, media: [sample], model: '', route };
}
