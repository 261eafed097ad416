import type { IDataObject } from 'n8n-workflow';

/**
 * Voices by ID (kling-api-2026.md §3.3, §5.2): Kling 2.6 in Image to Video speaks with up to two
 * of the account's or the preset voices. Written in legacy terms (`voice_list[{voice_id}]`, named
 * <<<voice_N>>> in the prompt); the new standard gets `voice` contents with ids voice_1, voice_2.
 */
export function applyVoices(body: IDataObject, options: IDataObject): void {
	const entries = ((options.voices as IDataObject | undefined)?.voice ?? []) as IDataObject[];
	if (entries.length === 0) return;
	body.voice_list = entries.map((entry) => ({ voice_id: String(entry.id ?? '').trim() }));
}

export function voiceAlias(index: number): string {
	return `voice_${index + 1}`;
}
