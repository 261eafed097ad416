import { describe, expect, it } from 'vitest';

import { generatedExternalId } from '../../../nodes/shared/api/createdTasks.ts';
import { normalizeTask, type KlingTask } from '../../../nodes/shared/api/task.ts';
import { productById } from '../../../nodes/shared/products/registry.ts';
import { eventItem, knownType, onlyTypeOn, wanted } from '../../../nodes/shared/trigger/events.ts';
import { makePollContext } from '../../support/context.mts';

const task = (status: string, external?: string) =>
	normalizeTask({
		id: '930831534075682845',
		status,
		external_id: external,
		create_time: 1,
		update_time: 2,
		outputs: [{ type: 'video', id: 'v1', url: 'https://cdn.example/v1.mp4', duration: '5.0' }],
	}) as KlingTask;

describe('trigger events', () => {
	const i2v = productById('image2video')!;
	const filter = (over = {}) => ({
		statuses: ['succeeded'],
		taskTypes: ['image2video'],
		options: {},
		...over,
	});

	it('knows the type from the external task ID the package generated, else not', () => {
		const ext = generatedExternalId(i2v, '0123456789abcdef01234567', 0);
		expect(knownType(task('succeeded', ext))?.id).toBe('image2video');
		expect(knownType(task('succeeded', 'my-own-id'))).toBeUndefined();
	});

	it('a legacy endpoint serving one product names it; omni-video, shared by two, names none', () => {
		const route = (product: string, path: string) =>
			({
				standard: 'legacy',
				legacy: productById(product)!.endpoints.legacy.find((e) => e.path === path),
			}) as Parameters<typeof onlyTypeOn>[0];
		expect(onlyTypeOn(route('image2video', '/v1/videos/image2video'))?.id).toBe('image2video');
		expect(onlyTypeOn(route('text2video', '/v1/videos/omni-video'))).toBeNull();
	});

	it('wants a task by status and type; one of unknown type as Tasks of Unknown Type says', () => {
		expect(wanted(task('succeeded'), i2v, filter())).toBe(true);
		expect(wanted(task('failed'), i2v, filter())).toBe(false);
		expect(wanted(task('succeeded'), i2v, filter({ taskTypes: ['text2video'] }))).toBe(false);
		expect(wanted(task('succeeded'), null, filter())).toBe(true);
		expect(wanted(task('succeeded'), null, filter({ options: { unknownTaskTypes: 'drop' } }))).toBe(
			false,
		);
	});

	it('builds the item every trigger emits, with the key a Remove Duplicates node can use', async () => {
		const { ctx } = makePollContext({ credentials: {} });
		const how = { apiStandard: 'new' as const, confirmedWithApi: true, signatureVerified: null };
		const item = await eventItem(ctx, task('succeeded'), i2v, how, filter());
		expect(item.json).toMatchObject({
			taskId: '930831534075682845',
			status: 'succeeded',
			taskType: 'image2video',
			confirmedWithApi: true,
			signatureVerified: null,
			deliveryKey: '930831534075682845:succeeded',
			videos: [{ url: 'https://cdn.example/v1.mp4' }],
		});
		expect(item.binary).toBeUndefined();
	});
});
