import type { INodeProperties } from 'n8n-workflow';

import type { ProductFacts } from '../../models/product';
import {
	aspectRatioOption,
	forGenerate,
	getTaskProperties,
	imageOption,
	modelProperty,
	negativePromptOption,
	numberOfImagesOption,
	operationProperty,
	optionsCollection,
	promptProperty,
	resolutionOption,
	taskParameters,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';
import { IMAGE_ASPECT_RATIOS } from '../../models/catalogue';

/** Kling Image 2.1 alone takes a reference kind and the fidelities. */
const only2_1 = (option: INodeProperties): INodeProperties => {
	const shown = forGenerate(option);
	const show = { ...shown.displayOptions?.show, '/model': ['kling-v2-1'] };
	return { ...shown, displayOptions: { ...shown.displayOptions, show } };
};

const fidelity = (name: string, displayName: string, fallback: number, what: string) =>
	only2_1({
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: fallback,
		description: `How closely the result follows ${what}, 0 to 1 (Kling's default ${fallback})`,
	});

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Generate images from a prompt, or from a prompt and an image'),
	modelProperty(product),
	...promptProperty(true, 'e.g. A glass bottle of olive oil on a marble table, soft morning light'),
	...getTaskProperties,
	...waitProperties(5, 3),
	optionsCollection([
		aspectRatioOption(IMAGE_ASPECT_RATIOS),
		fidelity(
			'humanFidelity',
			'Human Fidelity',
			0.45,
			"the person's features (with Image Reference Subject)",
		),
		fidelity('imageFidelity', 'Image Fidelity', 0.5, 'the reference image'),
		only2_1({
			displayName: 'Image Reference',
			name: 'imageReference',
			type: 'options',
			default: 'subject',
			description: 'What the reference image gives the result (needs a Reference Image)',
			options: [
				{ name: 'Subject', value: 'subject', description: "The character's features" },
				{ name: 'Face', value: 'face', description: 'The face; the image must hold exactly one' },
			],
		}),
		negativePromptOption,
		numberOfImagesOption,
		imageOption(
			'referenceImage',
			'Reference Image',
			'Image to image: the image the result starts from. Kling then takes no negative prompt.',
		),
		{
			...resolutionOption,
			description: 'Kling Image 3.0 and 2.1 make 1K or 2K images',
			options: resolutionOption.options!.slice(0, 2),
		},
		...taskParameters(),
		watermarkOption,
	]),
];
