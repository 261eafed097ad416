import { multiImage2imageSchema, omniImageSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import type { ProductSpec } from '../spec';
import { prepareMultiImage2Image } from './body';
import { parameters } from './parameters';

const facts: ProductFacts = {
	id: 'multiImage2image',
	label: 'Multi-Image to Image',
	tag: 'mi2i',
	result: 'image',
	endpoints: {
		legacy: [
			{
				id: 'omniImage',
				standard: 'legacy',
				path: '/v1/images/omni-image',
				rules: omniImageSchema,
			},
			{
				id: 'multiImage2image',
				standard: 'legacy',
				path: '/v1/images/multi-image2image',
				rules: multiImage2imageSchema,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: 'kling-v3-omni',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const multiImage2image: ProductSpec = {
	...facts,
	properties: parameters(facts),
	prepare: prepareMultiImage2Image,
	sample: {
		subjectImages: { image: [{ value: 'https://example.com/a.png' }] },
		prompt: '<<<image_1>>> on a beach',
	},
};
