import type { INodeProperties } from 'n8n-workflow';

import {
	forGenerate,
	getTaskProperties,
	imageProperty,
	modelProperty,
	operationProperty,
	optionsCollection,
	taskParameters,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';
import type { ProductFacts } from '../../models/product';

const URL_HINT =
	"Kling's Virtual Try-On 3.0 takes a public image URL only: JPG, PNG or WebP, longest side at most 2048 px, at most 10 MB. The older Kolors path (relays) also takes a binary field or Base64.";

/** An image of the try-on: a URL first, since Kling's own API takes nothing else. */
const tryOnImage = (name: string, displayName: string, lead: string): INodeProperties[] =>
	imageProperty(name, displayName).map((p) => ({
		...p,
		default: p.default === 'data' ? '' : p.default,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description: `${lead} ${URL_HINT}`,
		hint: undefined,
	}));

/** Try-On 3.0 alone keeps or changes these; each is on unless switched off. */
const keep = (name: string, displayName: string, what: string): INodeProperties =>
	forGenerate({
		displayName,
		name,
		type: 'boolean',
		default: true,
		description: `Whether to keep the person's ${what} (Virtual Try-On 3.0 only)`,
		displayOptions: { show: { '/model': ['virtual-try-on-3.0'] } },
	});

export const parameters = (product: ProductFacts): INodeProperties[] => [
	operationProperty('Put a garment on a person in a photo'),
	modelProperty(product),
	...tryOnImage(
		'personImage',
		'Person Image',
		'One person, seen from the front or at three quarters.',
	),
	...tryOnImage(
		'garmentImage',
		'Garment Image',
		'The clothing (top, bottom or dress; no shoes, bags or accessories): flat-lay, on a mannequin, worn, or on white.',
	),
	...getTaskProperties,
	...waitProperties(5, 3),
	optionsCollection([
		keep('keepBackground', 'Keep Background', 'background (off: a new one that matches)'),
		keep('keepFace', 'Keep Face', 'face, expression and hair'),
		keep('keepPose', 'Keep Pose', 'pose, orientation and position'),
		...taskParameters(),
		watermarkOption,
	]),
];
