import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingVideoToAudio } from '../../../nodes/KlingVideoToAudio/KlingVideoToAudio.node.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { madeVideo, POLLING } from '../../support/params.mts';

/**
 * Video to audio (docs/reference/kling-api.md#audio) through the node against the emulator's rules
 * from the doc: an earlier Kling video by its video ID, or a URL; the result's video and its sound
 * as MP3 and WAV binaries.
 */
const node = new KlingVideoToAudio();
const CLIP = 'https://cdn.example.com/clip.mp4';

describe('Video to Audio', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, items = [{ json: {} }]) => {
		const c = makeContext({
			params: { ...POLLING, ...params },
			items,
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};

	it('chains by the video ID of an earlier Kling video: video_id sent, MP4, MP3 and WAV out', async () => {
		const made = await madeVideo(env.base, 'Waves at dusk');
		const videoId = String((made.json.videos as IDataObject[])[0].id);
		expect(videoId).not.toBe(made.json.taskId);
		const out = await run({
			video: videoId,
			soundEffectPrompt: 'Waves crashing',
			bgmPrompt: 'Calm piano',
			options: { asmrMode: true },
		});
		const creates = createRequests(env.emulator);
		expect(creates[1]).toMatchObject({ path: '/v1/audio/video-to-audio' });
		const sent = env.emulator.taskBody(env.emulator.snapshot().tasks[1].id)!;
		expect(sent).toMatchObject({
			video_id: videoId,
			sound_effect_prompt: 'Waves crashing',
			bgm_prompt: 'Calm piano',
			asmr_mode: true,
		});
		expect(sent.external_task_id).toMatch(/^n8n-v2a-/);
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'videoToAudio' });
		const audio = (out[0].json.audios as IDataObject[])[0];
		expect(audio.id).toMatch(/^audio-/);
		expect(audio.wavUrl).toMatch(/audio\.wav$/);
		const binary = out[0].binary!;
		expect(binary.data.mimeType).toBe('video/mp4');
		expect(binary.data_1.mimeType).toBe('audio/mpeg');
		expect(binary.data_1_wav.mimeType).toBe('audio/wav');
	});

	it('a video URL goes as video_url', async () => {
		const out = await run({ video: CLIP, options: {} });
		expect(env.emulator.taskBody()).toMatchObject({ video_url: CLIP });
		expect(out[0].json.status).toBe('succeeded');
	});

	it.each([
		[{ video: '' }, 'Video: is empty; give a public URL or the ID of an earlier Kling video'],
		[
			{ video: CLIP, soundEffectPrompt: 'x'.repeat(201) },
			'Sound Effects Prompt: is 201 characters',
		],
		[{ video: CLIP, bgmPrompt: 'y'.repeat(201) }, 'Background Music Prompt: is 201 characters'],
		[{ video: CLIP, options: { maxUnits: 0.2 } }, 'about 0.25 video units'],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run(params)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('an unknown video ID is refused by Kling with its message (no task is made)', async () => {
		await expect(run({ video: 'video-000' })).rejects.toThrow(/video_id is invalid/);
		expect(env.emulator.snapshot().creates).toBe(0);
	});
});
