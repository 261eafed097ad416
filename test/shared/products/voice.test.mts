import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingVoice } from '../../../nodes/KlingVoice/KlingVoice.node.ts';
import { makeMp3 } from '../../../emulator/media.mts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * Custom voices (docs/reference/kling-api.md#elements-and-voices): made from a 5–30 s recording
 * or a Kling video with speech, listed with Kling's presets; the voiceId feeds Kling 2.6's voices.
 */
const node = new KlingVoice();
const SAMPLE = 'https://cdn.example.com/narrator-12s.mp3';

describe('Voice', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, item: INodeExecutionData = { json: {} }) => {
		const c = makeContext({
			params: { ...POLLING, operation: 'generate', voiceName: 'Narrator', options: {}, ...params },
			items: [item],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('creates a voice from a recording URL: its voiceId and trial URL, 0.05 units', async () => {
		const out = await run({ voiceSample: SAMPLE });
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/v1/general/custom-voices' });
		expect(env.emulator.taskBody()).toEqual({
			voice_name: 'Narrator',
			voice_url: SAMPLE,
			external_task_id: expect.stringMatching(/^n8n-vc-/),
		});
		const { taskId, voiceId, voices, unitsDeducted } = out[0].json;
		expect(voiceId).toBe(taskId);
		expect(voices).toEqual([
			{
				voiceId,
				name: 'Narrator',
				trialUrl: expect.stringMatching(/audio\.mp3$/),
				ownedBy: 'account',
			},
		]);
		expect(unitsDeducted).toBe('0.05');
	});

	it('creates a voice from the ID of a Kling video, sent as video_id', async () => {
		await run({ voiceSample: 'video-sample-v1-6' });
		expect(env.emulator.taskBody()).toMatchObject({ video_id: 'video-sample-v1-6' });
	});

	it.each([
		[{ voiceName: '' }, 'Name: is required'],
		[{ voiceName: 'A name of twenty-one!' }, 'Name: is 21 characters; Kling accepts at most 20'],
		[{ voiceSample: '' }, 'Voice Sample: is empty'],
		[
			{ voiceSample: 'data' },
			'Voice Sample: Kling takes this video as a public URL, not as a binary file or Base64',
		],
		[{ voiceSample: SAMPLE, options: { maxUnits: 0.01 } }, 'about 0.05 video units'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		const recording = binaryItem(makeMp3(12), 'audio/mpeg', 'voice.mp3');
		await expect(run({ voiceSample: SAMPLE, ...params }, recording)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
