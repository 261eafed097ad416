import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'getResourcePacks',
		options: [
			{
				name: 'Get Resource Packs',
				value: 'getResourcePacks',
				action: 'Get resource packs',
				description:
					"The account's resource packs and the units left in each (free; Kling's own API only)",
			},
		],
	},
	{
		displayName: 'Bought in the Last (Days)',
		name: 'lookBackDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3650 },
		default: 400,
		description:
			'Kling lists the packs bought in this window, so it must reach back to the oldest pack still in use (a yearly pack: 366 days or more)',
	},
	{
		displayName: 'Only Usable Packs',
		name: 'onlyUsable',
		type: 'boolean',
		default: false,
		description: 'Whether to leave out packs that have run out or expired',
	},
];
