import type { Address } from '../handbook/schema';
import { type HsdsObject, list, text } from './reading';
import { reportNotKept, type UnitReport } from './unit-report';

// The name is the provider's in most directories (and in Rutas exports); it names the place in this report.
const LOCATION_FIELDS_READ = [
  'id',
  'organization_id',
  'name',
  'location_type',
  'latitude',
  'longitude',
  'addresses',
  'phones',
  'schedules',
  'languages',
];
const ADDRESS_FIELDS_READ = [
  'id',
  'location_id',
  'address_1',
  'address_2',
  'city',
  'state_province',
  'postal_code',
  'country',
  'address_type',
];

export interface Place {
  location: HsdsObject;
  address?: Address;
  latitude?: number;
  longitude?: number;
}

/**
 * The one place Rutas keeps for a provider: the first physical location (where the services are
 * delivered first, then the organization's) with a usable address or coordinates. The others
 * are reported, and so is whatever made a location unusable.
 */
export function mapPlace(locations: HsdsObject[], report: UnitReport): Place | undefined {
  let place: Place | undefined;
  for (const location of locations) {
    if (!report.firstTime('location', location)) continue;
    const label = text(location.name) ?? text(location.id) ?? '';
    if (text(location.location_type) === 'virtual') {
      report.skip('not_kept', location, `the virtual location "${label}" was not imported`);
    } else if (place) {
      report.skip('other_location', location, `Rutas keeps one place per provider; "${label}" was not imported`);
    } else {
      const found = { location, ...coordinatesOf(location, report), ...addressOf(location, report) };
      if (found.address || found.latitude !== undefined) place = found;
    }
  }
  if (place) {
    if (place.latitude !== undefined) {
      report.from('latitude', place.location, 'latitude');
      report.from('longitude', place.location, 'longitude');
    }
    reportNotKept(report, place.location, 'location', LOCATION_FIELDS_READ);
  }
  return place;
}

function coordinatesOf(location: HsdsObject, report: UnitReport): { latitude?: number; longitude?: number } {
  const { latitude, longitude } = location;
  if (typeof latitude === 'number' && typeof longitude === 'number') {
    if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) return { latitude, longitude };
    report.skip('invalid_coordinates', location, `${latitude}, ${longitude} are not coordinates on Earth`, 'latitude');
  } else if (typeof latitude === 'number' || typeof longitude === 'number') {
    report.skip('invalid_coordinates', location, 'only one of latitude and longitude is given', 'latitude');
  }
  return {};
}

function addressOf(location: HsdsObject, report: UnitReport): { address?: Address } {
  const addresses = list(location, 'addresses').filter((a) => text(a.address_type) !== 'virtual');
  const preferred =
    addresses.find((a) => text(a.address_type) === 'physical') ??
    addresses.find((a) => text(a.address_type) === 'postal') ??
    addresses[0];
  for (const other of addresses.filter((a) => a !== preferred)) {
    report.skip('other_location', other, 'Rutas keeps one address per provider; this one was not imported');
  }
  if (!preferred) return {};
  const missing = ['address_1', 'city', 'state_province'].filter((field) => !text(preferred[field]));
  if (missing.length > 0) {
    report.skip('incomplete_address', preferred, `the address lacks ${missing.join(', ')}: enter it in the console`);
    return {};
  }
  const country = text(preferred.country)?.toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) {
    report.skip(
      'incomplete_address',
      preferred,
      `"${country}" is not a two-letter country code (ISO 3166-1)`,
      'country',
    );
    return {};
  }
  const optional = (field: 'address_2' | 'postal_code') => {
    const value = text(preferred[field]);
    return value ? { [field]: value } : {};
  };
  report.from('address', preferred);
  reportNotKept(report, preferred, 'address', ADDRESS_FIELDS_READ);
  return {
    address: {
      address_1: text(preferred.address_1) as string,
      ...optional('address_2'),
      city: text(preferred.city) as string,
      state_province: text(preferred.state_province) as string,
      ...optional('postal_code'),
      // HSDS requires the country; where an export left it out, the address is in the jurisdiction's.
      country: country ?? report.jurisdiction.country,
    },
  };
}
