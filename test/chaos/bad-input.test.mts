import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { makePng } from '../../emulator/media.mts';
import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { KlingText2Video } from '../../nodes/KlingText2Video/KlingText2Video.node.ts';
import { KlingMultiImage2Image } from '../../nodes/KlingMultiImage2Image/KlingMultiImage2Image.node.ts';
import { KlingMultiImage2Video } from '../../nodes/KlingMultiImage2Video/KlingMultiImage2Video.node.ts';
import { binaryItem, legacyCredentials, makeContext } from '../support/context.mts';
import { PNG, PNG_B64, createRequests, useEmulator } from '../support/emulator.mts';

/**
 * Every documented limit and rule (docs/reference/kling-api.md#legacy-requests), fed through a node: the error names the field
 * and the rule in plain words, and the emulator sees no create, so nothing is charged.
 */
const nodes = {
	t2v: new KlingText2Video(),
	i2v: new KlingImage2Video(),
	mi2v: new KlingMultiImage2Video(),
	mi2i: new KlingMultiImage2Image(),
};
const defaults = {
	t2v: {
		operation: 'generate',
		model: 'kling-v2-6',
		prompt: 'A paper boat drifts down a rainy street',
		wait: 'none',
		options: {},
	},
	i2v: {
		operation: 'generate',
		model: 'kling-v2-6',
		image: 'data',
		prompt: 'A cat walks',
		wait: 'none',
		options: {},
	},
	mi2v: {
		operation: 'generate',
		model: 'kling-v1-6',
		prompt: 'Two shots',
		wait: 'none',
		images: { image: [{ value: 'data' }, { value: 'data' }] },
		options: {},
	},
	mi2i: {
		operation: 'generate',
		model: 'kling-v2-1',
		prompt: 'Dress',
		wait: 'none',
		subjectImages: { image: [{ value: 'data' }] },
		options: {},
	},
};
const bin = (data: Buffer, mimeType = 'image/png'): INodeExecutionData =>
	binaryItem(data, mimeType);
const camera = (axes: Record<string, number>) => ({
	cameraControl: {
		settings: {
			type: 'simple',
			horizontal: 0,
			vertical: 0,
			pan: 0,
			tilt: 0,
			roll: 0,
			zoom: 0,
			...axes,
		},
	},
});
const masks = (count: number, trajectories = '1,1; 2,2') => ({
	dynamicMasks: { mask: Array.from({ length: count }, () => ({ mask: PNG_B64, trajectories })) },
});
const unreadable: INodeExecutionData = {
	json: {},
	binary: {
		data: {
			id: 'filesystem-v2:workflows/1/executions/9/binary_data/gone',
			data: 'filesystem-v2',
			mimeType: 'image/png',
			fileName: 'gone.png',
			fileSize: '1 MB',
		} as IBinaryData,
	},
};

type Case = [
	name: string,
	node: keyof typeof nodes,
	params: Record<string, unknown>,
	expected: RegExp,
	items?: INodeExecutionData[],
];

