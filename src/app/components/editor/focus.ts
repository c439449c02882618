/** Moves the focus once React has rendered what was just added or moved. */
export const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
