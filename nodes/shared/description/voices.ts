import type { INodeProperties } from 'n8n-workflow';

import { TTS_VOICES } from '../models/voices';
import { generate } from './show';

/** Kling's text-to-speech voice, chosen by language (Text to Speech, Lip-Sync One-Shot). */
type Show = Record<string, string[]>;

const voice = (language: 'en' | 'zh', fallback: string, when: Show): INodeProperties => ({
	displayName: 'Voice',
	name: 'voice',
	type: 'options',
	default: fallback,
	displayOptions: { show: { operation: ['generate'], ...when, language: [language] } },
	options: TTS_VOICES[language]
		.map(([id, name]) => ({ name: name === id ? id : `${name} (${id})`, value: id }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	description:
		"Kling's voice (type to search). Any other voice ID of the language can be given by expression.",
});

/** `when` adds to when they show (Lip-Sync One-Shot: only in its text mode). */
export const voiceProperties = (when: Show = {}): INodeProperties[] => [
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'en',
		displayOptions: { show: { ...generate.show, ...when } },
		options: [
			{ name: 'English', value: 'en' },
			{ name: 'Chinese', value: 'zh' },
		],
		description: "The voice's language; it must match the voice",
	},
	voice('en', 'girlfriend_4_speech02', when),
	voice('zh', 'genshin_vindi2', when),
];
