import { AUDIO_LABELS, textToAudioSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareTextToAudio } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Makes a sound effect (3 to 10 s) from a short description with Kling AI, e.g. "a door creaks open, then footsteps". Returns the sound as MP3 and WAV URLs (audios[0].url, audios[0].wavUrl).';

const facts: ProductFacts = {
	id: 'textToAudio',
	label: 'Text to Audio',
	tag: 't2a',
	result: 'audio',
	endpoints: {
		legacy: [
			{
				id: 'textToAudio',
				standard: 'legacy',
				path: '/v1/audio/text-to-audio',
				rules: textToAudioSchema,
				labels: AUDIO_LABELS,
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

export const textToAudio: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareTextToAudio,
	sample: { prompt: 'A door creaks open, then footsteps on wood' },
};
