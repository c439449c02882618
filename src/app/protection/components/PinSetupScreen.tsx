import { FieldStrings } from '../../i18n/field-strings';
import { PROTECTION_STRINGS } from '../strings';
import { PinSetup } from './PinSetup';

/** What a protected screen shows until the worker has set a PIN. */
export default function PinSetupScreen() {
  return (
    <FieldStrings namespaces={PROTECTION_STRINGS}>
      <div className="screen">
        <PinSetup level={1} />
      </div>
    </FieldStrings>
  );
}
