import type { IExecuteFunctions } from 'n8n-workflow';

import { mediaSlot } from './request';
import type { MediaSlot } from './types';

/**
 * The Audio parameter of the products that make a face speak (avatar, lip-sync): a binary field,
 * an https URL or Base64 (MP3, WAV, M4A or AAC, at most 5 MB), sent as `sound_file`; or the ID of
 * a Kling text-to-speech result, sent as `audio_id` (docs/reference/kling-api.md#avatar).
 */
export function audioSlot(
	ctx: IExecuteFunctions,
	i: number,
	seconds: { min: number; max: number },
	path: Array<string | number> = ['sound_file'],
	idPath: Array<string | number> = ['audio_id'],
): MediaSlot {
	return mediaSlot(
		ctx,
		i,
		{
			value: ctx.getNodeParameter('audio', i),
			field: 'Audio',
			kind: 'audio',
			rules: { maxBytes: 5 * 1024 * 1024, seconds, base64: true },
		},
		path,
		idPath,
	);
}
