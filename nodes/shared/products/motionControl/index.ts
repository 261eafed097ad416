import { MOTION_LABELS, motionControlSchema, newMotionControlSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareMotionControl } from './body';
import { parameters } from './parameters';
import { price } from './price';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Makes the character in an image perform the motion of a reference video (motion transfer) with Kling AI. Takes the character image URL and the motion video URL (3 to 30 s); takes several minutes; returns the result video URL (videos[0].url) and its Kling video ID (videos[0].id).';

const facts: ProductFacts = {
	id: 'motionControl',
	label: 'Motion Control',
	tag: 'mc',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'motionControl',
				standard: 'legacy',
				path: '/v1/videos/motion-control',
				rules: motionControlSchema,
				labels: MOTION_LABELS,
			},
		],
		new: [
			{
				id: 'motion-control',
				standard: 'new',
				path: '/motion-control',
				rules: newMotionControlSchema,
				labels: MOTION_LABELS,
			},
		],
	},
	call: 'task',
	defaultModel: 'kling-v3',
	safety: { externalTaskId: true, lookup: 'externalId' },
	checksGeneration: false,
	price,
};

export const motionControl: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters(facts)],
	prepare: prepareMotionControl,
	sample: {
		image: 'https://example.com/character.png',
		video: 'https://example.com/dance.mp4',
	},
};
