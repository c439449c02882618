import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startBuiltApp } from '../support/app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    /** The running server's store (SQLite under this folder), where tests publish as a coordinator. */
    appDataDir: string;
  }
}

/** Builds the app when sources or the signing key changed, and serves it with its store for every end-to-end test file. */
export default async function setup(project: TestProject) {
  const app = await startBuiltApp();
  project.provide('appUrl', app.url);
  project.provide('appDataDir', app.dataDir);
  return () => app.close();
}
