import type { INodeProperties } from 'n8n-workflow';

/** When a parameter shows: per operation, in a workflow or as a tool, inside Options. */

export const generate = { show: { operation: ['generate'] } };
export const getTask = { show: { operation: ['getTask'] } };
export const waiting = { show: { wait: ['poll', 'callback'] } };
/** An AI agent fills these itself; a workflow builder fills the regular ones. */
export const generateForTool = { show: { operation: ['generate'], '@tool': [true] } };
export const generateInWorkflow = { show: { operation: ['generate'] }, hide: { '@tool': [true] } };
/** Options inside the Options collection that only mean something when generating. */
export const generateOption = { show: { '/operation': ['generate'] } };

/** Marks options that only apply to Generate, so Get Task's panel does not offer them. */
export const forGenerate = (option: INodeProperties): INodeProperties => ({
	...option,
	displayOptions: {
		...generateOption,
		...option.displayOptions,
		show: { ...option.displayOptions?.show, ...generateOption.show },
	},
});

/** The Options collection: options sorted by name, as n8n's panels list them. */
export const optionsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
});
