import type { IDataObject } from 'n8n-workflow';

/**
 * Elements (kling-api-2026.md §5.1): characters or objects made once and used in many
 * generations, referenced by ID. IDs can exceed 2^53, so they stay strings here and in the new
 * standard's `contents[]`; the legacy standard's `element_list` gets them as JSON integers, written
 * digit for digit when api/legacy.ts serializes the body, never through a JavaScript number.
 */

/** Writes the Elements option into a legacy body as `element_list[{element_id}]`. */
export function applyElements(body: IDataObject, options: IDataObject): void {
	const entries = ((options.elements as IDataObject | undefined)?.element ?? []) as IDataObject[];
	if (entries.length === 0) return;
	body.element_list = entries.map((entry) => ({ element_id: String(entry.id ?? '').trim() }));
}

/** The new standard names each element in the prompt by an id of its own: element_1, element_2, … */
export function elementAlias(index: number): string {
	return `element_${index + 1}`;
}
