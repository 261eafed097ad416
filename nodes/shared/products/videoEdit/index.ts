import {
	VIDEO_EDIT_LABELS,
	addSelectionSchema,
	initSelectionSchema,
	videoEditSchema,
} from '../../input/schemas';
import type { Endpoint, ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareVideoEdit } from './body';
import { completeVideoEdit } from './selection';
import { parameters } from './parameters';

/** The synchronous selection calls the edit makes first (docs/reference/kling-api.md#multi-element-editing). */
const initSelection: Endpoint = {
	id: 'multiElementsInit',
	standard: 'legacy',
	path: '/v1/videos/multi-elements/init-selection',
	rules: initSelectionSchema,
};
const addSelection: Endpoint = {
	id: 'multiElementsAdd',
	standard: 'legacy',
	path: '/v1/videos/multi-elements/add-selection',
	rules: addSelectionSchema,
};

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Removes, swaps or adds an object in a Kling video (multi-element editing): the video ID or URL, the object marked by points (x,y from 0 to 1) on a frame, and a prompt naming <<<video_1>>> (and <<<image_1>>> for the new object). Takes several minutes; returns the edited video URL (videos[0].url).';

const facts: ProductFacts = {
	id: 'videoEdit',
	label: 'Video Edit',
	tag: 've',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'multiElements',
				standard: 'legacy',
				path: '/v1/videos/multi-elements',
				rules: videoEditSchema,
				labels: VIDEO_EDIT_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
	price: () => "Kling's 2026 price list has no multi-element editing",
};

export const videoEdit: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	otherEndpoints: [initSelection, addSelection],
	prepare: prepareVideoEdit,
	complete: async (call, request, body) =>
		await completeVideoEdit({ init: initSelection, add: addSelection }, call, request, body),
	sample: {
		video: 'video-sample-v1-6',
		editMode: 'removal',
		prompt: 'Delete the cup from <<<video_1>>>',
	},
};
