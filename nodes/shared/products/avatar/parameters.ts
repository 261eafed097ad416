import type { INodeProperties } from 'n8n-workflow';

import {
	audioProperty,
	getTaskProperties,
	imageProperty,
	modeOption,
	operationProperty,
	optionsCollection,
	taskParameters,
	promptProperty,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';

export const parameters: INodeProperties[] = [
	operationProperty('Make the person in an image speak an audio'),
	...imageProperty('image', 'Image'),
	...audioProperty(
		'What the person says, 2 s to 5 min: a binary field (e.g. data), an https URL or Base64 of an MP3, WAV, M4A or AAC file (at most 5 MB), or the audio ID of a Kling text-to-speech result',
	),
	...promptProperty(false, 'e.g. She smiles and nods while speaking, the camera slowly pushes in'),
	...getTaskProperties,
	// Kling: "10 minutes or more" per video.
	...waitProperties(60, 20),
	optionsCollection([
		...taskParameters(),
		{
			...modeOption,
			description:
				'Standard (720p, 0.4 units per second) or Professional (1080p, 0.8 units per second)',
			options: (modeOption.options ?? []).filter((o) => 'value' in o && o.value !== '4k'),
		},
		watermarkOption,
	]),
];
