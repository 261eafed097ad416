import type { ProductFacts } from '../../models/product';
import type { ProductSpec } from '../spec';
import { prepareText2Video } from './body';
import { parameters } from './parameters';

const facts: ProductFacts = {
	id: 'text2video',
	label: 'Text to Video',
	tag: 't2v',
	result: 'video',
	// Omni (Kling 3.0 Omni) without images serves text to video on omni-video.
	routes: {
		fallback: { legacy: 'text2video', new: 'text-to-video' },
		lookup: ['text2video', 'omniVideo'],
	},
	defaultModel: 'kling-v3',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const text2video: ProductSpec = {
	...facts,
	properties: parameters(facts),
	prepare: prepareText2Video,
	sample: { prompt: 'A paper boat drifts down a rainy street' },
};
