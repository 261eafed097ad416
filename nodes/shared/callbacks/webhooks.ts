import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { KlingCredentials } from '../api/providers';
import { verifyStandardWebhook } from './signature';

// Kling takes the callback URL per task, so there is never anything to register remotely.
export const noRemoteWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};

/**
 * Checks a callback's Standard Webhooks signature when the credential has a signing secret.
 * A bad or missing signature is answered with 401 here; the caller then does nothing else.
 * The caller passes the credentials it has read: in a webhook, reading them costs about 0.1 s
 * (measured with five callbacks at once), and the last wave's callbacks all arrive together.
 */
export function checkCallbackSignature(
	ctx: IWebhookFunctions,
	credentials: KlingCredentials,
): 'verified' | 'unsigned' | 'rejected' {
	const secret = credentials.webhookSecret?.trim();
	if (!secret) return 'unsigned';
	const req = ctx.getRequestObject();
	const raw =
		(req as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(req.body ?? {}));
	if (
		verifyStandardWebhook(
			secret,
			ctx.getHeaderData() as IDataObject,
			raw,
			Math.floor(Date.now() / 1000),
		).ok
	) {
		return 'verified';
	}
	ctx.getResponseObject().status(401).json({ error: 'invalid signature' });
	return 'rejected';
}
