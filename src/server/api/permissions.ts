import type { Account } from '../storage/types';

/**
 * What a console route needs of the signed-in person. Admins may do everything; a coordinator
 * reads and changes only the jurisdictions they keep; a trainer reads every handbook (to prepare
 * workshops) and changes nothing.
 */
export type Permission = 'signed-in' | 'read-jurisdiction' | 'edit-jurisdiction' | 'admin';

export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  'signed-in': 'Any signed-in account.',
  'read-jurisdiction': 'Admins, trainers, and coordinators of the jurisdiction.',
  'edit-jurisdiction': 'Admins and coordinators of the jurisdiction.',
  admin: 'Admins only.',
};

export function allows(
  account: Pick<Account, 'role' | 'jurisdictionIds'>,
  permission: Permission,
  jurisdictionId?: string,
): boolean {
  const keeps =
    jurisdictionId !== undefined && account.role === 'coordinator' && account.jurisdictionIds.includes(jurisdictionId);
  switch (permission) {
    case 'signed-in':
      return true;
    case 'read-jurisdiction':
      return account.role === 'admin' || account.role === 'trainer' || keeps;
    case 'edit-jurisdiction':
      return account.role === 'admin' || keeps;
    case 'admin':
      return account.role === 'admin';
  }
}
