/** The console page of a jurisdiction. */
export function jurisdictionPage(jurisdictionId: string, section = ''): string {
  return `/admin/j/${encodeURIComponent(jurisdictionId)}${section ? `/${section}` : ''}`;
}

/** Where a record of the draft is edited, from its key (`provider/casa-refugio` → the provider's editor). */
export function recordEditorPage(jurisdictionId: string, key: string): string {
  const [kind, id = ''] = key.split('/');
  if (kind === 'provider') return jurisdictionPage(jurisdictionId, `providers/${encodeURIComponent(id)}`);
  if (kind === 'route') return jurisdictionPage(jurisdictionId, 'route');
  if (kind === 'checklist') return jurisdictionPage(jurisdictionId, `checklists/${encodeURIComponent(id)}`);
  return jurisdictionPage(jurisdictionId);
}
