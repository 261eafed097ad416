import type { IDataObject } from 'n8n-workflow';

import { IMAGE_GENERATIONS_LABELS, imageGenerationsSchema } from '../../input/schemas';
import { findModel, isVideoModel } from '../../models/catalogue';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareTextToImage } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Generates images from a text prompt with Kling AI (Kling Image 3.0), optionally starting from one reference image URL. Takes about 30 seconds to 2 minutes; returns the result image URLs (images[0].url).';

const facts: ProductFacts = {
	id: 'textToImage',
	label: 'Text to Image',
	tag: 't2i',
	result: 'image',
	endpoints: {
		legacy: [
			{
				id: 'imageGenerations',
				standard: 'legacy',
				path: '/v1/images/generations',
				rules: imageGenerationsSchema,
				labels: IMAGE_GENERATIONS_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: 'kling-v3',
	safety: { externalTaskId: true, lookup: 'externalId' },
	// Per image, from text or from an image (docs/reference/kling-api.md#text-to-image).
	price: (body: IDataObject, model: string) => {
		const entry = findModel('textToImage', model);
		if (!entry || isVideoModel(entry) || entry.unpriced)
			return `Kling has published no price for ${model}`;
		const own = entry.unitsOn?.textToImage;
		const each = body.image ? own?.fromImage : own?.fromText;
		return { units: (each ?? entry.unitsPerImage.default) * Number(body.n ?? 1), pack: 'image' };
	},
};

export const textToImage: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters(facts)],
	prepare: prepareTextToImage,
	sample: { prompt: 'A glass bottle of olive oil on a marble table' },
};