const CASES: Case[] = [
	[
		'prompt longer than 2500 characters',
		'i2v',
		{ prompt: 'x'.repeat(2501) },
		/^Prompt: is 2501 characters; Kling accepts at most 2500/,
	],
	[
		'negative prompt longer than 2500 characters',
		'i2v',
		{ options: { negativePrompt: 'n'.repeat(2600) } },
		/^Negative Prompt: is 2600 characters; Kling accepts at most 2500/,
	],
	['prompt required (multi-image to video)', 'mi2v', { prompt: '' }, /^Prompt: is required/],
	['model empty', 'i2v', { model: '' }, /^Model: is empty/],
	[
		'mode outside its enum',
		'i2v',
		{ options: { mode: 'ultra' } },
		/^Mode: "ultra" is not allowed; use one of std, pro/,
	],
	[
		'duration the model does not take',
		'i2v',
		{ options: { duration: '7' } },
		/^Duration \(Seconds\): Kling 2.6 takes 5 or 10 seconds, not 7/,
	],
	[
		'CFG scale out of range',
		'i2v',
		{ options: { cfgScale: 1.5 } },
		/^CFG Scale: 1.5 is outside 0 to 1/,
	],
	[
		'camera axis out of range',
		'i2v',
		{ options: camera({ pan: 11 }) },
		/^Camera Control pan: 11 is outside -10 to 10/,
	],
	[
		'simple camera with two axes',
		'i2v',
		{ options: camera({ pan: 2, zoom: 3 }) },
		/^Camera Control: type Simple needs exactly one non-zero axis \(now pan, zoom\)/,
	],
	[
		'end frame and camera control together',
		'i2v',
		{ options: { endFrame: PNG_B64, ...camera({ pan: 2 }) } },
		/^End Frame and Camera Control: Kling allows only one of/,
	],
	[
		'more than 6 dynamic mask groups',
		'i2v',
		{ options: masks(7) },
		/^Dynamic Masks: has 7 groups; Kling accepts at most 6/,
	],
	[
		'trajectory with one point',
		'i2v',
		{ options: masks(1, '1,1') },
		/^Dynamic Masks #1 Trajectory: has 1 point\(s\); Kling needs 2 to 77/,
	],
	[
		'trajectory that is not JSON',
		'i2v',
		{ options: masks(1, '[{"x":1') },
		/^Dynamic Masks #1 Trajectory: is not a valid JSON list/,
	],
	[
		'callback URL not http(s)',
		'i2v',
		{ options: { callbackUrl: 'hooks.example.com/x' } },
		/^Callback URL: must be an http\(s\) URL/,
	],
	[
		'image empty',
		'i2v',
		{ image: '' },
		/^Image: is empty; give a public image URL, Base64 text, or a binary field name/,
	],
	[
		'data: prefix on Base64',
		'i2v',
		{ image: `data:image/png;base64,${PNG_B64}` },
		/^Image: Base64 must be sent without a "data:image\/...;base64," prefix/,
	],
	[
		'non-http URL scheme',
		'i2v',
		{ image: 'ftp://example.com/cat.png' },
		/^Image: only http and https URLs can be used/,
	],
	[
		'missing binary property',
		'i2v',
		{ image: 'photo' },
		/^Image: the input item has no binary field "photo" \(it has: data\)/,
	],
	[
		'empty binary field',
		'i2v',
		{},
		/^Image: the image is empty \(0 bytes\)/,
		[bin(Buffer.alloc(0))],
	],
	[
		'non-image binary',
		'i2v',
		{},
		/^Image: binary field "data" is text\/plain, not a JPG or PNG image/,
		[bin(Buffer.from('hello'), 'text/plain')],
	],
	[
		'bytes that are not JPG or PNG',
		'i2v',
		{},
		/^Image: the file is not a JPG or PNG image/,
		[bin(Buffer.from('GIF89a'.padEnd(200, '\0')))],
	],
	[
		'image under 300 px',
		'i2v',
		{},
		/^Image: the image is 200x200 px; Kling needs at least 300 px on each side/,
		[bin(makePng(200, 200))],
	],
	[
		'aspect ratio beyond 2.5:1',
		'i2v',
		{},
		/^Image: the aspect ratio 900:300 is outside the allowed range 1:2.5 to 2.5:1/,
		[bin(makePng(900, 300))],
	],
	[
		'image over 10 MB',
		'i2v',
		{},
		/^Image: the image is .*; Kling accepts at most 10 MB|^Image: the image is larger than 10 MB/,
		[bin(Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]))],
	],
	[
		'unreadable binary data',
		'i2v',
		{},
		/^Image: the data of binary field "data" could not be read/,
		[unreadable],
	],
	[
		'more than 4 images',
		'mi2v',
		{ images: { image: Array.from({ length: 5 }, () => ({ value: 'data' })) } },
		/^Images: has 5 images; Kling accepts at most 4/,
	],
	[
		'no images',
		'mi2v',
		{ images: { image: [] } },
		/^Images: has 0 image\(s\); this provider needs at least 1/,
	],
	[
		'aspect ratio outside its enum',
		'mi2v',
		{ options: { aspectRatio: '4:3' } },
		/^Aspect Ratio: "4:3" is not allowed; use one of 16:9, 9:16, 1:1/,
	],
	[
		'number of images above 9',
		'mi2i',
		{ options: { numberOfImages: 10 } },
		/^Number of Images: 10 is not allowed; use a whole number from 1 to 9/,
	],
];

/**
 * The 2026 catalogue's per-model rules and the new standard's bodies (docs/reference/kling-api.md#models-and-prices),
 * on the credential the case names: an API key (new standard where the model has it) or an
 * access key + secret key (legacy only).
 */
