import { describe, expect, it } from 'vitest';
import { ownOrigins } from './csrf';

describe("Charla's own origins", () => {
  it('are PUBLIC_URL’s alone on a real host name', () => {
    expect([...ownOrigins('https://charla.example.com')]).toEqual(['https://charla.example.com']);
  });

  it('include the other loopback names on the same port, never another port', () => {
    const own = ownOrigins('http://127.0.0.1:3000');
    expect(own.has('http://localhost:3000')).toBe(true);
    expect(own.has('http://[::1]:3000')).toBe(true);
    expect(own.has('http://127.0.0.1:3001')).toBe(false);
    expect(own.has('http://localhost:8080')).toBe(false);
    expect(own.has('http://evil.localhost:3000')).toBe(false);
  });
});
