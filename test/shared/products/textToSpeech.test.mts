import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingTextToSpeech } from '../../../nodes/KlingTextToSpeech/KlingTextToSpeech.node.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';

/**
 * Text to speech (docs/reference/kling-api.md#audio): a synchronous call whose answer holds the
 * sound, never polled and never sent twice; its audio_id is what lip-sync and avatars take.
 */
const node = new KlingTextToSpeech();

describe('Text to Speech', () => {
	const env = useEmulator({ concurrency: 5 });
	const run = async (params: IDataObject, continueOnFail = false) => {
		const c = makeContext({
			params: { operation: 'generate', downloadResult: true, options: {}, ...params },
			items: [{ json: {} }],
			credentials: emulatorCredentials(env.base),
			continueOnFail,
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('speaks at once: one create, no status read, the MP3 and its audio_id', async () => {
		const out = await run({
			text: 'Welcome to our spring collection, made for long days outside.',
			language: 'en',
			voice: 'oversea_male1',
			options: { speed: 1.2 },
		});
		expect(createRequests(env.emulator).map((r) => r.path)).toEqual(['/v1/audio/tts']);
		expect(env.emulator.snapshot().requests.filter((r) => r.kind === 'query')).toEqual([]);
		expect(env.emulator.taskBody()).toEqual({
			text: 'Welcome to our spring collection, made for long days outside.',
			voice_id: 'oversea_male1',
			voice_language: 'en',
			voice_speed: 1.2,
		});
		const audio = (out[0].json.audios as IDataObject[])[0];
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'textToSpeech' });
		expect(audio.id).toMatch(/^audio-/);
		expect(Number(audio.duration)).toBeGreaterThan(2);
		expect(out[0].binary?.data.mimeType).toBe('audio/mpeg');
	});

	it('an uncertain call is never sent again, and says so', async () => {
		env.emulator.reset({ faults: [{ stage: 'create', kind: '5000-after-create', count: 1 }] });
		const out = await run({ text: 'Hello', language: 'en', voice: 'AOT' }, true);
		expect(out[0].json.error).toMatch(/may have been created, so it was not sent again/);
		expect(env.emulator.snapshot().createAttempts).toBe(1);
	});

	it("a voice of the other language is Kling's 1201, with its words", async () => {
		await expect(run({ text: 'Hello', language: 'zh', voice: 'AOT' })).rejects.toThrow(
			/Voice id not found/,
		);
	});

	it.each([
		[{ text: '' }, 'Text: is required'],
		[{ text: 'x'.repeat(1001) }, 'Text: is 1001 characters; Kling accepts at most 1000'],
		[{ text: 'Hi', voice: '' }, 'Voice: is empty; choose a voice or enter its ID'],
		[{ text: 'Hi', options: { speed: 2.5 } }, 'Speed: 2.5 is outside 0.8 to 2.0'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run({ language: 'en', voice: 'AOT', ...params })).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
