import type { IBinaryData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { makePng } from '../../../emulator/media.mts';
import { sampleMp4 } from '../../../emulator/server.mts';
import { requestBody } from '../../../nodes/shared/input/items.ts';
import {
	checkMediaBytes,
	checkMediaRef,
	classifyMediaValue,
	type MediaRules,
} from '../../../nodes/shared/input/media.ts';
import type { MediaSlot, PreparedRequest } from '../../../nodes/shared/input/types.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';

const credentials = emulatorCredentials('http://127.0.0.1:9');

const VIDEO: MediaRules = {
	maxBytes: 100 * 1024 * 1024,
	seconds: { min: 1, max: 10 },
	base64: false,
};
const AUDIO: MediaRules = { maxBytes: 5 * 1024 * 1024, seconds: { min: 2, max: 60 }, base64: true };

/** A PCM WAV of `seconds` at 8 kHz, 8-bit mono: its header says how long it is. */
function wav(seconds: number): Buffer {
	const data = Buffer.alloc(8000 * seconds, 0x80);
	const head = Buffer.alloc(44);
	head.write('RIFF', 0, 'latin1');
	head.writeUInt32LE(36 + data.length, 4);
	head.write('WAVEfmt ', 8, 'latin1');
	head.writeUInt32LE(16, 16);
	head.writeUInt16LE(1, 20);
	head.writeUInt16LE(1, 22);
	head.writeUInt32LE(8000, 24);
	head.writeUInt32LE(8000, 28);
	head.writeUInt16LE(1, 32);
	head.writeUInt16LE(8, 34);
	head.write('data', 36, 'latin1');
	head.writeUInt32LE(data.length, 40);
	return Buffer.concat([head, data]);
}

/** The sample MP4 with its movie header saying `seconds`. */
function mp4Lasting(seconds: number): Buffer {
	const buf = Buffer.from(sampleMp4());
	const at = buf.indexOf('mvhd');
	buf.writeUInt32BE(seconds * buf.readUInt32BE(at + 16), at + 20);
	return buf;
}

describe('media inputs', () => {
	it('reads a video’s format and length from its header, and an audio’s', () => {
		expect(checkMediaBytes(sampleMp4(), 'video', 'Video', VIDEO)).toEqual({
			format: 'mp4',
			seconds: 2,
		});
		expect(checkMediaBytes(wav(3), 'audio', 'Audio', AUDIO)).toEqual({ format: 'wav', seconds: 3 });
		const mp3 = Buffer.concat([Buffer.from('ID3\u0004\u0000', 'latin1'), Buffer.alloc(64)]);
		expect(checkMediaBytes(mp3, 'audio', 'Audio', AUDIO)).toEqual({ format: 'mp3' });
	});

	it('refuses, naming the field and the rule: length, format, size', () => {
		expect(() => checkMediaBytes(mp4Lasting(12), 'video', 'Video', VIDEO)).toThrow(
			'Video: the video is 12.0 s long; Kling takes 1 to 10 s',
		);
		expect(() => checkMediaBytes(wav(1), 'audio', 'Audio', AUDIO)).toThrow(
			'Audio: the audio is 1.0 s long; Kling takes 2 to 60 s',
		);
		expect(() => checkMediaBytes(makePng(400, 400), 'video', 'Video', VIDEO)).toThrow(
			'Video: the file is not an MP4 or MOV video',
		);
		expect(() =>
			checkMediaBytes(wav(3), 'audio', 'Audio', { ...AUDIO, maxBytes: (1024 * 1024) / 100 }),
		).toThrow('Audio: the file is 0.0 MB; Kling accepts at most 0.0 MB');
	});

	it('tells a URL, Base64, a binary field and the ID of an earlier Kling result apart', () => {
		const url = 'https://example.com/talk.mp4';
		expect(classifyMediaValue(url, 'video', 'Video', [], VIDEO)).toEqual({
			kind: 'url',
			value: url,
		});
		expect(classifyMediaValue(' 84931237 ', 'video', 'Video', [], VIDEO)).toEqual({
			kind: 'klingId',
			value: '84931237',
		});
		expect(classifyMediaValue('voice', 'audio', 'Audio', ['voice'], AUDIO)).toEqual({
			kind: 'binary',
			property: 'voice',
		});
		expect(() => classifyMediaValue('clip', 'video', 'Video', ['clip'], VIDEO)).toThrow(
			'Video: Kling takes this video as a public URL, not as a binary file or Base64',
		);
		expect(() => classifyMediaValue('', 'video', 'Video', [], VIDEO)).toThrow(
			'Video: is empty; give a public URL or the ID of an earlier Kling video',
		);
		expect(() => classifyMediaValue('not an id!', 'video', 'Video', [], VIDEO)).toThrow(
			'Video: is neither a public URL nor the ID of an earlier Kling video',
		);
	});

	it('checks a binary audio field before sending (its length from the WAV header), and sends it as raw Base64', async () => {
		const good = wav(3);
		const { ctx } = makeContext({
			params: {},
			credentials,
			items: [
				{
					json: {},
					binary: {
						voice: { data: good.toString('base64'), mimeType: 'audio/wav' } as IBinaryData,
						photo: { data: 'aGVsbG8=', mimeType: 'image/png' } as IBinaryData,
					},
				},
			],
		});
		const slot = (property: string): MediaSlot => ({
			path: ['sound_file'],
			field: 'Audio',
			media: 'audio',
			rules: AUDIO,
			ref: { kind: 'binary', property },
		});
		await expect(checkMediaRef(ctx, 0, slot('voice'))).resolves.toBe(3);
		await expect(checkMediaRef(ctx, 0, slot('photo'))).rejects.toThrow(
			'Audio: binary field "photo" is image/png, not an MP3, WAV, M4A or AAC audio',
		);
		const request = { body: {}, media: [slot('voice')] } as unknown as PreparedRequest;
		expect(await requestBody(ctx, 0, request)).toEqual({ sound_file: good.toString('base64') });
	});

	it('refuses oversized Base64 audio by its length, before decoding it', async () => {
		const { ctx } = makeContext({ params: {}, credentials });
		const huge = 'A'.repeat(Math.ceil((AUDIO.maxBytes * 4) / 3) + 8);
		const slot: MediaSlot = {
			path: ['sound_file'],
			field: 'Audio',
			media: 'audio',
			rules: AUDIO,
			ref: { kind: 'base64', value: huge },
		};
		await expect(checkMediaRef(ctx, 0, slot)).rejects.toThrow(
			/^Audio: the audio is larger than [\d.]+ MB; Kling accepts at most [\d.]+ MB$/,
		);
	});

	it('puts a Kling ID where the endpoint takes IDs, and a URL where it takes URLs', async () => {
		const { ctx } = makeContext({ params: {}, credentials });
		const video = (value: string): MediaSlot => ({
			path: ['video_url'],
			idPath: ['video_id'],
			field: 'Video',
			media: 'video',
			rules: VIDEO,
			ref: classifyMediaValue(value, 'video', 'Video', [], VIDEO),
		});
		const request = (slot: MediaSlot) =>
			({ body: {}, media: [slot], route: { product: image2video } }) as unknown as PreparedRequest;
		expect(await requestBody(ctx, 0, request(video('84931237')))).toEqual({ video_id: '84931237' });
		expect(await requestBody(ctx, 0, request(video('https://example.com/a.mp4')))).toEqual({
			video_url: 'https://example.com/a.mp4',
		});
	});
});