const NEW_DEFAULTS = {
	t2v: { ...defaults.t2v, model: 'kling-v3' },
	i2v: { ...defaults.i2v, model: 'kling-v3' },
	mi2v: { ...defaults.mi2v, model: 'kling-v3-omni' },
	mi2i: { ...defaults.mi2i, model: 'kling-v3-omni' },
};
const shots = (...list: Array<[string, number]>) => ({
	shots: { shot: list.map(([prompt, duration]) => ({ prompt, duration })) },
});
const refVideo = (use: string, keepOriginalSound = false) => ({
	referenceVideo: { video: { url: 'https://cdn.example.com/clip.mp4', use, keepOriginalSound } },
});
const seven = (n: number) => ({ image: Array.from({ length: n }, () => ({ value: 'data' })) });
type ModelCase = [
	name: string,
	node: keyof typeof nodes,
	params: Record<string, unknown>,
	expected: RegExp,
	auth?: 'accessKey' | 'new',
];
const MODEL_CASES: ModelCase[] = [
	[
		'duration Kling 3.0 does not take',
		'i2v',
		{ options: { duration: '20' } },
		/^Duration \(Seconds\): Kling 3\.0 takes 3 to 15 seconds, not 20/,
	],
	[
		'4K on Kling 2.6',
		'i2v',
		{ model: 'kling-v2-6', options: { mode: '4k' } },
		/^Mode: Kling 2\.6 has no 4K; it takes Standard \(720p\) or Professional \(1080p\)/,
	],
	[
		'end frame on 3.0 Turbo',
		'i2v',
		{ model: 'kling-3.0-turbo', options: { endFrame: PNG_B64 } },
		/^End Frame: Kling 3\.0 Turbo takes no end frame/,
	],
	[
		'end frame on 2.5 Turbo in Standard mode',
		'i2v',
		{ model: 'kling-v2-5-turbo', options: { endFrame: PNG_B64 } },
		/^End Frame: Kling 2\.5 Turbo takes an end frame only in Mode Professional \(1080p\)/,
	],
	[
		'end frame with sound on 2.6',
		'i2v',
		{ model: 'kling-v2-6', options: { endFrame: PNG_B64, mode: 'pro', sound: true } },
		/^End Frame: Kling 2\.6 takes an end frame only without sound/,
	],
	[
		'sound on 2.5 Turbo',
		'i2v',
		{ model: 'kling-v2-5-turbo', options: { sound: true } },
		/^Sound: Kling 2\.5 Turbo generates no sound of its own/,
	],
	[
		'sound on 2.6 below 1080p',
		'i2v',
		{ model: 'kling-v2-6', options: { sound: true } },
		/^Sound: Kling 2\.6 generates sound only in Mode Professional \(1080p\)/,
	],
	[
		'sound off on 3.0 Turbo',
		'i2v',
		{ model: 'kling-3.0-turbo', options: { sound: false } },
		/^Sound: Kling 3\.0 Turbo always generates sound/,
	],
	[
		'3.0 Turbo with an access key',
		'i2v',
		{ model: 'kling-3.0-turbo' },
		/^Model: Kling 3\.0 Turbo is served only on Kling's new API standard, and the new API standard takes an API key/,
		'accessKey',
	],
	[
		'negative prompt on the new standard',
		'i2v',
		{ options: { negativePrompt: 'blur' } },
		/^Negative Prompt: Kling's new API standard has no such setting/,
		'new',
	],
	[
		'CFG scale on the new standard',
		'i2v',
		{ options: { cfgScale: 0.4 } },
		/^CFG Scale: Kling's new API standard has no such setting/,
		'new',
	],
	[
		'camera control on the new standard',
		'i2v',
		{ options: camera({ zoom: 2 }) },
		/^Camera Control: Kling's new API standard has no such setting/,
		'new',
	],
	[
		'motion brush on the new standard',
		'i2v',
		{ options: { staticMask: PNG_B64 } },
		/^Static Mask: Kling's new API standard has no such setting/,
		'new',
	],
	[
		'prompt over 3072 on Kling 3.0',
		'i2v',
		{ prompt: 'x'.repeat(3073) },
		/^Prompt: is 3073 characters; Kling 3\.0 accepts at most 3072 on Kling's new API standard/,
	],
	[
		'prompt over 2500 on Kling 2.6 (new standard)',
		'i2v',
		{ model: 'kling-v2-6', prompt: 'x'.repeat(2501) },
		/^Prompt: is 2501 characters; Kling 2\.6 accepts at most 2500/,
	],
	[
		'prompt counted in characters, not UTF-16 units',
		'i2v',
		{ model: 'kling-v2-6', prompt: '🎬'.repeat(2501) },
		/^Prompt: is 2501 characters/,
	],
	[
		'8 reference images for 3.0 Omni',
		'mi2v',
		{ images: seven(8) },
		/^Images: has 8 images; Kling 3\.0 Omni takes at most 7/,
	],
	[
		'11 seconds on O1',
		'mi2v',
		{ model: 'kling-video-o1', options: { duration: '11' } },
		/^Duration \(Seconds\): Kling O1 takes 3 to 10 seconds, not 11/,
	],
	[
		'4K on O1',
		'mi2v',
		{ model: 'kling-video-o1', options: { mode: '4k' } },
		/^Mode: Kling O1 has no 4K/,
	],
	[
		'sound on O1',
		'mi2v',
		{ model: 'kling-video-o1', options: { sound: true } },
		/^Sound: Kling O1 generates no sound of its own/,
	],
	[
		'negative prompt on 3.0 Omni',
		'mi2v',
		{ options: { negativePrompt: 'blur' } },
		/^Negative Prompt: Kling 3\.0 Omni (takes no negative prompt|does not take this setting)/,
	],
	[
		'negative prompt on 3.0 Omni, legacy standard',
		'mi2v',
		{ options: { negativePrompt: 'blur' } },
		/^Negative Prompt: /,
		'accessKey',
	],
	['omni video without a prompt', 'mi2v', { prompt: '' }, /^Prompt: is required/],
	[
		'duration Kling 1.6 does not take',
		'mi2v',
		{ model: 'kling-v1-6', options: { duration: '7' } },
		/^Duration \(Seconds\): Kling 1\.6 .* takes 5 or 10 seconds, not 7/,
	],
	[
		'4K on Image O1',
		'mi2i',
		{ model: 'kling-image-o1', options: { resolution: '4k' } },
		/^Resolution: Kling Image O1 takes 1K or 2K, not 4K/,
	],
	[
		'Image O1 without a prompt',
		'mi2i',
		{ model: 'kling-image-o1', prompt: '' },
		/^Prompt: (is required|Kling Image O1 needs a prompt)/,
	],
	[
		'11 images for 3.0 Omni image',
		'mi2i',
		{ subjectImages: seven(11) },
		/^(Images|Subject Images): .*at most 10/,
	],
	[
		'a resolution on Kling 2.1',
		'mi2i',
		{ model: 'kling-v2-1', options: { resolution: '2k' } },
		/^Resolution: Kling 2\.1 .* (has no resolution setting|does not take this setting)/,
	],
	[
		'"auto" aspect ratio on Kling 2.1',
		'mi2i',
		{ model: 'kling-v2-1', options: { aspectRatio: 'auto' } },
		/^Aspect Ratio: "auto" is not allowed/,
	],
	// Text to Video and Kling 3.0's storyboards (docs/reference/kling-api.md#text-to-video), on both standards.
	['an empty prompt (new standard)', 't2v', { prompt: '' }, /^Prompt: is required/],
	['an empty prompt (legacy)', 't2v', { prompt: '' }, /^Prompt: is required/, 'accessKey'],
	[
		'4K on Kling 2.6 in Text to Video',
		't2v',
		{ model: 'kling-v2-6', options: { mode: '4k' } },
		/^Mode: Kling 2\.6 has no 4K/,
	],
	[
		'sound on 2.5 Turbo in Text to Video',
		't2v',
		{ model: 'kling-v2-5-turbo', options: { sound: true } },
		/^Sound: Kling 2\.5 Turbo generates no sound of its own/,
	],
	[
		'shots that do not add up to the duration (new standard)',
		't2v',
		{ options: { duration: '5', ...shots(['Wide shot of the harbour', 3], ['Close-up', 3]) } },
		/^Shots: the shots add up to 6 seconds, but Duration \(Seconds\) is 5; they must be equal/,
	],
	[
		'shots that do not add up to the duration (legacy)',
		't2v',
		{ options: { duration: '5', ...shots(['Wide shot of the harbour', 3], ['Close-up', 3]) } },
		/^Shots: the shots add up to 6 seconds, but Duration \(Seconds\) is 5/,
		'accessKey',
	],
	[
		'7 shots',
		't2v',
		{ options: shots(...Array.from({ length: 7 }, (_, n): [string, number] => [`Shot ${n}`, 2])) },
		/^Shots: has 7 shots; Kling takes 1 to 6/,
	],
	[
		'a shot without a prompt',
		't2v',
		{ options: shots(['Wide shot', 2], ['  ', 2]) },
		/^Shots #2 Prompt: is empty/,
	],
	[
		'a shot prompt over 512 characters (legacy)',
		't2v',
		{ options: shots(['x'.repeat(513), 5]) },
		/^Shots #1 Prompt: is 513 characters; Kling accepts at most 512 per shot/,
		'accessKey',
	],
	[
		'a semicolon in a shot prompt on the new standard',
		't2v',
		{ options: shots(['Rain; then sun', 5]) },
		/^Shots #1 Prompt: contains a semicolon/,
	],
	[
		'a storyboard on Kling 2.6',
		't2v',
		{ model: 'kling-v2-6', options: shots(['Wide', 5]) },
		/^Multi-Shot: Kling 2\.6 makes single-shot videos only/,
	],
	[
		'intelligent multi-shot on 3.0 Turbo',
		't2v',
		{ model: 'kling-3.0-turbo', options: { multiShot: 'intelligent' } },
		/^Multi-Shot: Kling 3\.0 Turbo has no intelligent shot splitting/,
	],
	[
		'intelligent multi-shot without a prompt',
		't2v',
		{ prompt: '', options: { multiShot: 'intelligent' } },
		/^Prompt: is required/,
		'accessKey',
	],
	[
		'a storyboard on Image to Video with Kling 2.5 Turbo',
		'i2v',
		{ model: 'kling-v2-5-turbo', options: shots(['Zoom in', 5]) },
		/^Multi-Shot: Kling 2\.5 Turbo makes single-shot videos only/,
	],
	[
		'an element ID that is not digits (new standard)',
		'i2v',
		{ options: { elements: { element: [{ id: 'grace' }] } } },
		/^Elements #1 Element ID: "grace" is not an element ID; element IDs are digits only/,
	],
	[
		'an element ID that is not digits (legacy)',
		'mi2v',
		{ options: { elements: { element: [{ id: '12' }, { id: '3.5e20' }] } } },
		/^Elements #2 Element ID: "3\.5e20" is not an element ID/,
		'accessKey',
	],
	[
		'4 elements on Kling 3.0 (Image to Video)',
		'i2v',
		{ options: { elements: { element: ['1', '2', '3', '4'].map((id) => ({ id })) } } },
		/^Elements: has 4 elements; Kling 3\.0 takes at most 3/,
	],
	[
		'an element on Kling 2.6',
		'i2v',
		{ model: 'kling-v2-6', options: { elements: { element: [{ id: '1' }] } } },
		/^Elements: Kling 2\.6 takes no elements/,
	],
	[
		'an element in Text to Video with Kling 3.0',
		't2v',
		{ options: { elements: { element: [{ id: '1' }] } } },
		/^Elements: Kling 3\.0 takes elements in Image to Video only; for Text to Video with elements choose Kling 3\.0 Omni/,
	],
	[
		'5 reference images and 3 elements on 3.0 Omni',
		'mi2v',
		{ images: seven(5), options: { elements: { element: ['1', '2', '3'].map((id) => ({ id })) } } },
		/^Elements: 5 reference images and 3 elements; Kling 3\.0 Omni takes at most 7 together/,
	],
	[
		'a voice on Kling 3.0',
		'i2v',
		{ options: { sound: true, voices: { voice: [{ id: '1' }] } } },
		/^Voices: Kling 3\.0 takes no voices; choose Kling 4\.0 or 2\.6, or on Kling 3\.0 bind the voice to an element/,
	],
	[
		'three voices on Kling 2.6',
		'i2v',
		{
			model: 'kling-v2-6',
			options: {
				sound: true,
				mode: 'pro',
				voices: { voice: [{ id: '1' }, { id: '2' }, { id: '3' }] },
			},
		},
		/^Voices: has 3 voices; Kling 2\.6 takes at most 2/,
	],
	[
		'a voice without sound on Kling 2.6 (legacy)',
		'i2v',
		{ model: 'kling-v2-6', options: { mode: 'pro', voices: { voice: [{ id: '1' }] } } },
		/^Voices: Kling 2\.6 speaks with voices only with Sound on/,
		'accessKey',
	],
	[
		'sound with a feature reference video',
		'mi2v',
		{ options: { sound: true, ...refVideo('feature') } },
		/^Sound: Kling 3\.0 Omni makes no new sound with a reference video/,
	],
	[
		'Keep Original Sound with a feature reference',
		'mi2v',
		{ options: refVideo('feature', true) },
		/^Reference Video: Keep Original Sound works only with a base video to edit/,
		'accessKey',
	],
	[
		'a duration with a base video',
		'mi2v',
		{ options: { duration: '5', ...refVideo('base') } },
		/^Duration \(Seconds\): a base video to edit keeps its own length/,
	],
	[
		'a storyboard with a base video (legacy)',
		'mi2v',
		{ options: { ...shots(['Wide', 5]), ...refVideo('base') } },
		/^Multi-Shot: is not available with a base video to edit/,
		'accessKey',
	],
	[
		'5 reference images with a reference video',
		'mi2v',
		{ images: seven(5), options: refVideo('feature') },
		/^Images: 5 reference images and elements together; Kling accepts at most 4 with a reference video|^Elements: /,
		'accessKey',
	],
	[
		'a reference video on Kling 1.6',
		'mi2v',
		{ model: 'kling-v1-6', options: refVideo('feature') },
		/^Reference Video: Kling 1\.6 .*(takes no reference video|does not take this setting)/,
		'accessKey',
	],
	[
		'a reference video that is not a URL (legacy)',
		'mi2v',
		{
			model: 'kling-video-o1',
			options: { referenceVideo: { video: { url: 'clip.mp4', use: 'feature' } } },
		},
		/^Reference Video URL: must be an http\(s\) URL/,
		'accessKey',
	],
	[
		'shots that do not add up on 3.0 Omni (legacy)',
		'mi2v',
		{ options: { duration: '10', ...shots(['Wide', 4], ['Close', 4]) } },
		/^Shots: the shots add up to 8 seconds, but Duration \(Seconds\) is 10/,
		'accessKey',
	],
];

