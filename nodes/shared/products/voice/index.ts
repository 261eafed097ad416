import { voicesOf } from '../../api/task';
import { VOICE_LABELS, customVoiceSchema } from '../../input/schemas';
import type { Endpoint, ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareVoice } from './body';
import { properties } from './parameters';

/** Kling's preset voices: only listed; nothing is created there. */
const voicePresets: Endpoint = {
	id: 'voicePresets',
	standard: 'legacy',
	path: '/v1/general/presets-voices',
	rules: customVoiceSchema,
};

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Creates a Kling custom voice from a 5 to 30 second recording URL (or a Kling video ID with speech). Returns its voiceId, for the Voices option of Kling 2.6 video and for elements; about a minute.';

const facts: ProductFacts = {
	id: 'voice',
	label: 'Voice',
	tag: 'vc',
	result: 'voice',
	endpoints: {
		legacy: [
			{
				id: 'customVoice',
				standard: 'legacy',
				path: '/v1/general/custom-voices',
				rules: customVoiceSchema,
				labels: VOICE_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
	// 0.05 video units per call (docs/reference/kling-api.md#elements-and-voices).
	price: () => ({ units: 0.05, pack: 'video' }),
};

export const voice: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...properties],
	otherEndpoints: [voicePresets],
	lists: {
		presets: voicePresets,
		pick: (task, entry) => (task?.voices ?? voicesOf([entry])).map((v) => ({ ...v })),
	},
	prepare: prepareVoice,
	sample: { voiceName: 'Narrator', voiceSample: 'https://example.com/voice-12s.mp3' },
};
