import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../core/inputError';
import { checkImageRef, classifyImageValue, readBinary, type ImageRef } from './images';
import type { MediaSlot } from './types';

/**
 * A request's media inputs as one concept: an image, a video or an audio, given as a binary
 * field, an https URL, raw Base64, or (video and audio) the ID Kling gave an earlier result, e.g.
 * `{{ $json.videos[0].id }}`. Each is checked as far as it can be without downloading anything
 * (what a URL points at is Kling's to check), and read only when the request is sent.
 */
export type MediaKind = 'image' | 'video' | 'audio';
export type MediaRef = ImageRef | { kind: 'klingId'; value: string };

/** What a product's endpoint documents for one input. */
export interface MediaRules {
	maxBytes: number;
	/** Length in seconds, checked where the file's header tells it (MP4, MOV, WAV). */
	seconds?: { min: number; max: number };
	/** Whether raw Base64 (and so a binary field) is accepted; Kling takes most videos by URL only. */
	base64: boolean;
}

/** Format and length read from a file's first bytes. */
export interface MediaInfo {
	format: string;
	seconds?: number;
}

interface MediaType {
	formats: string;
	mime: RegExp;
	sniff(buf: Buffer): MediaInfo | undefined;
}

/** An MP4/MOV's `mvhd` box: version, then (32- or 64-bit) times, timescale and duration. */
function movieSeconds(buf: Buffer): number | undefined {
	const at = buf.indexOf('mvhd');
	if (at < 0) return undefined;
	const version = buf[at + 4];
	const scaleAt = at + (version === 1 ? 24 : 16);
	if (scaleAt + (version === 1 ? 12 : 8) > buf.length) return undefined;
	const scale = buf.readUInt32BE(scaleAt);
	const duration =
		version === 1 ? Number(buf.readBigUInt64BE(scaleAt + 4)) : buf.readUInt32BE(scaleAt + 4);
	return scale ? duration / scale : undefined;
}

function sniffVideo(buf: Buffer): MediaInfo | undefined {
	const box = buf.toString('latin1', 4, 8);
	if (box === 'ftyp') {
		const brand = buf.toString('latin1', 8, 12);
		return { format: brand === 'qt  ' ? 'mov' : 'mp4', seconds: movieSeconds(buf) };
	}
	if (['moov', 'mdat', 'wide', 'free'].includes(box))
		return { format: 'mov', seconds: movieSeconds(buf) };
	return undefined;
}

/** A WAV's length: its data chunk's size over the byte rate of its fmt chunk. */
function wavSeconds(buf: Buffer): number | undefined {
	const fmt = buf.indexOf('fmt ', 12);
	const data = buf.indexOf('data', 12);
	if (fmt < 0 || data < 0 || fmt + 16 > buf.length || data + 8 > buf.length) return undefined;
	const byteRate = buf.readUInt32LE(fmt + 16);
	return byteRate ? buf.readUInt32LE(data + 4) / byteRate : undefined;
}

