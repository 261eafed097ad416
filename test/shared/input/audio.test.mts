import { describe, expect, it } from 'vitest';

import { audioSlot } from '../../../nodes/shared/input/audio.ts';
import { binaryItem, makeContext } from '../../support/context.mts';

/** The Audio parameter of avatar and lip-sync: a file goes as sound_file, a TTS result's ID as audio_id. */
describe('audioSlot', () => {
	const slot = (audio: string) => {
		const { ctx } = makeContext({
			params: { audio },
			items: [binaryItem(Buffer.from('RIFF'), 'audio/wav', 'v.wav', 'voice')],
			credentials: {},
		});
		return audioSlot(ctx, 0, { min: 2, max: 60 });
	};

	it('a binary field, a URL and a TTS audio ID each go where Kling takes them', () => {
		expect(slot('voice')).toMatchObject({
			ref: { kind: 'binary', property: 'voice' },
			path: ['sound_file'],
			media: 'audio',
			rules: { maxBytes: 5 * 1024 * 1024, seconds: { min: 2, max: 60 }, base64: true },
		});
		expect(slot('https://cdn.example.com/v.mp3').ref).toEqual({
			kind: 'url',
			value: 'https://cdn.example.com/v.mp3',
		});
		expect(slot('audio-7761')).toMatchObject({
			ref: { kind: 'klingId', value: 'audio-7761' },
			idPath: ['audio_id'],
		});
	});

	it('an empty field says what it takes', () => {
		expect(() => slot('')).toThrow(
			'Audio: is empty; give a public URL, Base64 text, a binary field name or the ID of an earlier Kling audio',
		);
	});
});
