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

export async function uninstallJsdom(): Promise<void> {
  await environment.teardown(globalThis);
}
