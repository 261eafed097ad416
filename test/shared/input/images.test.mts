import type { IBinaryData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingImage2Video } from '../../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { classifyImageValue } from '../../../nodes/shared/input/images.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';
import { createRequests, useEmulator } from '../../support/emulator.mts';

// Oversized input is refused from what is known about it, before its bytes are read into memory.
describe('image size ceilings', () => {
	const env = useEmulator();
	const params = {
		operation: 'generate',
		model: 'kling-v2-6',
		image: 'data',
		prompt: 'x',
		wait: 'none',
		options: {},
	};

	it('a binary stored by ID is refused from its stored size, never read', async () => {
		const stored = {
			id: 'filesystem-v2:workflows/1/executions/1/binary_data/big',
			data: 'filesystem-v2',
			mimeType: 'image/png',
			fileName: 'big.png',
			fileSize: '2.1 GB',
		} as IBinaryData;
		const c = makeContext({
			params,
			items: [{ json: {}, binary: { data: stored } }],
			credentials: emulatorCredentials(env.base),
		});
		let reads = 0;
		const helpers = c.ctx.helpers as unknown as Record<string, unknown>;
		helpers.getBinaryMetadata = async (id: string) => ({
			fileName: 'big.png',
			mimeType: 'image/png',
			fileSize: id === stored.id ? 2_100_000_000 : 0,
		});
		helpers.getBinaryDataBuffer = async () => {
			reads++;
			throw new Error('read whole');
		};
		await expect(new KlingImage2Video().execute.call(c.ctx)).rejects.toThrow(
			'Image: the image is 2002.7 MB; Kling accepts at most 10 MB',
		);
		expect(reads).toBe(0);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it('an in-memory binary is measured from its Base64 text, not decoded', async () => {
		const text = 'A'.repeat(16 * 1024 * 1024);
		const c = makeContext({
			params,
			items: [{ json: {}, binary: { data: { data: text, mimeType: 'image/png' } as IBinaryData } }],
			credentials: emulatorCredentials(env.base),
		});
		let reads = 0;
		(c.ctx.helpers as unknown as Record<string, unknown>).getBinaryDataBuffer = async () => {
			reads++;
			return Buffer.alloc(0);
		};
		await expect(new KlingImage2Video().execute.call(c.ctx)).rejects.toThrow(
			'Image: the image is 12.0 MB; Kling accepts at most 10 MB',
		);
		expect(reads).toBe(0);
	});
});

describe('Base64 padding', () => {
	// 100 bytes encode to 136 characters, two of them padding.
	const b64 = Buffer.alloc(100, 7).toString('base64');

	it('adds the padding an encoder left out, as Kling counts the length in fours', () => {
		expect(b64.endsWith('==')).toBe(true);
		const ref = classifyImageValue(b64.replace(/=+$/, ''), 'Image', []);
		expect(ref).toEqual({ kind: 'base64', value: b64 });
		expect(classifyImageValue(b64, 'Image', [])).toEqual({ kind: 'base64', value: b64 });
	});

	it('refuses text whose length no Base64 can have, naming the field', () => {
		const cut = `${b64.replace(/=+$/, '')}A`.slice(0, 133);
		expect(() => classifyImageValue(cut, 'End Frame', [])).toThrow(
			/^End Frame: is not valid Base64 \(133 characters/,
		);
	});
});
