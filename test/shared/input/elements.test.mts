import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { applyIdList, idContents } from '../../../nodes/shared/input/elements.ts';

describe('elements and voices by ID', () => {
	it('writes the option into the legacy list, keeping IDs above 2^53 as exact strings', () => {
		const body: IDataObject = {};
		applyIdList(body, { elements: { element: [{ id: ' 829836802793406551 ' }] } }, 'element');
		applyIdList(body, { voices: { voice: [{ id: 'v-1' }, { id: 'v-2' }] } }, 'voice');
		expect(body).toEqual({
			element_list: [{ element_id: '829836802793406551' }],
			voice_list: [{ voice_id: 'v-1' }, { voice_id: 'v-2' }],
		});
		const none: IDataObject = {};
		applyIdList(none, {}, 'element');
		expect(none).toEqual({});
	});

	it('gives the new standard element and voice contents named element_1, voice_1, …', () => {
		expect(
			idContents({
				element_list: [{ element_id: '829836802793406551' }],
				voice_list: [{ voice_id: 'v-1' }, { voice_id: 'v-2' }],
			}),
		).toEqual([
			{ type: 'element', element_id: '829836802793406551', id: 'element_1' },
			{ type: 'voice', voice_id: 'v-1', id: 'voice_1' },
			{ type: 'voice', voice_id: 'v-2', id: 'voice_2' },
		]);
	});
});
