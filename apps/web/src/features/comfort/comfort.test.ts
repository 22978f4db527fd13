import { describe, expect, it } from 'vitest';
import { isEditableTarget, shortcutFor, stepId } from './keys';
import { takeNewInbound } from './new-messages';
import { defaultSettings, parseSettings, settingsKey } from './settings';
import { formatTitle, sumUnread } from './title';

describe('tab title', () => {
  it('shows the unread count before the name', () => {
    expect(formatTitle(3)).toBe('(3) Charla');
    expect(formatTitle(0)).toBe('Charla');
    expect(formatTitle(-2)).toBe('Charla');
    expect(formatTitle(Number.NaN)).toBe('Charla');
    expect(formatTitle(150)).toBe('(99+) Charla');
  });

  it('sums unreadCount over every loaded page', () => {
    const pages = [{ items: [{ unreadCount: 2 }, { unreadCount: 0 }] }, { items: [{ unreadCount: 1 }] }];
    expect(sumUnread(pages)).toBe(3);
    expect(sumUnread([])).toBe(0);
  });
});

const element = (tagName: string, attributes: Record<string, string> = {}, isContentEditable = false) => ({
  tagName,
  isContentEditable,
  getAttribute: (name: string) => attributes[name] ?? null,
});

const key = (k: string, target: unknown = element('BODY'), extra: Partial<KeyboardEventInit> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target,
  ...extra,
});

describe('editable targets', () => {
  it('treats text fields and contenteditable as editable', () => {
    expect(isEditableTarget(element('INPUT'))).toBe(true);
    expect(isEditableTarget(element('input', { type: 'search' }))).toBe(true);
    expect(isEditableTarget(element('TEXTAREA'))).toBe(true);
    expect(isEditableTarget(element('SELECT'))).toBe(true);
    expect(isEditableTarget(element('DIV', {}, true))).toBe(true);
    expect(isEditableTarget(element('DIV', { contenteditable: 'true' }))).toBe(true);
    expect(isEditableTarget(element('DIV', { role: 'textbox' }))).toBe(true);
  });

  it('does not treat buttons, checkboxes or the page as editable', () => {
    expect(isEditableTarget(element('BUTTON'))).toBe(false);
    expect(isEditableTarget(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isEditableTarget(element('DIV', { contenteditable: 'false' }))).toBe(false);
    expect(isEditableTarget(element('BODY'))).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});

describe('shortcuts', () => {
  it('maps keys to actions', () => {
    expect(shortcutFor(key('j'))).toBe('next');
    expect(shortcutFor(key('k'))).toBe('previous');
    expect(shortcutFor(key('ArrowDown', undefined, { altKey: true }))).toBe('next');
    expect(shortcutFor(key('ArrowUp', undefined, { altKey: true }))).toBe('previous');
    expect(shortcutFor(key('e'))).toBe('resolve');
    expect(shortcutFor(key('a'))).toBe('assign');
    expect(shortcutFor(key('/'))).toBe('search');
    expect(shortcutFor(key('?', undefined, { shiftKey: true }))).toBe('help');
  });

  it('ignores keys typed into fields, with modifiers, or plain arrows', () => {
    expect(shortcutFor(key('j', element('TEXTAREA')))).toBeNull();
    expect(shortcutFor(key('e', element('INPUT')))).toBeNull();
    expect(shortcutFor(key('/', element('DIV', {}, true)))).toBeNull();
    expect(shortcutFor(key('ArrowDown', element('TEXTAREA'), { altKey: true }))).toBeNull();
    expect(shortcutFor(key('j', undefined, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('k', undefined, { metaKey: true }))).toBeNull();
    expect(shortcutFor(key('ArrowDown'))).toBeNull();
    expect(shortcutFor(key('x'))).toBeNull();
    expect(shortcutFor({ ...key('e'), repeat: true })).toBeNull();
    expect(shortcutFor({ ...key('j'), defaultPrevented: true })).toBeNull();
  });

  it('steps through the visible list without wrapping', () => {
    const ids = ['a', 'b', 'c'];
    expect(stepId(ids, undefined, 1)).toBe('a');
    expect(stepId(ids, undefined, -1)).toBe('c');
    expect(stepId(ids, 'a', 1)).toBe('b');
    expect(stepId(ids, 'b', -1)).toBe('a');
    expect(stepId(ids, 'c', 1)).toBeNull();
    expect(stepId(ids, 'a', -1)).toBeNull();
    expect(stepId([], 'a', 1)).toBeNull();
  });
});

describe('settings', () => {
  it('are keyed by user and parsed defensively', () => {
    expect(settingsKey('u1')).toBe('charla.comfort.u1');
    expect(parseSettings(null)).toEqual(defaultSettings);
    expect(parseSettings('not json')).toEqual(defaultSettings);
    expect(parseSettings('{"notifications":true,"sound":false}')).toEqual({
      notifications: true,
      sound: false,
      mentions: true,
    });
    // Mentions are on unless the member turned them off.
    expect(defaultSettings.mentions).toBe(true);
    expect(parseSettings('{"mentions":false}').mentions).toBe(false);
    expect(parseSettings('{"notifications":"yes"}')).toEqual(defaultSettings);
  });
});

describe('new customer messages', () => {
  const conversation = (id: string, at: string, direction: 'inbound' | 'outbound' = 'inbound') => ({
    id,
    lastMessage: { text: 'hola', type: 'text', direction, status: null, at },
  });

  it('reports only inbound messages newer than those seen', () => {
    const seen = new Map<string, string>();
    const since = '2025-01-01T10:00:00.000Z';
    expect(takeNewInbound(seen, [conversation('c1', '2025-01-01T09:00:00.000Z')], since)).toEqual([]);
    expect(takeNewInbound(seen, [conversation('c1', '2025-01-01T09:00:00.000Z')], since)).toEqual([]);
    const newer = conversation('c1', '2025-01-01T10:05:00.000Z');
    expect(takeNewInbound(seen, [newer], since)).toEqual([newer]);
    expect(takeNewInbound(seen, [conversation('c1', '2025-01-01T10:06:00.000Z', 'outbound')], since)).toEqual(
      [],
    );
    const fresh = conversation('c2', '2025-01-01T10:07:00.000Z');
    expect(takeNewInbound(seen, [fresh], since)).toEqual([fresh]);
  });
});
