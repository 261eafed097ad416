import { LIP_SYNC_ONE_SHOT_LABELS, lipSyncOneShotSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareLipSyncOneShot } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	"Makes the person in a short video (2 to 10 s; a Kling video ID or a public URL) say a text of up to 120 characters in one of Kling's voices, or lip-sync an audio URL, with Kling AI's older one-shot lip-sync. Takes several minutes; returns the video URL (videos[0].url).";

const facts: ProductFacts = {
	id: 'lipSyncOneShot',
	label: 'Lip-Sync One-Shot',
	tag: 'ls1',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'lipSyncOneShot',
				standard: 'legacy',
				path: '/v1/videos/lip-sync',
				rules: lipSyncOneShotSchema,
				labels: LIP_SYNC_ONE_SHOT_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	// Its documented body has no external task ID [?]: read by task ID only, never sent twice.
	safety: { externalTaskId: false, lookup: 'taskId' },
	price: () =>
		"Kling's price list of 2026 has no price for the one-shot lip-sync (docs/reference/kling-api.md#lip-sync)",
};

export const lipSyncOneShot: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareLipSyncOneShot,
	// The emulator's sample video and the task that made it (emulator/server.mts SAMPLE_RESULTS).
	sample: {
		video: 'video-sample-v1-6',
		parentTaskId: 'task-sample-v1-6',
		text: 'Hello and welcome!',
	},
};
