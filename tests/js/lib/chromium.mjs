// How every test and benchmark launches Chromium (playwright-core): Debian's
// binary (CHROMIUM_PATH overrides it), headless, and as root offline — no
// sandbox, no GPU, no background networking, updates or sync.

/** The Chromium binary. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The flags every launch takes. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Options for `chromium.launch` / `launchPersistentContext`, with `extra` added. */
export function chromiumOptions(extra = {}) {
  return { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...extra };
}
