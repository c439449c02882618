import { describe, expect, it } from 'vitest';
import {
  arrangeDevices,
  type ConsoleDevice,
  deviceStatus,
  shortDeviceId,
} from '../../../src/app/features/console-devices/components/device-status';
import {
  groupEnrolmentCode,
  svgImageSource,
} from '../../../src/app/features/console-devices/components/enrolment-code';

const device = (id: string, changes: Partial<ConsoleDevice> = {}): ConsoleDevice => ({
  id,
  enrolledAt: '2026-01-01T10:00:00Z',
  revokedAt: null,
  lastSeenAt: '2026-03-01T10:00:00Z',
  releaseNumber: 4,
  outOfDate: false,
  ...changes,
});

describe('an enrolment code as the coordinator reads it aloud', () => {
  it('comes in three groups of four', () => {
    expect(groupEnrolmentCode('ABCD2345EFGH')).toEqual(['ABCD', '2345', 'EFGH']);
  });

  it('is grouped the same however the server spaced or cased it', () => {
    expect(groupEnrolmentCode('abcd-2345 efgh')).toEqual(['ABCD', '2345', 'EFGH']);
  });

  it('keeps a shorter last group rather than dropping characters', () => {
    expect(groupEnrolmentCode('ABCDEF')).toEqual(['ABCD', 'EF']);
  });
});

describe('the QR code image', () => {
  it('is a data: URL the browser shows as a picture, with the markup encoded rather than injected', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><path d="M0 0h1v1H0z"/></svg>';
    const source = svgImageSource(svg);
    expect(source.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(source).not.toContain('<');
    expect(decodeURIComponent(source.slice(source.indexOf(',') + 1))).toBe(svg);
  });
});

describe('enrolled devices on the devices screen', () => {
  it('a device holding an older release is out of date; one that never synced is told apart', () => {
    expect(deviceStatus(device('a', { outOfDate: true, releaseNumber: 2 }))).toBe('out-of-date');
    expect(deviceStatus(device('b', { releaseNumber: null, lastSeenAt: null }))).toBe('never-synced');
    // The server marks a device without any release out of date too; it is told apart all the same.
    expect(deviceStatus(device('b', { releaseNumber: null, lastSeenAt: null, outOfDate: true }))).toBe('never-synced');
    expect(deviceStatus(device('c'))).toBe('current');
  });

  it('lists out-of-date devices first, the longest silent at the top, and keeps revoked ones apart', () => {
    const { active, revoked } = arrangeDevices([
      device('current'),
      device('revoked-early', { revokedAt: '2026-02-01T00:00:00Z' }),
      device('behind-recent', { outOfDate: true, lastSeenAt: '2026-03-05T00:00:00Z' }),
      device('never', { releaseNumber: null, lastSeenAt: null }),
      device('behind-long', { outOfDate: true, lastSeenAt: '2026-01-05T00:00:00Z' }),
      device('revoked-late', { revokedAt: '2026-03-02T00:00:00Z', outOfDate: true }),
    ]);
    expect(active.map((d) => d.id)).toEqual(['behind-long', 'behind-recent', 'never', 'current']);
    expect(revoked.map((d) => d.id)).toEqual(['revoked-late', 'revoked-early']);
  });

  it('shows a device by the first eight characters of its id', () => {
    expect(shortDeviceId('3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b')).toBe('3f2b8c1e');
  });
});
