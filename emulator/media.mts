import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { deflateSync } from 'node:zlib';

import type { RequestLogEntry } from './options.mts';

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(buf: Buffer): number {
	let c = 0xffffffff;
	for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([len, typeAndData, crc]);
}

/**
 * A real RGB PNG: a diagonal gradient tinted by `seed`. With `noise`, pixels are pseudo-random so
 * the file does not compress (used to build ~10 MB inputs for limit tests and benchmarks).
 */
export function makePng(width: number, height: number, seed = 1, noise = false): Buffer {
	const row = 1 + width * 3;
	const raw = Buffer.alloc(row * height);
	let state = seed >>> 0 || 1;
	for (let y = 0; y < height; y++) {
		raw[y * row] = 0;
		for (let x = 0; x < width; x++) {
			const o = y * row + 1 + x * 3;
			if (noise) {
				state = (state * 1664525 + 1013904223) >>> 0;
				raw[o] = state & 0xff;
				raw[o + 1] = (state >>> 8) & 0xff;
				raw[o + 2] = (state >>> 16) & 0xff;
			} else {
				raw[o] = (x * 255) / Math.max(1, width - 1);
				raw[o + 1] = (y * 255) / Math.max(1, height - 1);
				raw[o + 2] = (seed * 47) & 0xff;
			}
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: noise ? 0 : 6 })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A minimal baseline JPEG header (SOI + SOF0) with the given size, padded to `totalBytes`. */
export function makeJpegHeader(width: number, height: number, totalBytes = 1024): Buffer {
	const sof = Buffer.from([
		0xff,
		0xc0,
		0x00,
		0x11,
		0x08,
		(height >> 8) & 0xff,
		height & 0xff,
		(width >> 8) & 0xff,
		width & 0xff,
		0x03,
		0x01,
		0x22,
		0x00,
		0x02,
		0x11,
		0x01,
		0x03,
		0x11,
		0x01,
	]);
	const app0 = Buffer.from([
		0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
		0x00, 0x00,
	]);
	const head = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
	const tail = Buffer.from([0xff, 0xd9]);
	const pad = Buffer.alloc(Math.max(0, totalBytes - head.length - tail.length));
	return Buffer.concat([head, pad, tail]);
}

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

let mp4Cache: Buffer | undefined;
export function sampleMp4(): Buffer {
	mp4Cache ??= readFileSync(new URL('./fixtures/sample.mp4', import.meta.url));
	return mp4Cache;
}

/** A video of `size` bytes: the sample MP4, then zeros, written a megabyte at a time. */
export async function streamVideo(
	res: http.ServerResponse,
	entry: RequestLogEntry,
	size: number,
): Promise<void> {
	entry.status = 200;
	res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(size) });
	const head = sampleMp4();
	res.write(head);
	const chunk = Buffer.alloc(1024 * 1024);
	for (let sent = head.length; sent < size; sent += chunk.length) {
		const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
		if (!res.write(part)) await new Promise((r) => res.once('drain', r));
	}
	res.end();
}

/** A silent mono 16-bit PCM WAV of `seconds` (8 kHz): any player opens it, and its header says its length. */
export function makeWav(seconds: number): Buffer {
	const rate = 8000;
	const data = Math.round(seconds * rate) * 2;
	const head = Buffer.alloc(44);
	head.write('RIFF', 0, 'latin1');
	head.writeUInt32LE(36 + data, 4);
	head.write('WAVEfmt ', 8, 'latin1');
	head.writeUInt32LE(16, 16);
	head.writeUInt16LE(1, 20);
	head.writeUInt16LE(1, 22);
	head.writeUInt32LE(rate, 24);
	head.writeUInt32LE(rate * 2, 28);
	head.writeUInt16LE(2, 32);
	head.writeUInt16LE(16, 34);
	head.write('data', 36, 'latin1');
	head.writeUInt32LE(data, 40);
	return Buffer.concat([head, Buffer.alloc(data)]);
}

/**
 * A silent MP3 of about `seconds`: MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) with
 * empty side information, which decoders play as silence; each frame is 1152 samples.
 */
export function makeMp3(seconds: number): Buffer {
	const frames = Math.max(1, Math.round((seconds * 44_100) / 1152));
	const frame = Buffer.alloc(417);
	Buffer.from([0xff, 0xfb, 0x90, 0xc4]).copy(frame);
	return Buffer.concat(Array.from({ length: frames }, () => frame));
}
