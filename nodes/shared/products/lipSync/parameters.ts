import type { INodeProperties } from 'n8n-workflow';

import {
	audioProperty,
	forGenerate,
	getTaskProperties,
	optionsCollection,
	taskParameters,
	videoProperty,
	waitProperties,
	watermarkOption,
} from '../../description/parameters';
import { generate } from '../../description/show';

const identify = { show: { operation: ['identifyFaces'] } };

const seconds = (displayName: string, name: string, description: string): INodeProperties =>
	forGenerate({
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 0,
		description,
	});

const volume = (displayName: string, name: string, description: string): INodeProperties =>
	forGenerate({
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 1 },
		default: 1,
		description,
	});

const VIDEO_HINT =
	'The video, 2 to 60 s: the ID of an earlier Kling video (e.g. {{ $json.videos[0].id }}, not the task ID) or a public MP4/MOV URL (720p or 1080p, at most 100 MB)';

export const parameters: INodeProperties[] = [
	// Written out: n8n's scanner reads an operation list only as literal entries.
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'generate',
		options: [
			{
				name: 'Lip-Sync',
				value: 'generate',
				action: 'Make a person in a video speak an audio',
				description: "Find the video's faces, then make one speak the audio (a task)",
			},
			{
				name: 'Identify Faces',
				value: 'identifyFaces',
				action: 'List the faces in a video',
				description:
					'The faces Kling can lip-sync, with when each is visible (0.05 units, no task)',
			},
			{
				name: 'Get Task',
				value: 'getTask',
				action: 'Get a task',
				description: 'Look up a lip-sync task by its task ID, and optionally wait for it',
			},
		],
	},
	...videoProperty('video', 'Video', VIDEO_HINT),
	{ ...videoProperty('video', 'Video', VIDEO_HINT)[0], displayOptions: identify },
	...audioProperty(
		'What the face says, 2 to 60 s: a binary field (e.g. data), an https URL or Base64 of an MP3, WAV, M4A or AAC file (at most 5 MB), or the audio ID of a Kling text-to-speech result',
	),
	{
		displayName: 'Face ID',
		name: 'faceId',
		type: 'string',
		default: '',
		displayOptions: generate,
		placeholder: 'The first face Kling finds',
		description:
			'Which face speaks: a face_id from Identify Faces. Empty: the first face Kling finds in the video.',
	},
	...getTaskProperties,
	// Lip-sync takes minutes (Kling: "as little as 2"); 60 s of video, longer.
	...waitProperties(30, 15),
	optionsCollection([
		seconds(
			'Audio Start (Seconds)',
			'audioStart',
			'Where in the audio to start; what comes before is cut',
		),
		seconds(
			'Audio End (Seconds)',
			'audioEnd',
			'Where in the audio to stop. Empty: the whole audio, which the node can measure for a file (binary or Base64); for a URL or a text-to-speech ID give its length, e.g. {{ $json.audios[0].duration }}.',
		),
		volume('Audio Volume', 'audioVolume', 'The new audio, from 0 to 2 (1: as it is)'),
		...taskParameters(),
		volume(
			'Original Audio Volume',
			'originalAudioVolume',
			"The video's own sound, from 0 to 2 (1: as it is)",
		),
		seconds(
			'Start in Video At (Seconds)',
			'insertAt',
			'Where the audio starts in the video. Empty: when the face first appears. It must overlap the time the face is visible by at least 2 s.',
		),
		watermarkOption,
	]),
];
