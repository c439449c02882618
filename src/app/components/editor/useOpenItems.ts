import { useState } from 'react';

/** Which items of a list are open (by key): a step or an indicator shows its fields when opened. */
export function useOpenItems() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const openItem = (key: string) => setOpen((current) => new Set(current).add(key));
  return { open: open as Set<string>, toggle, openItem };
}
