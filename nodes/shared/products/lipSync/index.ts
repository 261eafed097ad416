import { LIP_SYNC_LABELS, advancedLipSyncSchema, identifyFaceSchema } from '../../input/schemas';
import type { Endpoint, ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareLipSync } from './body';
import { completeLipSync } from './faces';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	"Makes a person in a video speak an audio (lip-sync) with Kling AI. Takes the video (a Kling video ID, videos[0].id, or a public URL, 2 to 60 s) and the audio (a public URL or the audio_id of a Kling text-to-speech result, 2 to 60 s, with its length in Audio End); uses the video's first face; takes several minutes; returns the video URL (videos[0].url).";

/** The synchronous call that finds the faces a lip-sync can use (0.05 units per call). */
export const identifyFace: Endpoint = {
	id: 'identifyFace',
	standard: 'legacy',
	path: '/v1/videos/identify-face',
	rules: identifyFaceSchema,
	labels: LIP_SYNC_LABELS,
};

/**
 * 0.05 units for the identification, then 0.5 per 5 s of the video (docs/reference/kling-api.md#lip-sync),
 * which the node cannot measure: the estimate is for the longest video Kling takes, 60 s.
 */
const price = () => ({ units: 6.05, pack: 'video' as const });

const facts: ProductFacts = {
	id: 'lipSync',
	label: 'Lip-Sync',
	tag: 'ls',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'lipSync',
				standard: 'legacy',
				path: '/v1/videos/advanced-lip-sync',
				rules: advancedLipSyncSchema,
				labels: LIP_SYNC_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	// Kling documents no read by external task ID here: an uncertain create is never sent again.
	safety: { externalTaskId: true, lookup: 'taskId' },
	price,
};

export const lipSync: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	otherEndpoints: [identifyFace],
	prepare: prepareLipSync,
	complete: async (call, request, body) => await completeLipSync(identifyFace, call, request, body),
	sample: {
		video: 'video-sample-v1-6',
		audio: 'https://example.com/voice-4s.mp3',
		options: { audioEnd: 4 },
	},
};
