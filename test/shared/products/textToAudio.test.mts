import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingTextToAudio } from '../../../nodes/KlingTextToAudio/KlingTextToAudio.node.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/** Text to audio (docs/reference/kling-api.md#audio): a sound effect as MP3 and WAV of the length asked. */
const node = new KlingTextToAudio();

describe('Text to Audio', () => {
	const env = useEmulator();
	const run = async (params: IDataObject) => {
		const c = makeContext({
			params: { ...POLLING, options: {}, ...params },
			items: [{ json: {} }],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return { out };
	};

	it('a prompt and 7.5 s: the MP3 and the WAV, the WAV 7.5 s long', async () => {
		const { out } = await run({ prompt: 'A door creaks open', duration: 7.5 });
		expect(createRequests(env.emulator)[0]).toMatchObject({ path: '/v1/audio/text-to-audio' });
		expect(env.emulator.taskBody()).toMatchObject({ prompt: 'A door creaks open', duration: 7.5 });
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'textToAudio' });
		const binary = out[0].binary!;
		expect(binary.data.mimeType).toBe('audio/mpeg');
		expect(binary.data_wav.mimeType).toBe('audio/wav');
		const wav = Buffer.from(binary.data_wav.data, 'base64');
		expect(wav.readUInt32LE(40) / wav.readUInt32LE(28)).toBe(7.5);
	});

	it.each([
		[{ prompt: '' }, 'Prompt: is required'],
		[{ prompt: 'x'.repeat(201) }, 'Prompt: is 201 characters; Kling accepts at most 200'],
		[
			{ prompt: 'Rain', duration: 11 },
			'Duration (Seconds): 11 is not allowed; use 3.0 to 10.0 seconds',
		],
		[{ prompt: 'Rain', duration: 4.25 }, 'Duration (Seconds): 4.25 is not allowed'],
		[{ prompt: 'Rain', options: { maxUnits: 0.2 } }, 'about 0.25 video units'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run(params)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
