import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingLipSyncOneShot } from '../../../nodes/KlingLipSyncOneShot/KlingLipSyncOneShot.node.ts';
import { makeMp3 } from '../../../emulator/media.mts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';
import { PROVIDER_CASES } from '../../support/providers.mts';

const COMETAPI_RELAY = PROVIDER_CASES.find((p) => p.id === 'cometapi')!.relay!;

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

describe('Lip-Sync One-Shot on a relay that runs it on the parent task', () => {
	const env = useEmulator({ relay: { ...COMETAPI_RELAY } });
	const run = async (params: IDataObject) => {
		const c = makeContext({
			params: {
				...POLLING,
				speak: 'text',
				text: 'Hi!',
				language: 'en',
				voice: 'AOT',
				options: {},
				...params,
			},
			items: [{ json: {} }],
			credentials: PROVIDER_CASES.find((p) => p.id === 'cometapi')!.credentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('sends input.task_id with a video ID, which the relay checks', async () => {
		const out = await run({ video: 'video-sample-v1-6', parentTaskId: 'task-sample-v1-6' });
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/kling/v1/videos/lip-sync' });
		expect(env.emulator.taskBody()!.input).toMatchObject({
			video_id: 'video-sample-v1-6',
			task_id: 'task-sample-v1-6',
		});
		expect(out[0].json.status).toBe('succeeded');
	});

	it('refuses a video ID without the parent task before sending; a URL needs none', async () => {
		await expect(run({ video: 'video-sample-v1-6' })).rejects.toThrow(
			'Parent Task ID: CometAPI needs the task ID of the node that made the video',
		);
		expect(createRequests(env.emulator)).toHaveLength(0);
		await run({ video: 'https://cdn.example.com/clip.mp4' });
		expect(env.emulator.taskBody()!.input).not.toHaveProperty('task_id');
	});
});
