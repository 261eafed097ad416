import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { InputError } from '../core/inputError';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MIN_IMAGE_SIDE = 300;
export const MAX_ASPECT = 2.5;

export interface ImageInfo {
	format: 'png' | 'jpeg';
	width: number;
	height: number;
}

/** Where an image parameter's value points; resolved to request text only when the task is sent. */
export type ImageRef =
	| { kind: 'url'; value: string }
	| { kind: 'base64'; value: string }
	| { kind: 'binary'; property: string };

function pngSize(buf: Buffer): ImageInfo | undefined {
	const signature =
		buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.readUInt32BE(4) === 0x0d0a1a0a;
	if (!signature || buf.toString('ascii', 12, 16) !== 'IHDR') return undefined;
	return { format: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const JPEG_SOF = new Set([
	0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

function jpegSize(buf: Buffer): ImageInfo | undefined {
	if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return undefined;
	let offset = 2;
	while (offset + 4 <= buf.length) {
		if (buf[offset] !== 0xff) return undefined;
		const marker = buf[offset + 1];
		if (marker === 0xff) {
			offset++;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		if (offset + 4 > buf.length) return undefined;
		const length = buf.readUInt16BE(offset + 2);
		if (JPEG_SOF.has(marker)) {
			if (offset + 9 > buf.length) return undefined;
			return {
				format: 'jpeg',
				height: buf.readUInt16BE(offset + 5),
				width: buf.readUInt16BE(offset + 7),
			};
		}
		if (length < 2) return undefined;
		offset += 2 + length;
	}
	return undefined;
}

/** Reads format and pixel size from the file header (PNG IHDR or JPEG SOF); no decoder needed. */
export function readImageInfo(buf: Buffer): ImageInfo | undefined {
	return pngSize(buf) ?? jpegSize(buf);
}

/** Kling's documented image rules: JPG/PNG, at most 10 MB, at least 300 px, aspect 1:2.5 to 2.5:1. */
export function checkImageBytes(buf: Buffer, field: string, checkAspect = true): ImageInfo {
	if (buf.length === 0) throw new InputError(`${field}: the image is empty (0 bytes)`);
	if (buf.length > MAX_IMAGE_BYTES) {
		throw new InputError(
			`${field}: the image is ${(buf.length / 1024 / 1024).toFixed(1)} MB; Kling accepts at most 10 MB`,
		);
	}
	const info = readImageInfo(buf);
	if (!info)
		throw new InputError(
			`${field}: the file is not a JPG or PNG image (Kling accepts only JPG and PNG)`,
		);
	if (info.width < MIN_IMAGE_SIDE || info.height < MIN_IMAGE_SIDE) {
		throw new InputError(
			`${field}: the image is ${info.width}x${info.height} px; Kling needs at least ${MIN_IMAGE_SIDE} px on each side`,
		);
	}
	const ratio = info.width / info.height;
	if (checkAspect && (ratio > MAX_ASPECT || ratio < 1 / MAX_ASPECT)) {
		throw new InputError(
			`${field}: the aspect ratio ${info.width}:${info.height} is outside the allowed range 1:2.5 to 2.5:1`,
		);
	}
	return info;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Kling refuses Base64 whose length is not a multiple of 4: the padding an encoder left out is added. */
function padded(text: string, field: string): string {
	const bare = text.replace(/=+$/, '');
	if (bare.length % 4 === 1) {
		throw new InputError(
			`${field}: is not valid Base64 (${bare.length} characters without padding is not a length Base64 can have); check that it was not cut off`,
		);
	}
	return bare + '='.repeat((4 - (bare.length % 4)) % 4);
}

/** Decides what a parameter value means: a URL, Base64 text, or the name of a binary field. */
/** Whether a value is in one of the forms an image takes: an http(s) URL, a binary field, Base64. */
export function isImageValue(value: string, binaryFields: readonly string[]): boolean {
	const compact = value.replace(/\s+/g, '');
	return (
		/^https?:\/\//i.test(value) ||
		binaryFields.includes(value) ||
		(compact.length >= 64 && BASE64.test(compact))
	);
}

export function classifyImageValue(
	raw: unknown,
	field: string,
	binaryFields: readonly string[],
): ImageRef {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (!value)
		throw new InputError(
			`${field}: is empty; give a public image URL, Base64 text, or a binary field name`,
		);
	if (/^https?:\/\//i.test(value)) {
		if (!URL.canParse(value))
			throw new InputError(`${field}: "${value.slice(0, 80)}" is not a valid URL`);
		return { kind: 'url', value };
	}
	if (/^[a-z]+:\/\//i.test(value)) {
		throw new InputError(`${field}: only http and https URLs can be used`);
	}
	if (binaryFields.includes(value)) return { kind: 'binary', property: value };
	if (/^data:/i.test(value)) {
		throw new InputError(
			`${field}: Base64 must be sent without a "data:image/...;base64," prefix; remove the prefix`,
		);
	}
	const compact = value.replace(/\s+/g, '');
	if (compact.length >= 64 && BASE64.test(compact))
		return { kind: 'base64', value: padded(compact, field) };
	if (compact.length < 64 && /^[\w.-]+$/.test(compact)) {
		throw new InputError(
			`${field}: the input item has no binary field "${value}"${binaryFields.length ? ` (it has: ${binaryFields.join(', ')})` : ' (it has no binary data)'}`,
		);
	}
	throw new InputError(`${field}: is neither an http(s) URL, Base64 text, nor a binary field name`);
}

/** Checks the image behind a reference; URLs are checked by Kling (they are not fetched here). */
export async function checkImageRef(
	ctx: IExecuteFunctions,
	itemIndex: number,
	ref: ImageRef,
	field: string,
	checkAspect = true,
): Promise<void> {
	if (ref.kind === 'url') return;
	if (ref.kind === 'base64') {
		// Kling's 10 MB limit applies to the decoded file; refuse oversized text before decoding it.
		if (ref.value.length > Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 4) {
			throw new InputError(`${field}: the image is larger than 10 MB; Kling accepts at most 10 MB`);
		}
		checkImageBytes(Buffer.from(ref.value, 'base64'), field, checkAspect);
		return;
	}
	const buffer = await readBinary(ctx, itemIndex, ref.property, field);
	checkImageBytes(buffer, field, checkAspect);
}

/**
 * A binary field's size without reading it: the binary store's metadata when the file is stored by
 * ID, otherwise the length its in-memory Base64 text decodes to.
 */
async function storedSize(
	ctx: IExecuteFunctions,
	binary: IBinaryData,
): Promise<number | undefined> {
	if (binary.id) {
		const meta = await ctx.helpers.getBinaryMetadata(binary.id).catch(() => undefined);
		return Number.isFinite(meta?.fileSize) ? meta!.fileSize : undefined;
	}
	return typeof binary.data === 'string' ? Buffer.byteLength(binary.data, 'base64') : undefined;
}

/** What a binary field must be: the image rules unless a video or audio slot says otherwise. */
interface BinaryType {
	noun: string;
	mime: RegExp;
	formats: string;
	maxBytes: number;
}

const IMAGE_BINARY: BinaryType = {
	noun: 'image',
	mime: /^image\/(png|jpe?g)$/i,
	formats: 'a JPG or PNG image',
	maxBytes: MAX_IMAGE_BYTES,
};

export async function readBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	field: string,
	type: BinaryType = IMAGE_BINARY,
): Promise<Buffer> {
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) throw new InputError(`${field}: the input item has no binary field "${property}"`);
	if (
		binary.mimeType &&
		!type.mime.test(binary.mimeType) &&
		binary.mimeType !== 'application/octet-stream'
	) {
		throw new InputError(
			`${field}: binary field "${property}" is ${binary.mimeType}, not ${type.formats}`,
		);
	}
	// Refused before it is read: a huge file never enters memory.
	const size = await storedSize(ctx, binary);
	const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
	if (size !== undefined && size > type.maxBytes) {
		throw new InputError(
			`${field}: the ${type.noun} is ${(size / 1024 / 1024).toFixed(1)} MB; Kling accepts at most ${mb(type.maxBytes)} MB`,
		);
	}
	const data = await ctx.helpers
		.getBinaryDataBuffer(itemIndex, property)
		.catch((error: Error) => error);
	if (data instanceof Error) {
		throw new InputError(
			`${field}: the data of binary field "${property}" could not be read (${data.message})`,
		);
	}
	return data;
}
