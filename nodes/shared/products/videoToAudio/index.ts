import { VIDEO_TO_AUDIO_LABELS, videoToAudioSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareVideoToAudio } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Adds sound effects and background music to a video of 3 to 20 s with Kling AI. Takes a Kling video ID (videos[0].id of an earlier Kling result) or a public video URL, and optional sound and music prompts; returns the video with its new sound (videos[0].url) and the sound alone as MP3 and WAV (audios[0].url, audios[0].wavUrl).';

const facts: ProductFacts = {
	id: 'videoToAudio',
	label: 'Video to Audio',
	tag: 'v2a',
	result: 'audio',
	endpoints: {
		legacy: [
			{
				id: 'videoToAudio',
				standard: 'legacy',
				path: '/v1/audio/video-to-audio',
				rules: videoToAudioSchema,
				labels: VIDEO_TO_AUDIO_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
	// 0.25 video units per call (docs/reference/kling-api.md#audio).
	price: () => ({ units: 0.25, pack: 'video' }),
};

export const videoToAudio: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareVideoToAudio,
	sample: { video: 'https://example.com/clip.mp4', soundEffectPrompt: 'Rain on a tin roof' },
};
