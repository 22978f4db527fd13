import { describe, expect, it } from 'vitest';
import { listPreview, previewIcon, previewLabel } from './message-preview';

describe('previewIcon', () => {
  it.each([
    ['image', '📷'],
    ['video', '🎥'],
    ['document', '📄'],
    ['audio', '🎤'],
    ['location', '📍'],
    ['contacts', '👤'],
  ])('%s gets %s', (type, icon) => {
    expect(previewIcon(type)).toBe(icon);
  });

  it('leaves text and unknown types alone', () => {
    expect(previewIcon('text')).toBeNull();
    expect(previewIcon('interactive')).toBeNull();
    expect(previewIcon('something-new')).toBeNull();
  });

  it('names media that came without a caption', () => {
    expect(previewLabel('image')).toBe('image');
    expect(previewLabel('text')).toBeNull();
  });
});

describe('listPreview', () => {
  it('puts the type icon before a caption', () => {
    expect(listPreview('image', 'Así lo quiero')).toEqual({ icon: '📷', text: 'Así lo quiero', label: null });
    expect(listPreview('text', 'Hola')).toEqual({ icon: null, text: 'Hola', label: null });
  });

  it('never shows the icon twice when the text already starts with one', () => {
    expect(listPreview('location', '📍 Panadería Sol')).toEqual({
      icon: '📍',
      text: 'Panadería Sol',
      label: null,
    });
    expect(listPreview('audio', '🎵 jingle.ogg')).toEqual({ icon: '🎵', text: 'jingle.ogg', label: null });
  });

  it('names the type when no words are left', () => {
    expect(listPreview('image', null)).toEqual({ icon: '📷', text: null, label: 'image' });
    expect(listPreview('audio', '🎤')).toEqual({ icon: '🎤', text: null, label: 'voice' });
    expect(listPreview('unsupported', null)).toEqual({ icon: null, text: null, label: 'unsupported' });
    expect(listPreview('interactive', null)).toEqual({ icon: null, text: null, label: null });
  });
});
