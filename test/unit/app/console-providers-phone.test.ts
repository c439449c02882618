import { describe, expect, it } from 'vitest';
import { phoneEntryText, readPhoneEntry } from '../../../src/app/features/console-providers/phone-entry';
import { Provider } from '../../../src/core/handbook/schema';

describe('a phone number as a coordinator types it', () => {
  it("is read for the jurisdiction's country however it is spaced or punctuated", () => {
    for (const typed of ['2653 3060', '2653-3060', '26533060', ' 2653 3060 ', '+504 2653-3060']) {
      expect(readPhoneEntry(typed, 'HN'), typed).toEqual({
        status: 'valid',
        e164: '+50426533060',
        display: '2653-3060',
      });
    }
  });

  it('saves the E.164 form that the handbook schema accepts', () => {
    const entry = readPhoneEntry('962 123 4567', 'MX');
    expect(entry).toMatchObject({ status: 'valid', e164: '+529621234567' });
    expect(entry.status === 'valid' && Provider.shape.whatsapp.safeParse(entry.e164).success).toBe(true);
  });

  it('shows a number of another country in international form, as a worker must dial it across the border', () => {
    expect(readPhoneEntry('+502 7765 4321', 'HN')).toEqual({
      status: 'valid',
      e164: '+50277654321',
      display: '+502 7765 4321',
    });
  });

  it('reads the same digits differently in another country', () => {
    expect(readPhoneEntry('822 2222', 'BZ')).toMatchObject({ status: 'valid', e164: '+5018222222' });
    expect(readPhoneEntry('822 2222', 'HN')).toMatchObject({ status: 'invalid', problem: 'too-short' });
  });

  it('says why a number cannot be dialled', () => {
    expect(readPhoneEntry('2653', 'HN')).toEqual({ status: 'invalid', problem: 'too-short' });
    expect(readPhoneEntry('2653 3060 9999 99', 'HN')).toEqual({ status: 'invalid', problem: 'too-long' });
    expect(readPhoneEntry('call the office', 'HN')).toEqual({ status: 'invalid', problem: 'not-a-number' });
    // Eight digits, but no Honduran number starts with 0 or 1.
    expect(readPhoneEntry('0000 0000', 'HN')).toEqual({ status: 'invalid', problem: 'invalid' });
    expect(readPhoneEntry('1234 5678', 'HN')).toEqual({ status: 'invalid', problem: 'invalid' });
  });

  it('treats an empty field as empty, not as a wrong number', () => {
    expect(readPhoneEntry('', 'HN')).toEqual({ status: 'empty' });
    expect(readPhoneEntry('   ', 'HN')).toEqual({ status: 'empty' });
  });

  it('puts a saved number back in the field as the country writes it', () => {
    expect(phoneEntryText('+50426533060', 'HN')).toBe('2653-3060');
    expect(phoneEntryText('+529621234567', 'HN')).toBe('+52 962 123 4567');
    expect(phoneEntryText(undefined, 'HN')).toBe('');
    // A saved value that is not a number is kept as it is, for the coordinator to correct.
    expect(phoneEntryText('+5042653', 'HN')).toBe('+5042653');
  });
});
