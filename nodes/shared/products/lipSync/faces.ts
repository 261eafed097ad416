import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import { audioSeconds } from '../../input/media';
import type { PreparedRequest, SyncCall } from '../../input/types';
import type { Endpoint } from '../../models/product';

/** A face Kling found: the window (ms) in which it can be lip-synced. */
export interface Face {
	faceId: string;
	image: string;
	startMs: number;
	endMs: number;
}

export interface Identified {
	sessionId: string;
	faces: Face[];
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const NOT_CREATED =
	'No lip-sync task was created; the face identification (0.05 units) was charged.';

/** `identify-face`'s answer (docs/reference/kling-api.md#lip-sync). */
export function identifiedOf(data: IDataObject): Identified {
	const faces = (Array.isArray(data.face_data) ? data.face_data : []) as IDataObject[];
	return {
		sessionId: String(data.session_id ?? ''),
		faces: faces.map((f) => ({
			faceId: String(f.face_id ?? ''),
			image: String(f.face_image ?? ''),
			startMs: Number(f.start_time ?? 0),
			endMs: Number(f.end_time ?? 0),
		})),
	};
}

/** The face to make speak: the one asked for by ID, else the first Kling found. */
function chosen(identified: Identified, faceId: string): Face {
	const { faces } = identified;
	if (!faces.length) throw new InputError(`Video: Kling found no face to lip-sync. ${NOT_CREATED}`);
	if (!faceId) return faces[0];
	const face = faces.find((f) => f.faceId === faceId);
	if (!face)
		throw new InputError(
			`Face ID: "${faceId}" is not a face Kling found in this video (it found ${faces.map((f) => f.faceId).join(', ')}). ${NOT_CREATED}`,
		);
	return face;
}

/** Kling's rule: the part of the audio used is at least 2 s long. */
export function checkAudioSpan(startMs: number, endMs: number): void {
	if (endMs - startMs < 2000)
		throw new InputError(
			`Audio End (Seconds): the audio from ${s(startMs)} to ${s(endMs)} is ${s(Math.max(0, endMs - startMs))}; Kling needs at least 2 s`,
		);
}

/** The audio's end in ms: as given, else the whole file where its bytes tell its length. */
function endOf(face: IDataObject, given: unknown): number {
	const file = typeof face.sound_file === 'string' ? face.sound_file : '';
	const known = /^https?:\/\//i.test(file) ? undefined : audioSeconds(Buffer.from(file, 'base64'));
	const length = known === undefined ? undefined : Math.floor(known * 1000);
	if (typeof given === 'number') {
		if (length !== undefined && given > length)
			throw new InputError(
				`Audio End (Seconds): ${s(given)} is past the end of the audio (${s(length)}). ${NOT_CREATED}`,
			);
		return given;
	}
	if (length === undefined)
		throw new InputError(
			`Audio End (Seconds): the node cannot read this file's length (AAC); give where the audio ends. ${NOT_CREATED}`,
		);
	return length;
}

/** Kling's rule: the placed audio must overlap the face's window by at least 2 s. */
function checkOverlap(face: Face, insertMs: number, lengthMs: number): void {
	const overlap = Math.min(face.endMs, insertMs + lengthMs) - Math.max(face.startMs, insertMs);
	if (overlap < 2000)
		throw new InputError(
			`Start in Video At (Seconds): the face is visible from ${s(face.startMs)} to ${s(face.endMs)}; audio placed at ${s(insertMs)} overlaps it by ${s(Math.max(0, overlap))}, and Kling needs at least 2 s. ${NOT_CREATED}`,
		);
}

/**
 * Identifies the video's faces (once per item: kept in the request's context), picks the face,
 * and fills the session, face and times into the body right before it is sent.
 */
export async function completeLipSync(
	identify: Endpoint,
	call: SyncCall,
	request: PreparedRequest,
	body: IDataObject,
): Promise<void> {
	const context = request.context!;
	context.identified ??= identifiedOf(
		await call(identify, context.video as IDataObject),
	) as unknown as IDataObject;
	const identified = context.identified as unknown as Identified;
	const face = chosen(identified, String(context.faceId ?? ''));
	const chosenFace = (body.face_choose as IDataObject[])[0];
	const start = Number(chosenFace.sound_start_time);
	const insert = typeof context.insertMs === 'number' ? context.insertMs : face.startMs;
	const whole = endOf(chosenFace, context.endMs);
	checkOverlap(face, insert, whole - start);
	// Kling refuses audio placed past the end of the video: what would run on after the face's
	// last moment is cut.
	const end = Math.min(whole, start + face.endMs - insert);
	checkAudioSpan(start, end);
	body.session_id = identified.sessionId;
	Object.assign(chosenFace, {
		face_id: face.faceId,
		sound_end_time: end,
		sound_insert_time: insert,
	});
}
