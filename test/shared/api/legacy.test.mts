import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { Attempt, RequestSpec } from '../../../nodes/shared/api/exchange.ts';
import { LegacyProtocol } from '../../../nodes/shared/api/legacy.ts';
import { PROVIDERS } from '../../../nodes/shared/api/providers.ts';
import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import type { KlingTransport } from '../../../nodes/shared/api/transport.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';

const ROUTE: TaskRoute = {
	product: image2video,
	standard: 'legacy',
	legacy: image2video.endpoints.legacy[0],
	model: 'kling-v3',
};
const task = (id: string, external: string | null) => ({
	task_id: id,
	task_status: 'processing',
	task_info: external ? { external_task_id: external } : {},
});

/** A transport answering from a table of paths, recording what was asked. */
function transport(answers: Record<string, Attempt>, profile = PROVIDERS.official) {
	const asked: RequestSpec[] = [];
	const missing: Attempt = { ok: false, failure: { kind: 'api', httpCode: 404, klingCode: 1203 } };
	const http = {
		provider: { profile },
		readOrFailure: async (spec: RequestSpec) => {
			asked.push(spec);
			const key = `${spec.path}${spec.qs ? `?${new URLSearchParams(spec.qs as Record<string, string>)}` : ''}`;
			return answers[key] ?? missing;
		},
		createOnce: async (spec: RequestSpec) => {
			asked.push(spec);
			return { status: 'created', task: { taskId: 'new' }, recovered: false };
		},
		error: () => new Error('failed'),
	} as unknown as KlingTransport;
	return { protocol: new LegacyProtocol(http), asked };
}

describe("Kling's legacy standard", () => {
	it('finds a task by external ID in the path, else by the query form', async () => {
		const { protocol, asked } = transport({
			'/v1/videos/image2video?external_task_id=ext-1': {
				ok: true,
				data: [task('t1', 'ext-1')],
			},
		});
		expect((await protocol.findByExternalId(ROUTE, 'ext-1'))?.taskId).toBe('t1');
		expect(asked.map((a) => a.path)).toEqual([
			'/v1/videos/image2video/ext-1',
			'/v1/videos/image2video',
		]);
	});

	it('does not take another task for the one asked for', async () => {
		const { protocol } = transport({
			'/v1/videos/image2video/ext-1': { ok: true, data: task('t9', 'ext-other') },
		});
		expect(await protocol.findByExternalId(ROUTE, 'ext-1')).toBeUndefined();
	});

	it('reads a wave of tasks from one list page, keeping only the ones asked for', async () => {
		const { protocol, asked } = transport({
			'/v1/videos/image2video?pageNum=1&pageSize=22': {
				ok: true,
				data: [task('t1', 'e1'), task('t2', 'e2'), task('t3', 'e3')],
			},
		});
		const read = await protocol.readMany(ROUTE, ['t1', 't3'], 'taskId');
		expect(read?.map((t) => t.taskId)).toEqual(['t1', 't3']);
		expect(asked).toHaveLength(1);
		const relay = transport({}, PROVIDERS.cometapi);
		expect(await relay.protocol.readMany(ROUTE, ['t1'], 'taskId')).toBeUndefined();
		expect(relay.asked).toHaveLength(0);
	});

	it('writes element IDs above 2^53 as the exact JSON integers Kling documents', async () => {
		const { protocol, asked } = transport({});
		const body: IDataObject = {
			model_name: 'kling-v3',
			external_task_id: 'ext-1',
			element_list: [{ element_id: '829836802793406551' }],
		};
		await protocol.create(ROUTE, body);
		expect(asked[0].body).toBe(
			'{"model_name":"kling-v3","external_task_id":"ext-1","element_list":[{"element_id":829836802793406551}]}',
		);
	});
});

describe('an uncertain create on a relay that lists tasks but has no lookup', () => {
	const profile = { ...PROVIDERS.quickrouter, taskList: true };
	const LIST = '/kling/v1/videos/image2video?pageNum=1&pageSize=100';
	const at = (id: string, external: string, createdAt: number) => ({
		...task(id, external),
		created_at: createdAt,
	});
	/** The recovery the create hands to the transport, run against one answer of the list. */
	async function recoverWith(answer: Attempt | undefined) {
		let safety: { recover?: () => Promise<unknown> } = {};
		const { protocol } = transport(answer ? { [LIST]: answer } : {}, profile);
		const http = (protocol as unknown as { http: KlingTransport }).http as unknown as {
			createOnce: (spec: RequestSpec, s: typeof safety) => Promise<unknown>;
		};
		http.createOnce = async (_spec, s) => (safety = s);
		await protocol.create(ROUTE, { external_task_id: 'mine' });
		return await safety.recover!();
	}
	const now = Date.now();
	const others = (n: number, createdAt: number) =>
		Array.from({ length: n }, (_, i) => at(`o${i}`, `other-${i}`, createdAt));

	it('finds it on the newest page', async () => {
		const found = await recoverWith({ ok: true, data: [...others(3, now), at('t1', 'mine', now)] });
		expect((found as { taskId: string }).taskId).toBe('t1');
	});

	it('"not there" is an answer only when the page holds the whole list or reaches back past it', async () => {
		expect(await recoverWith({ ok: true, data: others(3, now) })).toBeUndefined();
		const reachesBack = [...others(99, now), at('old', 'old', now - 10 * 60_000)];
		expect(await recoverWith({ ok: true, data: reachesBack })).toBeUndefined();
		// A full page of newer tasks: it may be further down, so the create is not sent again.
		expect(await recoverWith({ ok: true, data: others(100, now) })).toBe('unknown');
	});

	it('a list that cannot be read leaves the outcome unknown', async () => {
		expect(await recoverWith(undefined)).toBe('unknown');
		expect(await recoverWith({ ok: true, data: { not: 'a list' } })).toBe('unknown');
	});
});
