import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingLipSyncOneShot } from '../../../nodes/KlingLipSyncOneShot/KlingLipSyncOneShot.node.ts';
import { makeMp3 } from '../../../emulator/media.mts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * The older one-shot lip-sync (docs/reference/kling-api.md#lip-sync): a text in a Kling voice or
 * an audio, all in `input`; no external task ID, read by task ID only.
 */
const node = new KlingLipSyncOneShot();

describe('Lip-Sync One-Shot', () => {
	const env = useEmulator();
	const run = async (params: IDataObject) => {
		const c = makeContext({
			params: { ...POLLING, video: 'video-sample-v1-6', options: {}, ...params },
			items: [binaryItem(makeMp3(3), 'audio/mpeg', 'v.mp3', 'voice')],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('a text in a Kling voice: input with text2video, no external task ID', async () => {
		const out = await run({
			speak: 'text',
			text: 'Hello and welcome!',
			language: 'en',
			voice: 'uk_boy1',
			options: { speed: 1.1 },
		});
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/v1/videos/lip-sync' });
		expect(env.emulator.taskBody()).toEqual({
			input: {
				video_id: 'video-sample-v1-6',
				mode: 'text2video',
				text: 'Hello and welcome!',
				voice_id: 'uk_boy1',
				voice_language: 'en',
				voice_speed: 1.1,
			},
		});
		expect(out[0].json).toMatchObject({
			status: 'succeeded',
			endpoint: 'lipSyncOneShot',
			externalTaskId: null,
		});
	});

	it('an audio: a binary as audio_file, a URL as audio_url', async () => {
		await run({ speak: 'audio', audio: 'voice' });
		expect(env.emulator.taskBody()!.input).toMatchObject({
			mode: 'audio2video',
			audio_type: 'file',
			audio_file: makeMp3(3).toString('base64'),
		});
		await run({ speak: 'audio', audio: 'https://cdn.example.com/v.mp3' });
		expect(env.emulator.taskBody()!.input).toMatchObject({
			audio_type: 'url',
			audio_url: 'https://cdn.example.com/v.mp3',
		});
	});

	it.each([
		[
			{ speak: 'text', text: 'x'.repeat(121) },
			'Text: is 121 characters; Kling accepts at most 120',
		],
		[{ speak: 'text', text: '' }, 'Text: is required'],
		[{ speak: 'text', text: 'Hi', options: { maxUnits: 3 } }, 'no price for the one-shot lip-sync'],
		[{ speak: 'audio', audio: 'audio-sample-tts' }, 'Audio: Kling takes this audio by URL only'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run({ language: 'en', voice: 'uk_boy1', ...params })).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
