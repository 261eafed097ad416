import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../core/inputError';
import type { PreparedRequest, SyncCall } from '../../input/types';
import type { Endpoint } from '../../models/product';

/** One marked frame: its index and the points (fractions of width and height) on the object. */
export interface Selection {
	frame: number;
	points: Array<{ x: number; y: number }>;
}

const NOT_CREATED = 'No edit task was created.';

/**
 * The Object Position rows: "x,y; x,y" per frame, x and y from 0 (left, top) to 1 (right,
 * bottom); Kling takes up to 10 points a frame and 10 frames a session.
 */
export function selectionsOf(rows: IDataObject[]): Selection[] {
	if (rows.length > 10)
		throw new InputError(`Object Position: ${rows.length} frames; Kling marks at most 10`);
	return rows.map((row, n) => {
		const where = `Object Position #${n + 1}`;
		const frame = Number(row.frame ?? 0);
		if (!Number.isInteger(frame) || frame < 0)
			throw new InputError(
				`${where}: the frame is ${String(row.frame)}; give a frame number from 0`,
			);
		const points = String(row.points ?? '')
			.split(';')
			.map((p) => p.trim())
			.filter(Boolean)
			.map((p) => p.split(',').map((v) => Number(v.trim())));
		if (points.length < 1 || points.length > 10)
			throw new InputError(`${where}: has ${points.length} points; Kling takes 1 to 10 a frame`);
		const bad = points.find((p) => p.length !== 2 || p.some((v) => !(v >= 0 && v <= 1)));
		if (bad)
			throw new InputError(
				`${where}: "${bad.join(',')}" is not a point; write x,y with each from 0 to 1 (0,0 is the top left), points separated by ;`,
			);
		return { frame, points: points.map(([x, y]) => ({ x, y })) };
	});
}

/** `init-selection`'s answer: the session and the video's length, which the duration must fit. */
function sessionOf(data: IDataObject): { sessionId: string; seconds: number } {
	if (Number(data.status ?? 0) !== 0)
		throw new InputError(
			`Video: Kling could not prepare this video for editing (status ${String(data.status)}). ${NOT_CREATED}`,
		);
	return {
		sessionId: String(data.session_id ?? ''),
		seconds: Number(data.original_duration ?? 0) / 1000,
	};
}

/**
 * Kling's windows: a 5 s edit of a video of 2–5 s, a 10 s one of 7–10 s; with the half second
 * CometAPI allows, since Kling's own "5 s" videos run 5.1 s (docs/reference/kling-api.md#multi-element-editing).
 */
function checkWindow(seconds: number, duration: string): void {
	const fits = duration === '10' ? seconds >= 7 && seconds <= 10.5 : seconds >= 2 && seconds <= 5.5;
	if (!fits)
		throw new InputError(
			`Duration: ${duration} s edits a video of ${duration === '10' ? '7 to 10' : '2 to 5'} s; this one is ${seconds.toFixed(1)} s. ${NOT_CREATED}`,
		);
}

/**
 * Opens the selection session and marks the object on each frame, once per item (kept in the
 * request's context, so a create sent again does not select again); then the create names it.
 */
export async function completeVideoEdit(
	calls: { init: Endpoint; add: Endpoint },
	call: SyncCall,
	request: PreparedRequest,
	body: IDataObject,
): Promise<void> {
	const context = request.context!;
	if (typeof context.sessionId !== 'string') {
		const { sessionId, seconds } = sessionOf(await call(calls.init, context.video as IDataObject));
		checkWindow(seconds, String(body.duration ?? '5'));
		for (const { frame, points } of selectionsOf(context.selections as IDataObject[])) {
			const added = await call(calls.add, { session_id: sessionId, frame_index: frame, points });
			if (Number(added.status ?? 0) !== 0)
				throw new InputError(
					`Object Position: Kling found no object at the points of frame ${frame} (status ${String(added.status)}). ${NOT_CREATED}`,
				);
		}
		context.sessionId = sessionId;
	}
	body.session_id = context.sessionId;
}
