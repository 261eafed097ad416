import { describe, expect, it } from 'vitest';

import { normalizeTask } from '../../../nodes/shared/api/task.ts';

describe('task normalisation', () => {
	it('reads a legacy task, wrapped in the envelope or not', () => {
		const legacy = {
			task_id: '860260291488919617',
			task_status: 'succeed',
			task_info: { external_task_id: 'order-1' },
			task_result: { videos: [{ id: 'v', url: 'https://cdn/v.mp4', duration: '5.1' }] },
			final_unit_deduction: '1',
			created_at: 1000,
			updated_at: 61_000,
		};
		for (const input of [legacy, { code: 0, request_id: 'r', data: legacy }]) {
			expect(normalizeTask(input)).toMatchObject({
				taskId: '860260291488919617',
				externalTaskId: 'order-1',
				status: 'succeeded',
				videos: [{ id: 'v', url: 'https://cdn/v.mp4', duration: '5.1' }],
				unitsDeducted: '1',
				createdAt: 1000,
				updatedAt: 61_000,
			});
		}
	});

	it('reads a new-standard task with outputs and billing into the same shape', () => {
		const task = normalizeTask({
			id: 't2',
			status: 'succeeded',
			external_id: 'e2',
			outputs: [
				{ type: 'image', url: 'https://cdn/a.png' },
				{ type: 'image', url: 'https://cdn/b.png' },
			],
			billing: [{ charge_type: 'unit', amount: '2' }],
			create_time: 5,
			update_time: 9,
		});
		expect(task).toMatchObject({
			taskId: 't2',
			externalTaskId: 'e2',
			status: 'succeeded',
			images: [
				{ index: 0, url: 'https://cdn/a.png' },
				{ index: 1, url: 'https://cdn/b.png' },
			],
			unitsDeducted: '2',
		});
	});

	it("reads the try-on solution's two shapes: task_id with status on create, succeed on read", () => {
		expect(
			normalizeTask({
				code: 0,
				data: { task_id: '77', status: 'submitted', create_time: 1, external_id: 'n8n-vto-1' },
			}),
		).toMatchObject({ taskId: '77', status: 'submitted', externalTaskId: 'n8n-vto-1' });
		expect(
			normalizeTask({
				id: '77',
				status: 'succeed',
				outputs: [{ type: 'image', url: 'https://cdn.example.com/r.png' }],
			}),
		).toMatchObject({
			status: 'succeeded',
			images: [{ index: 0, url: 'https://cdn.example.com/r.png' }],
		});
	});

	it('is undefined for anything that is not a task', () => {
		expect(normalizeTask({ code: 0, data: {} })).toBeUndefined();
		expect(normalizeTask({ task_id: 'x', task_status: 'weird' })).toBeUndefined();
		expect(normalizeTask('text')).toBeUndefined();
	});

	it('reads what a task cost: units, and money where the account pays from a balance', () => {
		const legacy = normalizeTask({
			task_id: 't',
			task_status: 'succeed',
			final_unit_deduction: '4',
			final_balance_deduction: { quota: '0.56', list_price: '0.7' },
		});
		expect(legacy).toMatchObject({
			unitsDeducted: '4',
			finalBalanceDeduction: { quota: '0.56', list_price: '0.7' },
		});
		const fresh = normalizeTask({
			id: 't',
			status: 'succeeded',
			billing: [
				{ charge_type: 'unit', amount: '2.4', package_type: 'video' },
				{ charge_type: 'cash', amount: '0.34', currency: 'USD', cash_type: 'balance' },
			],
		});
		expect(fresh).toMatchObject({
			unitsDeducted: '2.4',
			finalBalanceDeduction: { charge_type: 'cash', amount: '0.34', currency: 'USD' },
		});
		expect(
			normalizeTask({ task_id: 't', task_status: 'succeed' })?.finalBalanceDeduction,
		).toBeNull();
	});

	it("reads result sounds in each of Kling's three spellings", () => {
		const legacy = normalizeTask({
			task_id: 't2a',
			task_status: 'succeed',
			task_result: {
				audios: [
					{
						id: 'a1',
						url_mp3: 'https://cdn/a.mp3',
						url_wav: 'https://cdn/a.wav',
						duration_mp3: '5.0',
						duration_wav: '5.0',
					},
				],
			},
		});
		expect(legacy?.audios).toEqual([
			{
				id: 'a1',
				url: 'https://cdn/a.mp3',
				mp3Url: 'https://cdn/a.mp3',
				wavUrl: 'https://cdn/a.wav',
				duration: '5.0',
			},
		]);
		const tts = normalizeTask({
			task_id: 'tts',
			task_status: 'succeed',
			task_result: { audios: [{ id: 'a2', url: 'https://cdn/s.mp3', duration: '3.2' }] },
		});
		expect(tts?.audios).toEqual([
			{ id: 'a2', url: 'https://cdn/s.mp3', mp3Url: null, wavUrl: null, duration: '3.2' },
		]);
		const newShape = normalizeTask({
			id: 'n1',
			status: 'succeeded',
			outputs: [
				{
					type: 'audio',
					id: 'a3',
					mp3_url: 'https://cdn/n.mp3',
					wav_url: 'https://cdn/n.wav',
					mp3_duration: '4',
				},
				{ type: 'video', id: 'v', url: 'https://cdn/v.mp4' },
			],
		});
		expect(newShape?.audios).toEqual([
			{
				id: 'a3',
				url: 'https://cdn/n.mp3',
				mp3Url: 'https://cdn/n.mp3',
				wavUrl: 'https://cdn/n.wav',
				duration: '4',
			},
		]);
		expect(newShape?.videos).toHaveLength(1);
		// A video task has none.
		expect(
			normalizeTask({ task_id: 'v', task_status: 'succeed', task_result: {} })?.audios,
		).toEqual([]);
	});

	it('says succeeded for an element as for a task (legacy elements say succeed)', () => {
		const task = normalizeTask({
			task_id: 'e',
			task_status: 'succeed',
			task_result: {
				elements: [
					{ element_id: 1, status: 'succeed' },
					{ element_id: 2, status: 'deleted' },
				],
			},
		});
		expect(task?.elements.map((e) => e.status)).toEqual(['succeeded', 'deleted']);
	});
});
