import { build } from 'vite';

/**
 * `rutas build`: validates routes-data/ and builds the app into `outDir` with the latest
 * public releases of the store (RUTAS_DATA_DIR / DATABASE_URL) and its pinned public key.
 */
export async function buildCommand({ outDir = 'dist' }: { outDir?: string } = {}): Promise<number> {
  // vite.config.ts imports the server's TypeScript (extensionless imports), which a future
  // native config loader would not accept; the bundling loader used today does.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  try {
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}
