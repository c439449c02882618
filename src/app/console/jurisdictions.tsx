import { createContext, type ReactNode, useContext } from 'react';
import { z } from 'zod';
import { type ConsoleJurisdiction, ConsoleJurisdictionSchema, consolePaths } from '../../core/console/protocol';
import { type ConsoleQuery, useConsoleQuery } from './query';

const JurisdictionListSchema = z.array(ConsoleJurisdictionSchema);

const JurisdictionsContext = createContext<ConsoleQuery<ConsoleJurisdiction[]> | null>(null);

/** The jurisdictions the signed-in account may see, loaded once for the list, the navigation and every screen. */
export function JurisdictionsProvider({ children }: { children: ReactNode }) {
  const query = useConsoleQuery(consolePaths.jurisdictions, JurisdictionListSchema);
  return <JurisdictionsContext.Provider value={query}>{children}</JurisdictionsContext.Provider>;
}

export function useConsoleJurisdictions(): ConsoleQuery<ConsoleJurisdiction[]> {
  const value = useContext(JurisdictionsContext);
  if (!value) throw new Error('useConsoleJurisdictions needs the console JurisdictionsProvider');
  return value;
}

/** One jurisdiction of the list (name, country, whether this account may edit it); undefined while loading or unknown. */
export function useConsoleJurisdiction(jurisdictionId: string | undefined): ConsoleJurisdiction | undefined {
  return useConsoleJurisdictions().data?.find((jurisdiction) => jurisdiction.id === jurisdictionId);
}
