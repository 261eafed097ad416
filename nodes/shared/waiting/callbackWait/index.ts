/**
 * Wait mode "Until Kling Calls Back": every task gets this execution's resume URL as its
 * callback_url, the execution is saved as waiting, and each callback runs `resumeFromCallback`.
 * A resumed node is passed through by n8n without running `execute` again, and n8n drops the
 * waiting run's data before the webhook runs, so the webhook rebuilds what it needs: the batch key
 * and item count travel in the callback URL, the per-item settings are evaluated again against
 * the node's input items (which n8n keeps), and the tasks are found by their external task IDs.
 */
export { pauseItem, resumeCallbackUrl, resumeWebhooks } from './pause';
export { readBatch, rememberTaskIds } from './batch';
export { resumeFromCallback } from './resume';
