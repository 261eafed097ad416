/** Image to Video's parameters for a plain Generate that polls, shared by the suites that run it. */
export const I2V_BASE = {
	operation: 'generate',
	model: 'kling-v2-6',
	image: 'data',
	prompt: 'A cat walks',
	wait: 'poll',
	waitTimeout: 1,
	pollInterval: 1,
	downloadResult: true,
	binaryPropertyOutput: 'data',
	options: {},
};
