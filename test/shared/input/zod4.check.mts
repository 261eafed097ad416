import { describe, expect, it } from 'vitest';
import { z } from 'zod/v3';
import { z as fromZod4 } from 'zod4/v3';

// Run by vitest.zod4.config.mts only: proves that run's schemas really use zod 4's 'zod/v3'.
describe('zod 4', () => {
	it("supplies 'zod/v3' in this run", () => {
		expect(z).toBe(fromZod4);
	});
});
