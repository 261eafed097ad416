import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingLipSync } from '../../../nodes/KlingLipSync/KlingLipSync.node.ts';
import { makeMp3 } from '../../../emulator/media.mts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';
import { madeVideo, POLLING } from '../../support/params.mts';

/**
 * Lip-sync (docs/reference/kling-api.md#lip-sync) through the node, against the emulator's rules
 * from the doc: one step (identify the faces, then the task on the first face and the whole audio),
 * Identify Faces on its own, the audio's span and overlap checked, a task found by task ID only.
 */
const node = new KlingLipSync();
const voice = (seconds: number): INodeExecutionData =>
	binaryItem(makeMp3(seconds), 'audio/mpeg', 'voice.mp3', 'voice');

describe('Lip-Sync', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, item = voice(4), extra: IDataObject = {}) => {
		const c = makeContext({
			params: { ...POLLING, audio: 'voice', options: {}, ...params },
			items: [item],
			credentials: emulatorCredentials(env.base),
			...extra,
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};
	const videoIdOf = async () =>
		String(((await madeVideo(env.base)).json.videos as IDataObject[])[0].id);

	it('one step: identifies the faces, then the first face speaks the whole MP3 (its length read from its frames)', async () => {
		const videoId = await videoIdOf();
		const out = await run({ video: videoId, options: { audioVolume: 1.5 } });
		const paths = createRequests(env.emulator).map((r) => r.path);
		expect(paths.slice(1)).toEqual(['/v1/videos/identify-face', '/v1/videos/advanced-lip-sync']);
		expect(env.emulator.snapshot().syncCalls).toBe(1);
		const sent = env.emulator.taskBody(env.emulator.snapshot().tasks[1].id)!;
		expect(sent.session_id).toMatch(/^session-/);
		const [face] = sent.face_choose as IDataObject[];
		expect(face).toMatchObject({
			face_id: '0',
			sound_start_time: 0,
			// 153 frames of 1152 samples at 44.1 kHz: 3.996 s.
			sound_end_time: 3996,
			sound_insert_time: 0,
			sound_volume: 1.5,
		});
		expect(Buffer.from(String(face.sound_file), 'base64').subarray(0, 2)).toEqual(
			Buffer.from([0xff, 0xfb]),
		);
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'lipSync' });
		expect(out[0].binary?.data.mimeType).toBe('video/mp4');
	});

	it('an audio longer than the face is visible is cut at its last moment (Kling refuses audio past the video)', async () => {
		await run({ video: 'video-sample-v1-6' }, voice(7));
		const [face] = env.emulator.taskBody()!.face_choose as IDataObject[];
		expect(face).toMatchObject({ sound_start_time: 0, sound_insert_time: 0, sound_end_time: 5000 });
	});

	it('Identify Faces: the faces with when each is visible; no task', async () => {
		const out = await run({ operation: 'identifyFaces', video: 'video-sample-v1-6' });
		expect(out[0].json).toMatchObject({
			sessionId: expect.stringMatching(/^session-/),
			faces: [{ faceId: '0', startSeconds: 0, endSeconds: 5 }],
			video_id: 'video-sample-v1-6',
		});
		expect(env.emulator.snapshot().creates).toBe(0);
	});

	it('a text-to-speech ID goes as audio_id, with the length given', async () => {
		await run({ video: 'video-sample-v1-6', audio: 'audio-sample-tts', options: { audioEnd: 4 } });
		const [face] = env.emulator.taskBody()!.face_choose as IDataObject[];
		expect(face).toMatchObject({ audio_id: 'audio-sample-tts', sound_end_time: 4000 });
		expect(face.sound_file).toBeUndefined();
	});

	it.each([
		[
			{ video: 'video-sample-v1-6', options: { insertAt: 4 } },
			'Start in Video At (Seconds): the face is visible from 0.0 s to 5.0 s; audio placed at 4.0 s overlaps it by 1.0 s',
		],
		[
			{ video: 'video-sample-v1-6', faceId: '7' },
			'Face ID: "7" is not a face Kling found in this video (it found 0)',
		],
		[
			{ video: 'https://cdn.example.com/no-face.mp4', options: { audioEnd: 3 } },
			'Video: Kling found no face to lip-sync',
		],
		[
			{ video: 'video-sample-v1-6', options: { audioEnd: 9 } },
			'Audio End (Seconds): 9.0 s is past the end of the audio (4.0 s)',
		],
	])('refuses before the task, after identifying: %#', async (params, message) => {
		const error = await run(params).then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toContain(message);
		expect(env.emulator.snapshot().creates).toBe(0);
		expect(env.emulator.snapshot().syncCalls).toBe(1);
	});

	it.each([
		[
			{ video: 'video-sample-v1-6', options: { audioStart: 1, audioEnd: 2.5 } },
			'Audio End (Seconds): the audio from 1.0 s to 2.5 s is 1.5 s; Kling needs at least 2 s',
		],
		[{ video: 'voice' }, 'Video: Kling takes this video as a public URL, not as a binary file'],
		[
			{ video: 'video-sample-v1-6', options: { audioVolume: 3 } },
			'Audio Volume: 3 is outside 0 to 2',
		],
		[{ video: 'video-sample-v1-6', options: { maxUnits: 5 } }, 'about 6.05 video units'],
		[
			{ video: 'video-sample-v1-6', audio: 'audio-sample-tts' },
			'Audio End (Seconds): the node cannot tell how long this audio is',
		],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run(params)).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('Get Task by external task ID is refused: Kling reads lip-sync tasks by task ID only', async () => {
		await expect(
			run({ operation: 'getTask', lookupBy: 'externalTaskId', taskId: 'x' }),
		).rejects.toThrow('Look Up By: Lip-Sync tasks cannot be looked up by external task ID');
	});
});
