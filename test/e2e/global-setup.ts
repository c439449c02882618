import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startBuiltApp } from '../support/app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** Builds the app when sources changed and serves it for every end-to-end test file. */
export default async function setup(project: TestProject) {
  const app = await startBuiltApp();
  project.provide('appUrl', app.url);
  return () => app.close();
}
