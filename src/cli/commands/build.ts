import { build } from 'vite';

/** `rutas build`: validates routes-data/ and builds the app with the sample handbooks into dist/. */
export async function buildCommand(): Promise<number> {
  try {
    await build({ logLevel: 'warn' });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}
