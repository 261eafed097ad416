import { EFFECTS_LABELS, effectsSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareEffects } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	"Turns a photo into a short effect video with Kling AI (a scene such as 'happy_birthday', 'pet_dance' or 'hug_pro'; hug_pro, kiss_pro and the other two-person scenes take two photos). Takes the scene id and the image URL(s); takes several minutes; returns the video URL (videos[0].url).";

const facts: ProductFacts = {
	id: 'effects',
	label: 'Video Effects',
	tag: 'fx',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'effects',
				standard: 'legacy',
				path: '/v1/videos/effects',
				rules: effectsSchema,
				labels: EFFECTS_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
	price: () =>
		'Kling prices each effect on a page of its own that this package does not have (docs/reference/kling-api.md#video-effects)',
};

export const effects: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareEffects,
	sample: { scene: 'happy_birthday', image: 'https://example.com/photo.png' },
};
