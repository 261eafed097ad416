import { createHmac } from 'crypto';

const JWT_HEADER = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Lifetime of a signed token; Kling's samples use 30 minutes. */
export const JWT_TTL_SECONDS = 1800;
/** Kling's samples back-date `nbf` by 5 s to tolerate clock skew between us and the API. */
export const JWT_NBF_SKEW_SECONDS = 5;

export function base64Url(input: Buffer | string): string {
	return Buffer.from(input)
		.toString('base64')
		.replace(/=+$/, '')
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

/** Signs the HS256 token Kling's legacy API expects: iss = access key, signed with the secret key. */
export function signKlingJwt(accessKey: string, secretKey: string, nowSeconds: number): string {
	const payload = base64Url(
		JSON.stringify({
			iss: accessKey,
			exp: nowSeconds + JWT_TTL_SECONDS,
			nbf: nowSeconds - JWT_NBF_SKEW_SECONDS,
		}),
	);
	const signature = base64Url(
		createHmac('sha256', secretKey).update(`${JWT_HEADER}.${payload}`).digest(),
	);
	return `${JWT_HEADER}.${payload}.${signature}`;
}
