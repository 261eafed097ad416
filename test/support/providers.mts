import type { IDataObject } from 'n8n-workflow';

import type { RelayBehaviour } from '../../emulator/server.mts';
import type { ProviderId } from '../../nodes/shared/api/providers.ts';
import { EMULATOR_API_KEY } from './context.mts';

/**
 * Each provider as its own docs describe it (docs/reference/kling-api.md#relays), for the emulator to play: what
 * the relay serves, and the credential a user would make for it, pointed at the emulator.
 */
export interface ProviderCase {
	id: ProviderId;
	/** Names the case where two play one provider (set up differently); the id otherwise. */
	name?: string;
	relay?: RelayBehaviour;
	/** Whether a task can be found again by its external task ID there (Get Task). */
	lookup: boolean;
	/** Whether an uncertain create is found again (by lookup, or on the task list); `lookup` if unset. */
	recovers?: boolean;
	credentials(base: string, extra?: IDataObject): IDataObject;
}

const relayCredentials =
	(id: ProviderId) =>
	(base: string, extra: IDataObject = {}) => ({
		provider: id,
		apiKey: EMULATOR_API_KEY,
		baseUrl: base,
		...extra,
	});

/** CometAPI's current page; QuickRouter's and haoee's pages: create and read by task ID only. */
const documentedRelay: RelayBehaviour = {
	prefix: '/kling',
	externalIdLookup: false,
	taskList: false,
	multiImage2imagePath: 'images/multi-image2image',
	sceneImageField: 'scene_image',
	parentTaskId: true,
};

export const PROVIDER_CASES: ProviderCase[] = [
	{
		id: 'official',
		lookup: true,
		credentials: (base, extra = {}) => ({
			provider: 'official',
			authMode: 'apiKey',
			apiKey: EMULATOR_API_KEY,
			apiStandard: 'legacy',
			baseUrl: base,
			...extra,
		}),
	},
	{
		id: 'cometapi',
		relay: documentedRelay,
		lookup: false,
		credentials: relayCredentials('cometapi'),
	},
	{
		id: 'quickrouter',
		relay: documentedRelay,
		lookup: false,
		credentials: relayCredentials('quickrouter'),
	},
	{
		id: 'haoee',
		relay: {
			...documentedRelay,
			sceneImageField: 'scence_image',
			requiredHeader: 'ModelName',
			parentTaskId: false,
		},
		lookup: false,
		credentials: relayCredentials('haoee'),
	},
	{
		// A relay whose list the user found and turned on in Relay Settings (Lists Tasks: yes):
		// an uncertain create is looked for on its newest page, since there is no lookup.
		id: 'quickrouter',
		name: 'quickrouter (list on)',
		relay: { ...documentedRelay, taskList: true },
		lookup: false,
		recovers: true,
		credentials: (base, extra = {}) =>
			relayCredentials('quickrouter')(base, { relaySettings: true, taskList: 'yes', ...extra }),
	},
	{
		// A gateway in front of Kling at its own path, with Kling's lookups and list.
		id: 'custom',
		relay: { prefix: '/gateway', externalIdLookup: true, taskList: true },
		lookup: true,
		credentials: (base, extra = {}) => relayCredentials('custom')(`${base}/gateway`, extra),
	},
];