/**
 * Kling 4.0's rules (docs/reference/kling-api.md#kling-40), checked before anything is sent: keyframes,
 * Flash's limits, durations, resolutions, prompt lengths per language, ratios, no callback URL and
 * no external task ID, the new standard only, and no price to hold a budget to.
 */
const keyframes = (n: number) => ({ frame: Array.from({ length: n }, () => ({ image: 'data' })) });
const FOUR = { model: 'kling-4.0' };
const FLASH = { model: 'kling-4.0-flash' };
const KLING_4_CASES: ModelCase[] = [
	[
		'a middle keyframe on Kling 4.0 Flash',
		'i2v',
		{ ...FLASH, options: { middleFrames: keyframes(1) } },
		/^Middle Keyframes: Kling 4\.0 Flash takes one first frame only; choose Kling 4\.0/,
	],
	[
		'9 middle keyframes on Kling 4.0',
		'i2v',
		{ ...FOUR, options: { middleFrames: keyframes(9) } },
		/^Middle Keyframes: has 9 keyframes; Kling 4\.0 takes at most 8 between the first and the end frame/,
	],
	[
		'an end frame on Kling 4.0 Flash',
		'i2v',
		{ ...FLASH, options: { endFrame: 'data' } },
		/^End Frame: Kling 4\.0 Flash takes no end frame; choose Kling 4\.0/,
	],
	[
		'middle keyframes on Kling 3.0',
		'i2v',
		{ options: { middleFrames: keyframes(1) } },
		/^Middle Keyframes: Kling 3\.0 takes no middle keyframes; choose Kling 4\.0/,
	],
	[
		'31 s on Kling 4.0',
		't2v',
		{ ...FOUR, options: { duration: '31' } },
		/^Duration \(Seconds\): Kling 4\.0 takes 3 to 30 seconds, not 31/,
	],
	[
		'25 s on Kling 4.0 Flash',
		'i2v',
		{ ...FLASH, options: { duration: '25' } },
		/^Duration \(Seconds\): Kling 4\.0 Flash takes 3 to 20 seconds, not 25/,
	],
	[
		'1080p on Kling 4.0 Flash',
		't2v',
		{ ...FLASH, options: { mode: 'pro' } },
		/^Mode: Kling 4\.0 Flash has no Professional \(1080p\); it takes Standard \(720p\)/,
	],
	[
		'4K on Kling 4.0',
		't2v',
		{ ...FOUR, options: { mode: '4k' } },
		/^Mode: Kling 4\.0 has no 4K; it takes Standard \(720p\) or Professional \(1080p\)/,
	],
	[
		'an English prompt over 26,000 characters',
		't2v',
		{ ...FOUR, prompt: 'a'.repeat(26_001) },
		/^Prompt: is 26001 characters; Kling 4\.0 accepts at most 26000/,
	],
	[
		'a Chinese prompt over 11,000 characters',
		't2v',
		{ ...FOUR, prompt: '猫'.repeat(11_001) },
		/^Prompt: is 11001 characters; Kling 4\.0 accepts at most 11000 in a language other than English/,
	],
	[
		'an aspect ratio Kling 4.0 does not take',
		't2v',
		{ ...FOUR, options: { aspectRatio: '2:3' } },
		/^Aspect Ratio: Kling 4\.0 takes 16:9, 9:16, 1:1, 21:9, 4:3, 3:4, not 2:3/,
	],
	[
		'21:9 on Kling 3.0',
		't2v',
		{ options: { aspectRatio: '21:9' } },
		/^Aspect Ratio: "21:9" is not allowed; use one of 16:9, 9:16, 1:1/,
	],
	[
		'Sound off on Kling 4.0',
		't2v',
		{ ...FOUR, options: { sound: false } },
		/^Sound: Kling 4\.0 always generates sound/,
	],
	[
		'a callback URL on Kling 4.0',
		'i2v',
		{ ...FOUR, options: { callbackUrl: 'https://hooks.example.com/kling' } },
		/^Callback URL: Kling 4\.0 calls no callback URL back; leave it empty/,
	],
	[
		'an external task ID on Kling 4.0',
		't2v',
		{ ...FOUR, options: { externalTaskId: 'order-17' } },
		/^External Task ID: Kling 4\.0 takes none/,
	],
	[
		'Kling 4.0 with an access key',
		't2v',
		FOUR,
		/^Model: Kling 4\.0 is served only on Kling's new API standard/,
		'accessKey',
	],
	[
		'11 reference images on Kling 4.0',
		'mi2v',
		{ ...FOUR, images: seven(11) },
		/^Images: has 11 images; Kling 4\.0 takes at most 10/,
	],
	[
		'a prompt naming @Image3 with two images',
		'mi2v',
		{ ...FOUR, prompt: '@Image1 meets @Image3' },
		/^Prompt: names @Image3, but this item has 2 Images/,
	],
	[
		'Keep Original Sound with a base video on Kling 4.0',
		'mi2v',
		{ ...FOUR, options: refVideo('base', true) },
		/^Reference Video: Kling 4\.0 always makes its own sound; turn Keep Original Sound off/,
	],
	[
		'6 reference videos on Kling 4.0',
		'mi2v',
		{
			...FOUR,
			options: {
				...refVideo('feature'),
				moreReferenceVideos: {
					video: Array.from({ length: 5 }, () => ({ url: 'https://cdn.example.com/c.mp4' })),
				},
			},
		},
		/^More Reference Videos: 6 reference videos in all; Kling 4\.0 takes at most 5/,
	],
	[
		'a second reference video on Kling 3.0 Omni',
		'mi2v',
		{
			options: {
				...refVideo('feature'),
				moreReferenceVideos: { video: [{ url: 'https://cdn.example.com/c.mp4' }] },
			},
		},
		/^More Reference Videos: 2 reference videos in all; Kling 3\.0 Omni takes at most 1/,
	],
	[
		'4 voices on Kling 4.0',
		'mi2v',
		{
			...FOUR,
			options: {
				voices: { voice: Array.from({ length: 4 }, () => ({ id: '930801338081615883' })) },
			},
		},
		/^Voices: has 4 voices; Kling 4\.0 takes at most 3/,
	],
	[
		'Max Units per Execution on Kling 4.0, which has no published price',
		'i2v',
		{ ...FOUR, options: { maxUnits: 100 } },
		/^Max Units per Execution: item 0 cannot be held to a budget: Kling has published no price for Kling 4\.0/,
	],
];

