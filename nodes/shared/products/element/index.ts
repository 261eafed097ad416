import type { ProductFacts } from '../../models/product';
import type { ProductSpec } from '../spec';
import { prepareElement } from './body';
import { properties } from './parameters';

const facts: ProductFacts = {
	id: 'element',
	label: 'Element',
	tag: 'el',
	result: 'element',
	// Legacy-shaped in both standards, with an API key or an access key.
	routes: { fallback: { legacy: 'element' }, lookup: ['element'] },
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const element: ProductSpec = {
	...facts,
	properties,
	prepare: prepareElement,
	sample: {
		elementName: 'Captain',
		elementDescription: 'A sea captain',
		frontalImage: 'https://example.com/front.png',
		referImages: { image: [{ value: 'https://example.com/side.png' }] },
	},
};
