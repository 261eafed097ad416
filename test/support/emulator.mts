import type { INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { KlingEmulator, type EmulatorOptions } from '../../emulator/server.mts';
import { makeJpegHeader, makePng } from '../../emulator/media.mts';
import { EMULATOR_API_KEY, binaryItem } from './context.mts';

export const PNG = makePng(640, 360, 3);
export const JPEG = makeJpegHeader(800, 600, 4096);
export const PNG_B64 = PNG.toString('base64');
export const JPEG_B64 = JPEG.toString('base64');
/** One item with two images: a PNG in `data`, a JPEG in `second`. */
export const TWO_IMAGES: INodeExecutionData = {
	json: {},
	binary: {
		...binaryItem(PNG).binary,
		...binaryItem(JPEG, 'image/jpeg', 'b.jpg', 'second').binary,
	},
};

/** One emulator per test file, reset (with these options) before each test. */
export function useEmulator(options: EmulatorOptions = {}) {
	const emulator = new KlingEmulator({
		videoTaskMs: 300,
		imageTaskMs: 200,
		submittedMs: 50,
		...options,
	});
	const state = { emulator, base: '' };
	beforeAll(async () => {
		state.base = await emulator.start();
	});
	afterAll(() => emulator.stop());
	beforeEach(() =>
		emulator.reset({ videoTaskMs: 300, imageTaskMs: 200, submittedMs: 50, ...options }),
	);
	return state;
}

export function createRequests(emulator: KlingEmulator) {
	return emulator.snapshot().requests.filter((r) => r.kind === 'create');
}

/** Posts a create to the emulator with the API key, as Kling would be spoken to; JSON text as given. */
export async function postCreate(
	base: string,
	path: string,
	body: unknown,
): Promise<{ status: number; json: { code: number; message: string } }> {
	const res = await fetch(`${base}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${EMULATOR_API_KEY}`, 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as { code: number; message: string } };
}
