/**
 * What avatar and lip-sync check alike of the sound they are given (docs/reference/kling-api.md#avatar,
 * #lip-sync): a Kling text-to-speech `audio_id` or a `sound_file` (URL or Base64), exactly one,
 * at most 5 MB, of a length in the product's range.
 */
import { KlingError } from './checks.mts';
import type { Known } from './rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

/** Returns the sound's seconds: the result the task makes is as long. */

/** A WAV's length from its header; 5 s for what the emulator cannot measure (a URL, an MP3). */
function fileSeconds(value: string): number {
	if (/^https?:\/\//i.test(value)) {
		const named = /-(\d+)s\.(mp3|wav)$/.exec(value);
		return named ? Number(named[1]) : 5;
	}
	const buf = Buffer.from(value, 'base64');
	if (buf.toString('latin1', 0, 4) !== 'RIFF') return 5;
	return buf.readUInt32LE(40) / buf.readUInt32LE(28);
}

export function checkSound(
	body: Record<string, unknown>,
	known: Known,
	range: { min: number; max: number },
): number {
	const { audio_id: id, sound_file: file } = body;
	if ((id === undefined) === (file === undefined))
		throw bad('exactly one of audio_id and sound_file is required');
	let seconds: number;
	if (id !== undefined) {
		const audio = known.result('audio', String(id));
		if (!audio)
			throw bad('audio_id is invalid: no audio with this id, or it is older than 30 days');
		seconds = audio.seconds;
	} else {
		if (typeof file !== 'string' || file === '') throw bad('sound_file must be a URL or Base64');
		if (file.startsWith('data:')) throw bad('sound_file: Base64 must not carry a data: prefix');
		if (!/^https?:\/\//i.test(file) && Buffer.from(file, 'base64').length > 5 * 1024 * 1024)
			throw bad('sound_file must be at most 5MB');
		seconds = fileSeconds(file);
	}
	if (seconds < range.min || seconds > range.max)
		throw bad(`the audio must be ${range.min} to ${range.max} seconds long`);
	return seconds;
}
