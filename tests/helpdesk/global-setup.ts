// The help-desk tests' world: the real product under `wrangler dev` (fresh state, --test-scheduled so a
// test can run the 2-minute cron on demand) on HELPDESK_PORT (default 8790), and the clean Request
// Tracker template every test file restores its own RT from.
import type { TestProject } from 'vitest/node';
import { prepareTemplate, type RtTokens } from './rt';
import { startWranglerDev } from './wrangler-dev';

const PORT = Number(process.env.HELPDESK_PORT ?? 8790);

declare module 'vitest' {
  export interface ProvidedContext {
    helpdeskPort: number;
    rtTemplate: string;
    rtTokens: RtTokens;
  }
}

export default async function setup(project: TestProject) {
  const template = prepareTemplate();
  const stop = await startWranglerDev(PORT, `helpdesk-state-${PORT}`);
  project.provide('helpdeskPort', PORT);
  project.provide('rtTemplate', template.db);
  project.provide('rtTokens', template.tokens);
  return stop;
}
