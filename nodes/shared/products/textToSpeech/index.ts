import { AUDIO_LABELS, textToSpeechSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareTextToSpeech } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	"Speaks a text (up to 1000 characters) with one of Kling AI's voices and returns at once: the MP3 URL (audios[0].url), its length (audios[0].duration) and its audio_id (audios[0].id), which Kling's lip-sync and avatar take for 30 days.";

const facts: ProductFacts = {
	id: 'textToSpeech',
	label: 'Text to Speech',
	tag: 'tts',
	result: 'audio',
	endpoints: {
		legacy: [
			{
				id: 'textToSpeech',
				standard: 'legacy',
				path: '/v1/audio/tts',
				rules: textToSpeechSchema,
				labels: AUDIO_LABELS,
			},
		],
		new: [],
	},
	// Its answer holds the sound: nothing to wait for, nothing to look up, never sent twice.
	call: 'sync',
	defaultModel: '',
	safety: { externalTaskId: false, lookup: 'none' },
	// 0.05 video units per call (docs/reference/kling-api.md#audio).
	price: () => ({ units: 0.05, pack: 'video' }),
};

export const textToSpeech: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareTextToSpeech,
	sample: { text: 'Welcome to our spring collection.' },
};
