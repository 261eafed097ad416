import { NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { InputError } from '../../../nodes/shared/core/inputError.ts';
import { asItemError } from '../../../nodes/shared/output/output.ts';
import { TEST_NODE } from '../../support/context.mts';

describe('bad input found before any request', () => {
	it('is an Error of its own kind, which becomes the item’s error with its index', () => {
		const error = new InputError('Prompt: is required');
		expect(error).toBeInstanceOf(Error);
		expect(error).toBeInstanceOf(InputError);
		expect(new Error('x')).not.toBeInstanceOf(InputError);
		const item = asItemError(TEST_NODE, error, 3);
		expect(item).toBeInstanceOf(NodeOperationError);
		expect(item.message).toBe('Prompt: is required');
		expect(
			(item as NodeOperationError & { context: { itemIndex?: number } }).context.itemIndex,
		).toBe(3);
	});
});
