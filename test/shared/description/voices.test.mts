import { describe, expect, it } from 'vitest';

import { voiceProperties } from '../../../nodes/shared/description/voices.ts';

/** The Language and Voice parameters: one voice list per language, shown only with it. */
describe('voiceProperties', () => {
	it('shows the voices of the chosen language, and only when `when` holds', () => {
		const [language, english, chinese] = voiceProperties({ speak: ['text'] });
		expect(language).toMatchObject({
			name: 'language',
			displayOptions: { show: { operation: ['generate'], speak: ['text'] } },
		});
		expect(english.displayOptions?.show).toEqual({
			operation: ['generate'],
			speak: ['text'],
			language: ['en'],
		});
		expect(chinese.displayOptions?.show?.language).toEqual(['zh']);
		const names = (english.options as Array<{ name: string; value: string }>).map((o) => o.name);
		expect(names).toContain('Melody (girlfriend_4_speech02)');
		expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
		expect(english.default).toBe('girlfriend_4_speech02');
	});
});
