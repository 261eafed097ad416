import { VIDEO_EXTEND_LABELS, videoExtendSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareVideoExtend } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Extends a Kling video by 4 to 5 seconds with Kling AI. Takes the video ID of an earlier Kling result (videos[0].id); Kling documents this only for videos of its retired 1.x models, so it may refuse newer ones. Returns the longer video (videos[0].url) and its new ID.';

/** Kling's refusal, turned into what a workflow builder can do instead. */
const MODERN_ROUTE =
	'Kling documents Video Extend only for videos made by its retired 1.x models, and refuses newer ones. To continue a newer clip, use Kling Multi-Image to Video with Kling 3.0 Omni, the clip as Reference Video (Use As: Feature Reference) and a prompt for the next shot.';

const facts: ProductFacts = {
	id: 'videoExtend',
	label: 'Video Extend',
	tag: 'ext',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'videoExtend',
				standard: 'legacy',
				path: '/v1/videos/video-extend',
				rules: videoExtendSchema,
				labels: VIDEO_EXTEND_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
	price: () =>
		"Kling's price list of 2026 has no price for Video Extend (docs/reference/kling-api.md#video-extend)",
	refusal: MODERN_ROUTE,
};

export const videoExtend: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareVideoExtend,
	// Every emulated account has made this Kling 1.6 video (emulator/server.mts SAMPLE_RESULTS).
	sample: { video: 'video-sample-v1-6' },
};
