import type { i18n as I18n } from 'i18next';
import { type ReactNode, useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RutasDatabase } from '../../../../src/app/db/database';
import { DexieHandbookStore } from '../../../../src/app/handbook/dexie-store';
import { CurrentHandbookProvider, HandbookStoreProvider } from '../../../../src/app/handbook/hooks';
import type { JurisdictionHandbook } from '../../../../src/app/handbook/types';
import { ProtectionProvider, useProtection } from '../../../../src/app/protection/ProtectionProvider';
import { createPin, type Vault } from '../../../../src/app/protection/vault';

/** A device database with the worker's PIN set, and its open vault. */
export interface CaseDevice {
  db: RutasDatabase;
  vault: Vault;
}

/** A fresh device with a PIN set (few iterations: a unit test needs speed, not strength). */
export async function deviceWithPin(name: string): Promise<CaseDevice> {
  const db = new RutasDatabase(name);
  await db.open();
  return { db, vault: await createPin(db, '482913', 'digits', 1_000) };
}

function Unlocked({ vault, children }: { vault: Vault; children: ReactNode }) {
  const { status, unlocked } = useProtection();
  useEffect(() => unlocked(vault), [unlocked, vault]);
  return status === 'unlocked' ? children : null;
}

/** What the case screens run inside in the app: strings, the device store, an unlocked vault, the jurisdiction. */
export function UnlockedDevice({
  i18n,
  device,
  handbook,
  children,
}: {
  i18n: I18n;
  device: CaseDevice;
  handbook: JurisdictionHandbook;
  children: ReactNode;
}) {
  return (
    <I18nextProvider i18n={i18n}>
      <HandbookStoreProvider value={{ store: new DexieHandbookStore(device.db), db: device.db }}>
        <ProtectionProvider>
          <Unlocked vault={device.vault}>
            <CurrentHandbookProvider value={handbook}>{children}</CurrentHandbookProvider>
          </Unlocked>
        </ProtectionProvider>
      </HandbookStoreProvider>
    </I18nextProvider>
  );
}
