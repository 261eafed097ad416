import { describe, expect, it } from 'vitest';

import { TTS_VOICES } from '../../../nodes/shared/models/voices.ts';

/** Kling's text-to-speech voices (docs/reference/kling-api.md#audio): data the panels list. */
describe('TTS_VOICES', () => {
	it('lists each language once per voice ID, with IDs Kling would take', () => {
		for (const language of ['en', 'zh'] as const) {
			const ids = TTS_VOICES[language].map(([id]) => id);
			expect(new Set(ids).size, language).toBe(ids.length);
			for (const id of ids) expect(id).toMatch(/^[\w-]+$/);
		}
		expect(TTS_VOICES.en.length).toBe(27);
		expect(TTS_VOICES.zh.length).toBe(35);
		// The same ID in both languages is two voices: the node sends the pair.
		expect(TTS_VOICES.zh.map(([id]) => id)).toContain('ai_shatang');
		expect(TTS_VOICES.en.map(([id]) => id)).toContain('ai_shatang');
	});
});
