import { describe, expect, it } from 'vitest';
import type { Notification } from '../../api/types';
import { badgeText, notificationTarget, unreadFetchLimit, withRead } from './unread';

const notice = (id: string, readAt: string | null, caseId: string | null = 'case-1'): Notification => ({
  id,
  caseId,
  template: 'assignment.objected',
  subject: `Subject ${id}`,
  text: 'Text',
  createdAt: '2026-11-02T08:00:00.000Z',
  readAt,
});

describe('the bell', () => {
  it('shows nothing when all is read, the count up to 99, then 99+', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    // It asks for one more than it shows, so "99+" is only said when there are more.
    expect(badgeText(unreadFetchLimit)).toBe('99+');
    expect(badgeText(unreadFetchLimit - 1)).toBe('99');
  });
});

describe('the inbox', () => {
  it('marks one notification read and leaves the others, and one read earlier, as they were', () => {
    const items = [notice('a', null), notice('b', null), notice('c', '2026-11-01T00:00:00.000Z')];
    const after = withRead(items, 'b', '2026-11-02T09:00:00.000Z');
    expect(after.map((item) => item.readAt)).toEqual([null, '2026-11-02T09:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    expect(withRead(items, 'c', '2026-11-02T09:00:00.000Z')[2]?.readAt).toBe('2026-11-01T00:00:00.000Z');
    expect(items[1]?.readAt).toBeNull();
  });

  it('leads to the case a notification is about, and nowhere for one about no case', () => {
    expect(notificationTarget(notice('a', null, 'c 1/2'))).toBe('/cases/c%201%2F2');
    expect(notificationTarget(notice('a', null, null))).toBeNull();
  });
});
