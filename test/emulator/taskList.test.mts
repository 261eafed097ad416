import { describe, expect, it } from 'vitest';

import { EMULATOR_API_KEY } from '../support/context.mts';
import { PNG_B64, postCreate, useEmulator } from '../support/emulator.mts';

/** The cursor list `POST /tasks` as documented (docs/reference/kling-api.md#task-reads). */
describe('emulator: the cursor list', () => {
	const env = useEmulator({ concurrency: 20 });
	const list = async (body: unknown) => {
		const res = await fetch(`${env.base}/tasks`, {
			method: 'POST',
			headers: { authorization: `Bearer ${EMULATOR_API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return (await res.json()) as {
			code: number;
			message: string;
			data: {
				result: Array<{ id: string; status: string }>;
				next_cursor: string;
				has_more: boolean;
			};
		};
	};
	const create = async (n: number, prompt = 'a boat') => {
		const ids: string[] = [];
		for (let i = 0; i < n; i++) {
			const res = await postCreate(env.base, '/v1/videos/image2video', {
				model_name: 'kling-v2-6',
				image: PNG_B64,
				prompt,
			});
			ids.push((res.json as unknown as { data: { task_id: string } }).data.task_id);
		}
		return ids;
	};

	it("pages with a cursor that keeps the first page's window and filters", async () => {
		const ids = await create(5);
		const first = await list({ limit: 2 });
		expect(first.data.result).toHaveLength(2);
		expect(first.data.has_more).toBe(true);
		const second = await list({ cursor: first.data.next_cursor, limit: 2 });
		const third = await list({ cursor: second.data.next_cursor, limit: 2 });
		const seen = [...first.data.result, ...second.data.result, ...third.data.result];
		expect(seen.map((t) => t.id).sort()).toEqual([...ids].sort());
		expect(third.data).toMatchObject({ has_more: false, next_cursor: '' });
	});

	it('lists only tasks created in the window, and filters by status and product type', async () => {
		const [ok] = await create(1);
		const [bad] = await create(1, '[fail] x');
		for (const id of [ok, bad]) env.emulator.finishNow(id);
		const now = Date.now();
		expect((await list({ start_time: now + 60_000, end_time: now + 120_000 })).data.result).toEqual(
			[],
		);
		const failed = await list({ filters: [{ key: 'status', values: ['failed'] }] });
		expect(failed.data.result.map((t) => t.id)).toEqual([bad]);
		const images = await list({ filters: [{ key: 'product_type', values: ['image'] }] });
		expect(images.data.result).toEqual([]);
		const asText = await list({ start_time: String(now - 60_000) });
		expect(asText.data.result).toHaveLength(2);
	});

	it.each([
		['start_time not before end_time', { start_time: 2000, end_time: 1000 }],
		['a limit above 500', { limit: 501 }],
		['an unknown filter key', { filters: [{ key: 'model', values: ['kling-v3'] }] }],
		['an unknown status', { filters: [{ key: 'status', values: ['succeed'] }] }],
	])('refuses %s with 400 / 1201', async (_name, body) => {
		expect((await list(body)).code).toBe(1201);
	});
});
