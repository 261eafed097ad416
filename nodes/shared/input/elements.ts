import type { IDataObject } from 'n8n-workflow';

import { referenceId } from './promptReferences';

/**
 * Elements and voices by ID (docs/reference/kling-api.md#image-to-video, docs/reference/kling-api.md#elements-and-voices): made once, used in many generations.
 * Written in legacy terms (`element_list[{element_id}]`, `voice_list[{voice_id}]`, named
 * <<<element_N>>> / <<<voice_N>>> in the prompt); the new standard gets `element` / `voice`
 * contents with ids element_1, voice_1, … Element IDs can exceed 2^53, so they stay strings here
 * and in `contents[]`; api/legacy.ts writes them into legacy bodies as exact JSON integers.
 */
export const ID_LISTS = {
	element: { option: 'elements', list: 'element_list', key: 'element_id' },
	voice: { option: 'voices', list: 'voice_list', key: 'voice_id' },
} as const;
export type IdKind = keyof typeof ID_LISTS;

/** Writes the node's Elements or Voices option into a legacy body. */
export function applyIdList(body: IDataObject, options: IDataObject, kind: IdKind): void {
	const { option, list, key } = ID_LISTS[kind];
	const entries = ((options[option] as IDataObject | undefined)?.[kind] ?? []) as IDataObject[];
	if (entries.length === 0) return;
	body[list] = entries.map((entry) => ({ [key]: String(entry.id ?? '').trim() }));
}

/** The new standard's contents for a legacy body's element and voice lists. */
export function idContents(body: IDataObject): IDataObject[] {
	return (Object.keys(ID_LISTS) as IdKind[]).flatMap((kind) => {
		const { list, key } = ID_LISTS[kind];
		return ((body[list] ?? []) as IDataObject[]).map((entry, n) => ({
			type: kind,
			[key]: entry[key],
			id: referenceId(kind, n + 1),
		}));
	});
}