describe('bad input catalogue', () => {
	const env = useEmulator();

	it('two items with the same custom External Task ID: the run is refused before sending, naming both', async () => {
		const c = makeContext({
			params: { ...NEW_DEFAULTS.i2v, options: { externalTaskId: 'campaign-7' } },
			items: [bin(PNG), bin(PNG), bin(PNG)],
			credentials: legacyCredentials(env.base),
		});
		const error = await nodes.i2v.execute.call(c.ctx).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/^External Task ID: items 0 and 1 both use "campaign-7"/);
		expect(error?.description).toMatch(/Nothing was sent to Kling/);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('a run above Max Units per Execution is refused with its estimate, before sending', async () => {
		// Kling 3.0, 10 s at 1080p with sound: 1.2 units a second (docs/reference/kling-api.md#models-and-prices).
		const c = makeContext({
			params: {
				...NEW_DEFAULTS.i2v,
				model: 'kling-v3',
				options: { duration: '10', mode: 'pro', sound: true, maxUnits: 30 },
			},
			items: [bin(PNG), bin(PNG), bin(PNG)],
			credentials: legacyCredentials(env.base),
		});
		const error = await nodes.i2v.execute.call(c.ctx).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe(
			'Max Units per Execution: this run would cost about 36 video units (3 task(s)), above the limit of 30',
		);
		expect(error?.description).toMatch(
			/^Estimated from Kling's price list, per item: item 0: 12, item 1: 12, item 2: 12\./,
		);
		expect(error?.description).toMatch(/Nothing was sent to Kling, so nothing was charged/);
		expect(createRequests(env.emulator)).toHaveLength(0);

		// At the limit the run goes ahead, and each item says what Kling deducted.
		const ok = makeContext({
			params: {
				...NEW_DEFAULTS.i2v,
				model: 'kling-v3',
				options: { duration: '10', mode: 'pro', sound: true, maxUnits: 36 },
			},
			items: [bin(PNG), bin(PNG), bin(PNG)],
			credentials: legacyCredentials(env.base),
		});
		const [items] = await nodes.i2v.execute.call(ok.ctx);
		expect(items.map((i) => i.json.status)).toEqual(['submitted', 'submitted', 'submitted']);
	});

	it('a model with no price cannot be held to Max Units per Execution, and says so', async () => {
		const c = makeContext({
			params: { ...NEW_DEFAULTS.i2v, model: 'kling-v9-future', options: { maxUnits: 100 } },
			items: [bin(PNG)],
			credentials: legacyCredentials(env.base),
		});
		await expect(nodes.i2v.execute.call(c.ctx)).rejects.toThrow(
			/^Max Units per Execution: item 0 cannot be held to a budget: the model is not in the catalogue/,
		);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('prompts are counted in characters, as Kling does: 1,300 emoji (2,600 UTF-16 units) pass', async () => {
		const c = makeContext({
			params: { ...defaults.i2v, prompt: '🎬'.repeat(1300) },
			items: [bin(PNG)],
			credentials: legacyCredentials(env.base),
		});
		const [[item]] = await nodes.i2v.execute.call(c.ctx);
		expect(item.json.status).toBe('submitted');
		const over = makeContext({
			params: { ...defaults.i2v, prompt: '🎬'.repeat(2501) },
			items: [bin(PNG)],
			credentials: legacyCredentials(env.base),
		});
		await expect(nodes.i2v.execute.call(over.ctx)).rejects.toThrow(
			/^Prompt: is 2501 characters; Kling accepts at most 2500/,
		);
		expect(createRequests(env.emulator)).toHaveLength(1);
	});

	it('unpadded Base64 is accepted and sent padded (Kling refuses a length not in fours)', async () => {
		const image = makePng(400, 400, 5).toString('base64');
		const bare = image.replace(/=+$/, '');
		expect(bare.length % 4).not.toBe(0);
		const c = makeContext({
			params: { ...NEW_DEFAULTS.i2v, image: bare },
			items: [{ json: {} }],
			credentials: legacyCredentials(env.base),
		});
		const [[item]] = await nodes.i2v.execute.call(c.ctx);
		expect(item.json.status).toBe('submitted');
		// The emulator, like Kling, refuses Base64 whose length is not a multiple of 4.
		expect(env.emulator.taskBody()!.image).toBe(image);
	});

	it.each([...MODEL_CASES, ...KLING_4_CASES])(
		'%s: names the field, the model and the rule, sends nothing',
		async (_name, kind, params, expected, auth) => {
			const credentials =
				auth === 'accessKey'
					? legacyCredentials(env.base, {
							apiStandard: 'auto',
							authMode: 'accessKey',
							accessKey: 'emulator-access-key',
							secretKey: 'emulator-secret-key',
						})
					: { ...legacyCredentials(env.base), apiStandard: auth === 'new' ? 'new' : 'auto' };
			const c = makeContext({
				params: { ...NEW_DEFAULTS[kind], ...params },
				items: [bin(PNG)],
				credentials,
			});
			const error = await nodes[kind].execute.call(c.ctx).then(
				() => undefined,
				(e: Error & { description?: string }) => e,
			);
			expect(error?.message).toMatch(expected);
			expect(error?.description).toMatch(/Nothing was sent to Kling, so nothing was charged/);
			expect(createRequests(env.emulator)).toHaveLength(0);
		},
	);

	it.each(CASES)(
		'%s: names the field and the rule, sends nothing',
		async (_name, kind, params, expected, items) => {
			const c = makeContext({
				params: { ...defaults[kind], ...params },
				items: items ?? [bin(PNG)],
				credentials: legacyCredentials(env.base),
				nodeType: `n8n-nodes-kling.${kind}`,
			});
			const error = await nodes[kind].execute.call(c.ctx).then(
				() => undefined,
				(e: Error & { description?: string }) => e,
			);
			expect(error?.message).toMatch(expected);
			expect(error?.description).toMatch(/Nothing was sent to Kling, so nothing was charged/);
			expect(createRequests(env.emulator)).toHaveLength(0);
		},
	);

	it('one bad item holds back the whole run: nothing is sent for the good ones either', async () => {
		const c = makeContext({
			params: (i) => ({ ...defaults.i2v, prompt: i === 2 ? 'x'.repeat(3000) : 'fine' }),
			items: [bin(PNG), bin(PNG), bin(PNG)],
			credentials: legacyCredentials(env.base),
		});
		await expect(nodes.i2v.execute.call(c.ctx)).rejects.toThrow(/^Prompt: is 3000 characters/);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
