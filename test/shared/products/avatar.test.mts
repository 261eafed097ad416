import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingAvatar } from '../../../nodes/KlingAvatar/KlingAvatar.node.ts';
import { makeWav } from '../../../emulator/media.mts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, PNG, PNG_B64, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * Avatar (docs/reference/kling-api.md#avatar) through the node against the emulator's rules from
 * the doc: a portrait and a sound (file or text-to-speech ID), the price by the sound's length.
 */
const node = new KlingAvatar();
const withVoice = (seconds: number): INodeExecutionData => ({
	json: {},
	binary: {
		...binaryItem(PNG).binary,
		...binaryItem(makeWav(seconds), 'audio/wav', 'voice.wav', 'voice').binary,
	},
});

describe('Avatar', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, item = withVoice(6)) => {
		const c = makeContext({
			params: { ...POLLING, image: 'data', audio: 'voice', ...params },
			items: [item],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('a portrait and a WAV from the item: image and sound_file as Base64, a video as long as the sound', async () => {
		const out = await run({ prompt: 'She nods', options: { mode: 'pro', maxUnits: 5 } });
		expect(createRequests(env.emulator)[0]).toMatchObject({
			path: '/v1/videos/avatar/image2video',
		});
		const sent = env.emulator.taskBody()!;
		expect(sent).toMatchObject({ image: PNG_B64, prompt: 'She nods', mode: 'pro' });
		expect(Buffer.from(String(sent.sound_file), 'base64').toString('latin1', 0, 4)).toBe('RIFF');
		expect(sent.audio_id).toBeUndefined();
		expect(out[0].json).toMatchObject({
			status: 'succeeded',
			endpoint: 'avatar',
			apiStandard: 'legacy',
		});
		expect((out[0].json.videos as IDataObject[])[0].duration).toBe('6.1');
		expect(out[0].binary?.data.mimeType).toBe('video/mp4');
	});

	it('an audio URL goes as sound_file as given', async () => {
		await run({ audio: 'https://cdn.example.com/voice-4s.mp3' });
		expect(env.emulator.taskBody()).toMatchObject({
			sound_file: 'https://cdn.example.com/voice-4s.mp3',
		});
	});

	it.each([
		[{}, withVoice(1), 'Audio: the audio is 1.0 s long; Kling takes 2 to 300 s'],
		[{ options: { maxUnits: 2 } }, withVoice(6), 'about 2.4 video units'],
		[
			{ audio: 'https://cdn.example.com/v.mp3', options: { maxUnits: 100 } },
			withVoice(6),
			'about 120 video units',
		],
		[
			{ prompt: 'x'.repeat(2501) },
			withVoice(6),
			'Prompt: is 2501 characters; Kling accepts at most 2500',
		],
		[{ image: '' }, withVoice(6), 'Image: is empty; give a public image URL'],
	])('refuses bad input before anything is sent: %#', async (params, item, message) => {
		await expect(run(params, item)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('a text-to-speech ID goes as audio_id; an ID Kling never gave is refused by Kling, nothing is made', async () => {
		// Kling's answer names the field the node sent the ID in.
		await expect(run({ audio: 'audio-0001' })).rejects.toThrow(/audio_id is invalid/);
		expect(createRequests(env.emulator)).toHaveLength(1);
		expect(env.emulator.snapshot().creates).toBe(0);
	});
});
