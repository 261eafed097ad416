import type { IDataObject } from 'n8n-workflow';

import { AVATAR_LABELS, avatarSchema } from '../../input/schemas';
import { round, type UnitEstimate } from '../../models/estimate';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareAvatar } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Makes a talking-head video with Kling AI: the person in an image speaks an audio (2 s to 5 min). Takes the image URL and an audio URL or the audio_id of a Kling text-to-speech result; takes 10 minutes or more; returns the video URL (videos[0].url) and its Kling video ID (videos[0].id).';

/**
 * 0.4 video units per second at 720p, 0.8 at 1080p (docs/reference/kling-api.md#avatar); the
 * video is as long as its audio: the audio's own length where its bytes tell it, else the longest
 * Kling takes (300 s).
 */
function price(body: IDataObject, _model: string, seconds = 300): UnitEstimate {
	return { units: round((body.mode === 'pro' ? 0.8 : 0.4) * Math.ceil(seconds)), pack: 'video' };
}

const facts: ProductFacts = {
	id: 'avatar',
	label: 'Avatar',
	tag: 'av',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'avatar',
				standard: 'legacy',
				path: '/v1/videos/avatar/image2video',
				rules: avatarSchema,
				labels: AVATAR_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
	price,
};

export const avatar: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareAvatar,
	sample: { image: 'https://example.com/face.png', audio: 'https://example.com/voice.mp3' },
};
