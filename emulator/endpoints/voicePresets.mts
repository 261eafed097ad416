/**
 * `GET /v1/general/presets-voices` (docs/reference/kling-api.md#elements-and-voices): Kling's
 * preset voices, only listed; a create there is refused.
 */
import type { EndpointSpec } from '../rules.mts';

const PRESET_VOICES = [
	['930801338081615001', 'Calm Narrator'],
	['930801338081615002', 'Bright Host'],
].map(([id, name]) => ({
	task_id: `preset-${id}`,
	task_status: 'succeed',
	task_result: {
		voices: [
			{
				voice_id: id,
				voice_name: name,
				trial_url: `https://cdn.example.com/voices/${id}.mp3`,
				owned_by: 'kling',
			},
		],
	},
}));

export const endpoint: EndpointSpec = {
	key: 'voicePresets',
	standard: 'legacy',
	paths: ['general/presets-voices'],
	result: 'voice',
	presets: PRESET_VOICES,
};