const MP3_KBPS = {
	v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
	v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = {
	3: [44100, 48000, 32000],
	2: [22050, 24000, 16000],
	0: [11025, 12000, 8000],
};

/** One MPEG Layer III frame header: its length in bytes and seconds, or undefined. */
function mp3Frame(buf: Buffer, at: number): { bytes: number; seconds: number } | undefined {
	if (at + 4 > buf.length || buf[at] !== 0xff || (buf[at + 1] & 0xe0) !== 0xe0) return undefined;
	const version = (buf[at + 1] >> 3) & 3;
	const layer3 = ((buf[at + 1] >> 1) & 3) === 1;
	const kbps = (version === 3 ? MP3_KBPS.v1 : MP3_KBPS.v2)[buf[at + 2] >> 4];
	const rate = MP3_RATES[version]?.[(buf[at + 2] >> 2) & 3];
	if (!layer3 || !kbps || !rate) return undefined;
	const samples = version === 3 ? 1152 : 576;
	const padding = (buf[at + 2] >> 1) & 1;
	return {
		bytes: Math.floor((samples / 8) * ((kbps * 1000) / rate)) + padding,
		seconds: samples / rate,
	};
}

/** An MP3's length: its frames' samples over their rate, after any ID3v2 tag. */
function mp3Seconds(buf: Buffer): number | undefined {
	let at = 0;
	if (buf.toString('latin1', 0, 3) === 'ID3' && buf.length >= 10)
		at = 10 + ((buf[6] << 21) | (buf[7] << 14) | (buf[8] << 7) | buf[9]);
	let seconds = 0;
	for (let frame = mp3Frame(buf, at); frame; frame = mp3Frame(buf, at)) {
		seconds += frame.seconds;
		at += frame.bytes;
	}
	return seconds > 0 ? seconds : undefined;
}

function sniffAudio(buf: Buffer): MediaInfo | undefined {
	if (buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WAVE')
		return { format: 'wav', seconds: wavSeconds(buf) };
	if (buf.toString('latin1', 0, 3) === 'ID3') return { format: 'mp3', seconds: mp3Seconds(buf) };
	if (buf.length > 1 && buf[0] === 0xff && (buf[1] & 0xf6) === 0xf0) return { format: 'aac' };
	if (buf.length > 1 && buf[0] === 0xff && (buf[1] & 0xe0) === 0xe0)
		return { format: 'mp3', seconds: mp3Seconds(buf) };
	if (buf.toString('latin1', 4, 8) === 'ftyp') return { format: 'm4a', seconds: movieSeconds(buf) };
	return undefined;
}

const TYPES: Record<Exclude<MediaKind, 'image'>, MediaType> = {
	video: { formats: 'an MP4 or MOV video', mime: /^video\/(mp4|quicktime)$/i, sniff: sniffVideo },
	audio: {
		formats: 'an MP3, WAV, M4A or AAC audio',
		mime: /^audio\/(mpeg|mp3|wav|x-wav|wave|mp4|x-m4a|m4a|aac)$/i,
		sniff: sniffAudio,
	},
};

/** A sound's length in seconds where its bytes tell it (WAV, MP3, M4A). */
export function audioSeconds(buf: Buffer): number | undefined {
	return sniffAudio(buf)?.seconds;
}

/** Reads a video's or audio's format and length from its bytes, or says why Kling would refuse it. */
export function checkMediaBytes(
	buf: Buffer,
	kind: Exclude<MediaKind, 'image'>,
	field: string,
	rules: MediaRules,
): MediaInfo {
	const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	if (buf.length === 0) throw new InputError(`${field}: the file is empty (0 bytes)`);
	if (buf.length > rules.maxBytes)
		throw new InputError(
			`${field}: the file is ${mb(buf.length)}; Kling accepts at most ${mb(rules.maxBytes)}`,
		);
	const info = TYPES[kind].sniff(buf);
	if (!info) throw new InputError(`${field}: the file is not ${TYPES[kind].formats}`);
	const { seconds } = rules;
	if (seconds && info.seconds !== undefined) {
		if (info.seconds < seconds.min || info.seconds > seconds.max)
			throw new InputError(
				`${field}: the ${kind} is ${info.seconds.toFixed(1)} s long; Kling takes ${seconds.min} to ${seconds.max} s`,
			);
	}
	return info;
}

const KLING_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What a video or audio value means: a URL, Base64 text or a binary field (where the endpoint
 * takes them), else the ID of an earlier Kling result.
 */
export function classifyMediaValue(
	raw: unknown,
	kind: MediaKind,
	field: string,
	binaryFields: readonly string[],
	rules?: MediaRules,
): MediaRef {
	if (kind === 'image') return classifyImageValue(raw, field, binaryFields);
	const value = typeof raw === 'string' ? raw.trim() : '';
	const forms = rules?.base64 ? 'a public URL, Base64 text, a binary field name' : 'a public URL';
	if (!value)
		throw new InputError(`${field}: is empty; give ${forms} or the ID of an earlier Kling ${kind}`);
	if (/^https?:\/\//i.test(value) || binaryFields.includes(value) || value.length >= 64) {
		const ref = classifyImageValue(value, field, binaryFields);
		if (ref.kind !== 'url' && !rules?.base64)
			throw new InputError(
				`${field}: Kling takes this ${kind} as a public URL, not as a binary file or Base64; upload the file first (e.g. with an S3 node) and pass its URL`,
			);
		return ref;
	}
	if (KLING_ID.test(value)) return { kind: 'klingId', value };
	throw new InputError(`${field}: is neither ${forms} nor the ID of an earlier Kling ${kind}`);
}

type Slot = Pick<MediaSlot, 'media' | 'ref' | 'field' | 'checkAspect' | 'rules'>;

/** What a binary field of a video or audio slot must be. */
function binaryType(kind: Exclude<MediaKind, 'image'>, rules: MediaRules) {
	return {
		noun: kind,
		mime: TYPES[kind].mime,
		formats: TYPES[kind].formats,
		maxBytes: rules.maxBytes,
	};
}

/**
 * Checks what can be known of the input before anything is sent; returns a video's or audio's
 * length where its bytes tell it (a binary or Base64 WAV, MP4 or MOV).
 */
export async function checkMediaRef(
	ctx: IExecuteFunctions,
	itemIndex: number,
	slot: Slot,
): Promise<number | undefined> {
	const { ref, field } = slot;
	const kind = slot.media ?? 'image';
	if (ref.kind === 'klingId') return undefined;
	if (kind === 'image') {
		await checkImageRef(ctx, itemIndex, ref, field, slot.checkAspect);
		return undefined;
	}
	if (ref.kind === 'url') return undefined;
	const rules = slot.rules!;
	// The limit applies to the decoded file: oversized text is refused before it is decoded.
	if (ref.kind === 'base64' && ref.value.length > Math.ceil((rules.maxBytes * 4) / 3) + 4) {
		const limit = (rules.maxBytes / 1024 / 1024).toFixed(1);
		throw new InputError(
			`${field}: the ${kind} is larger than ${limit} MB; Kling accepts at most ${limit} MB`,
		);
	}
	const buf =
		ref.kind === 'base64'
			? Buffer.from(ref.value, 'base64')
			: await readBinary(ctx, itemIndex, ref.property, field, binaryType(kind, rules));
	return checkMediaBytes(buf, kind, field, rules).seconds;
}

/** The request text for an input: URLs and Kling IDs as given, binaries as raw Base64. */
export async function mediaRequestValue(
	ctx: IExecuteFunctions,
	itemIndex: number,
	slot: Slot,
): Promise<string> {
	const { ref, field } = slot;
	if (ref.kind !== 'binary') return ref.value;
	const kind = slot.media ?? 'image';
	const type = kind === 'image' ? undefined : binaryType(kind, slot.rules!);
	return (await readBinary(ctx, itemIndex, ref.property, field, type)).toString('base64');
}
