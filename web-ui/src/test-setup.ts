import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { setRules } from './rules';
import { learnChangePolicy } from './api';
import serverRules from './generated/rules.json';
import type { Rules } from './rules';

// what GET /api/rules answers (UiContractFilesTest on the server keeps this file true)
setRules(serverRules as Rules);

// jsdom does not scroll; the router scrolls to the top on each new page
window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
  // four-eyes, as the API client last learnt it, is off again for the next test
  learnChangePolicy(0);
});
