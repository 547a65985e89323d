// Launches Debian's /usr/bin/chromium through playwright-core with the flags this offline, root
// machine needs. Never downloads a browser. Shared by the end-to-end check and the benchmark.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });

// Collects what a page reports as wrong into `into`: uncaught errors and console errors.
export function watchErrors(page, into) {
  page.on('pageerror', (e) => into.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') into.push(`console error: ${m.text()}`); });
  return into;
}
