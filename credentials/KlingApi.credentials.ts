import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { KLING_ERROR_CODES } from '../nodes/shared/api/errors';
import { signKlingJwt } from '../nodes/shared/api/jwt';
import {
	PROBE_TASK_ID,
	PROVIDERS,
	resolveProvider,
	type KlingCredentials,
	type ProviderId,
} from '../nodes/shared/api/providers';

const RELAYS = (Object.keys(PROVIDERS) as ProviderId[]).filter(
	(id) => PROVIDERS[id].pathPrefix === '/kling',
);

// Mirrors nodes/shared/api/providers.ts for the credential test, which n8n evaluates as an expression.
const TEST_BASE_URL =
	'={{ ($credentials.baseUrl || ({ official: ({ singapore: "https://api-singapore.klingai.com", beijing: "https://api-beijing.klingai.com", global: "https://api.klingai.com" })[$credentials.region || "singapore"], cometapi: "https://api.cometapi.com", quickrouter: "https://api.quickrouter.ai", haoee: "https://maas.haoee.com", custom: "" })[$credentials.provider]).replace(/\\/+$/, "") }}';
// The new standard's cheapest read is /tasks for an id that cannot exist (an empty list); the
// legacy one, the first page of the image-to-video list, or on a relay documented without a list,
// its read of a task that cannot exist. Each proves the key without paying (providers.ts).
const TEST_PATH = `={{ (${JSON.stringify(RELAYS)}.includes($credentials.provider) ? "/kling" : "") + ($credentials.apiStandard === "new" ? "/tasks?task_ids=0" : "/v1/videos/image2video" + ((($credentials.relaySettings && ["yes", "no"].includes($credentials.taskList)) ? $credentials.taskList === "yes" : !${JSON.stringify(RELAYS)}.includes($credentials.provider)) ? "" : "/${PROBE_TASK_ID}")) }}`;

const TRISTATE = (name: string) => [
	{ name: `Provider Default`, value: 'default' },
	{ name: `Yes, ${name}`, value: 'yes' },
	{ name: 'No', value: 'no' },
];
const ONLY_WITH_SETTINGS = { show: { relaySettings: [true] }, hide: { provider: ['official'] } };

/** Each changes one assumption of the provider's profile (nodes/shared/api/relaySettings.ts). */
const RELAY_SETTINGS: INodeProperties[] = [
	{
		displayName: 'Relay Settings',
		name: 'relaySettings',
		type: 'boolean',
		default: false,
		displayOptions: { hide: { provider: ['official'] } },
		description:
			'Whether to change what the package assumes about this relay (routes, field spelling, what it can look up). Relays change under us; these settings follow them without waiting for a release.',
	},
	{
		displayName: 'Route Overrides',
		name: 'routeOverrides',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: '/v1/images/multi-image2image = /v1/images/generations',
		displayOptions: ONLY_WITH_SETTINGS,
		description:
			"One per line: Kling's path = the relay's path (both after the relay's /kling prefix), used to create and to read that endpoint's tasks; a new-standard product's path (e.g. /omni-video) is followed by the model ID, or one model's own path is moved (e.g. /omni-video/kling-4.0 = /v2/kling-4.0)",
	},
	{
		displayName: 'Route Overrides',
		name: 'routeOverrides',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: '/omni-video/kling-4.0 = /video/kling-4.0',
		displayOptions: { show: { provider: ['official'] } },
		description:
			"Only where Kling publishes a path other than the one this package assumes. One per line: the package's path = Kling's. Kling 4.0's path is not yet confirmed: the package sends /omni-video/kling-4.0 and /omni-video/kling-4.0-flash.",
	},
	{
		displayName: 'Scene Image Field',
		name: 'sceneImageField',
		type: 'options',
		default: 'default',
		displayOptions: ONLY_WITH_SETTINGS,
		options: [
			{ name: 'Provider Default', value: 'default' },
			{ name: 'Scene Image (scene_image)', value: 'scene_image' },
			{ name: 'Scence Image (scence_image, Older Spelling)', value: 'scence_image' },
		],
		description: "How Multi-Image to Image (Kling 2.1) spells the scene image's field",
	},
	{
		displayName: 'Minimum Images',
		name: 'minImages',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: 4 },
		displayOptions: ONLY_WITH_SETTINGS,
		description:
			"Fewest images the relay's multi-image endpoints take; 0 keeps the provider's default (1)",
	},
	{
		displayName: 'Extra Header Name',
		name: 'extraHeaderName',
		type: 'string',
		default: '',
		placeholder: 'ModelName',
		displayOptions: ONLY_WITH_SETTINGS,
		description: 'A header sent with every request, for relays that ask for one',
	},
	{
		displayName: 'Extra Header Value',
		name: 'extraHeaderValue',
		type: 'string',
		default: '',
		displayOptions: ONLY_WITH_SETTINGS,
	},
	{
		displayName: 'Looks Up Tasks by External ID',
		name: 'externalIdLookup',
		type: 'options',
		default: 'default',
		displayOptions: ONLY_WITH_SETTINGS,
		options: TRISTATE('at /v1/{product}/{external ID}'),
		description:
			'Whether the relay finds a task by its external task ID. Only then is a create whose outcome is unknown (timeout, 5xx) checked and sent again; otherwise the item fails and says how to find the task.',
	},
	{
		displayName: 'Lists Tasks',
		name: 'taskList',
		type: 'options',
		default: 'default',
		displayOptions: ONLY_WITH_SETTINGS,
		options: TRISTATE('with ?pageNum=&pageSize='),
		description: 'Whether the relay serves the task list, which shows many tasks in one read',
	},
	{
		displayName: 'Refuses Duplicate External IDs',
		name: 'uniqueExternalIds',
		type: 'options',
		default: 'default',
		displayOptions: ONLY_WITH_SETTINGS,
		options: TRISTATE('free of charge'),
		description:
			'Whether the relay, like Kling, refuses a second task with the same external task ID without charging: then an uncertain create may be sent again safely',
	},
];

