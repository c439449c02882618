/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

/** The app's version from package.json, set at build time. */
declare const __APP_VERSION__: string;

/** The Ed25519 public key (raw, base64url) whose signatures the app accepts, pinned at build time. */
declare const __RUTAS_PUBLIC_KEY__: string;
