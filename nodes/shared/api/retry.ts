import type { KlingFailure } from './errors';

export interface RetryPolicy {
	/** Attempts for idempotent reads (first try included). */
	readAttempts: number;
	/** Attempts for a task create (first try included). */
	createAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	readAttempts: 6,
	createAttempts: 5,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	timeoutMs: 60_000,
};

const RETRYABLE_CODES = new Set([1302, 1303, 5000, 5001, 5002]);
/**
 * Account-level refusals (exception, arrears, resource pack exhausted, IP whitelist): HTTP 429,
 * but no wait helps. The item fails at once with what to do (api/errors.ts).
 */
const ACCOUNT_REFUSALS = new Set([1100, 1101, 1102, 1304]);

export function isRetryable(failure: KlingFailure): boolean {
	if (failure.kind === 'cancelled') return false;
	// A gateway's 4xx page (not 429) says the request itself is wrong: sending it again cannot help.
	if (failure.kind === 'edge') {
		const http = failure.httpCode ?? 0;
		return !(http >= 400 && http < 500 && http !== 429);
	}
	if (failure.kind !== 'api') return true;
	if (failure.klingCode !== undefined && ACCOUNT_REFUSALS.has(failure.klingCode)) return false;
	if (failure.klingCode !== undefined && RETRYABLE_CODES.has(failure.klingCode)) return true;
	return failure.httpCode === 429 || (failure.httpCode ?? 0) >= 500;
}

/**
 * Rejected by the rate limiter before Kling accepted anything: safe to send the same create again.
 * Not an account-level refusal: that would be refused again.
 */
export function rejectedBeforeAcceptance(failure: KlingFailure): boolean {
	if (failure.klingCode !== undefined && ACCOUNT_REFUSALS.has(failure.klingCode)) return false;
	if (failure.klingCode === 1302) return true;
	return failure.httpCode === 429 && failure.klingCode !== 1303;
}

/** Kling's answer to a second task with an external task ID it already has (400 / 1201, free). */
export function isTaken(failure: KlingFailure): boolean {
	return failure.klingCode === 1201 && /already exist/i.test(failure.klingMessage ?? '');
}

/** The create may or may not have produced a task; only a lookup can tell. */
export function outcomeUnknown(failure: KlingFailure): boolean {
	if (failure.kind === 'cancelled') return false;
	if (failure.kind === 'edge' && !isRetryable(failure)) return false;
	if (failure.kind !== 'api') return true;
	return (
		(failure.httpCode ?? 0) >= 500 || (failure.klingCode !== undefined && failure.klingCode >= 5000)
	);
}

export function looksLikeMissing(failure: KlingFailure): boolean {
	return (
		failure.kind === 'api' &&
		(failure.httpCode === 404 ||
			failure.httpCode === 400 ||
			failure.klingCode === 1203 ||
			failure.klingCode === 1201)
	);
}