const CONSOLE =
	'<a href="https://app.klingai.com/global/dev" target="_blank">Kling developer console</a>';
const KEY_SOURCES = `From the ${CONSOLE} (API Keys), or for a relay: <a href="https://www.cometapi.com" target="_blank">CometAPI</a> · <a href="https://quickrouter.ai" target="_blank">QuickRouter</a>`;

/**
 * The test answers come back unthrown (ignoreHttpStatusErrors), so these rules can name Kling's
 * own code and meaning: n8n's default for an HTTP error is only its status text ("Unauthorized").
 */
const TEST_CODES = [1000, 1001, 1002, 1003, 1004, 1100, 1101, 1102, 1103];
const testRules: IAuthenticateRuleResponseSuccessBody[] = [
	...TEST_CODES.map((code) => ({
		type: 'responseSuccessBody' as const,
		properties: {
			key: 'code',
			value: code,
			message: `${code}: ${KLING_ERROR_CODES[code].meaning} — ${KLING_ERROR_CODES[code].action}`,
		},
	})),
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'code',
			value: undefined,
			message:
				'The address answered, but not like a Kling API (no "code" in the answer). Check the provider and Base URL.',
		},
	},
];

export class KlingApi implements ICredentialType {
	name = 'klingApi';

	displayName = 'Kling API';

	icon: Icon = { light: 'file:../icons/kling.svg', dark: 'file:../icons/kling.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			default: 'official',
			options: [
				{ name: 'Kling Official API', value: 'official' },
				{ name: 'CometAPI', value: 'cometapi' },
				{ name: 'QuickRouter', value: 'quickrouter' },
				{ name: 'Haoee', value: 'haoee' },
				{
					name: 'Custom Kling-Compatible API',
					value: 'custom',
					description: 'Any relay or gateway that exposes the Kling /v1 task API',
				},
			],
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			default: 'apiKey',
			displayOptions: { show: { provider: ['official'] } },
			options: [
				{ name: 'API Key', value: 'apiKey' },
				{
					name: 'Access Key + Secret Key',
					value: 'accessKey',
					description: 'A short-lived token is signed from the keys for every request',
				},
			],
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'singapore',
			displayOptions: { show: { provider: ['official'] } },
			options: [
				{ name: 'Singapore (api-singapore.klingai.com)', value: 'singapore' },
				{ name: 'Beijing (api-beijing.klingai.com)', value: 'beijing' },
				{ name: 'Legacy Global (api.klingai.com)', value: 'global' },
			],
		},
		{
			displayName: 'API Standard',
			name: 'apiStandard',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Automatic',
					value: 'auto',
					description:
						"Kling's new standard for video models it serves there (official API with an API key), the legacy /v1 standard otherwise",
				},
				{
					name: 'New',
					value: 'new',
					description:
						'Video on the new standard (POST /{product}/{model}, GET /tasks) wherever the model has it. Needs an API key.',
				},
				{
					name: 'Legacy',
					value: 'legacy',
					description:
						'Always the /v1 standard (model_name in the body). Kling 3.0 Turbo is not served there.',
				},
			],
			description:
				'Kling runs two API standards side by side. Images, and access key + secret key, always use the legacy one.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { hide: { authMode: ['accessKey'] } },
			description: `The API key. ${KEY_SOURCES}.`,
		},
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { provider: ['official'], authMode: ['accessKey'] } },
			description: `The access key (AK) from the ${CONSOLE}`,
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { provider: ['official'], authMode: ['accessKey'] } },
			description: `The secret key (SK) shown once next to the access key in the ${CONSOLE}`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://relay.example.com/kling',
			required: true,
			displayOptions: { show: { provider: ['custom'] } },
			description: 'Root of the Kling-compatible API, including any path prefix before /v1',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://gateway.example.com',
			displayOptions: { hide: { provider: ['custom'] } },
			description:
				"Leave empty to use the provider's address. Set it to go through a gateway, proxy or a local emulator.",
		},
		...RELAY_SETTINGS,
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'Optional. When set, the Kling Trigger rejects callbacks without a valid Standard Webhooks signature.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				...resolveProvider(credentials as unknown as KlingCredentials).profile.extraHeaders,
				Authorization: `Bearer ${bearerToken(credentials as unknown as KlingCredentials)}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: TEST_PATH,
			method: 'GET',
			qs: { pageNum: 1, pageSize: 1 },
			ignoreHttpStatusErrors: true,
		},
		rules: testRules,
	};
}

/** A fresh JWT per request for access-key credentials, so no token ever expires in the user's face. */
export function bearerToken(credentials: KlingCredentials): string {
	if ((credentials.provider ?? 'official') === 'official' && credentials.authMode === 'accessKey') {
		return signKlingJwt(
			credentials.accessKey ?? '',
			credentials.secretKey ?? '',
			Math.floor(Date.now() / 1000),
		);
	}
	return credentials.apiKey ?? '';
}
