import { builtinEnvironments } from 'vitest/runtime';

/**
 * Installs Vitest's own jsdom environment (the same window, globals and options as
 * `// @vitest-environment jsdom`) into a test file that runs in the default node environment.
 * Import it first, before React, so react-dom and Testing Library find `document` when they load.
 *
 * Why not the docblock: src/app/components/UpdatePrompt.tsx imports `virtual:pwa-register/react`,
 * a module only vite-plugin-pwa provides. Under `@vitest-environment jsdom`, Vitest 4 transforms
 * modules for Vite's "client" environment, whose import analysis fails on that unresolvable
 * import before `vi.mock` can replace it. In the node environment modules get the "ssr"
 * transform, which leaves the import to Vitest's mocker.
 */
const environment = await builtinEnvironments.jsdom.setup(globalThis, {
  jsdom: { url: 'http://localhost:3000/' },
});

/*
 * jsdom's globals replace ArrayBuffer and the typed arrays with its window's own, while
 * fake-indexeddb (Node's structuredClone) hands back Node's. Dexie's live-query cache then fails to
 * recognise stored bytes as bytes and copies them into plain objects, which WebCrypto refuses
 * (sealed case records). A browser has one realm; this gives the tests one.
 */
const NAMES = ['ArrayBuffer', 'DataView', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array'] as const;
const samples: Record<(typeof NAMES)[number], unknown> = {
  ArrayBuffer: new ArrayBuffer(2),
  DataView: new DataView(new ArrayBuffer(2)),
  Uint8Array: new Uint8Array(2),
  Int8Array: new Int8Array(2),
  Uint16Array: new Uint16Array(2),
  Int16Array: new Int16Array(2),
};
for (const name of NAMES) {
  const own = (structuredClone(samples[name]) as object).constructor;
  Object.defineProperty(globalThis, name, { value: own, configurable: true, writable: true });
}

export async function uninstallJsdom(): Promise<void> {
  await environment.teardown(globalThis);
}
