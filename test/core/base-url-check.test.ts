/**
 * The base URL check remembers the last URL it found good (a Worker builds a client per request
 * with the same baseUrl): remembering must never let a bad value through.
 */
import { describe, expect, it } from 'vitest';
import { baseUrlProblem, isBaseUrl } from '../../src/core/url';
import { PlugipayClient } from '../../src/entries/index';

describe('baseUrlProblem after a good URL', () => {
  it('still refuses every bad value, including a missing one', () => {
    expect(baseUrlProblem('https://api.example.com')).toBeUndefined();
    expect(baseUrlProblem('https://api.example.com')).toBeUndefined();
    for (const bad of [undefined, null, '', 'ftp://api.example.com', 'https://api.example.com?x=1', 'https://u:p@api.example.com', 42]) {
      expect(isBaseUrl(bad), String(bad)).toBe(false);
    }
    // The remembered URL is the last good one, not the last one checked.
    expect(baseUrlProblem('https://api.example.com')).toBeUndefined();
  });

  it('a client with a good baseUrl, then one with a bad baseUrl: the second is refused', () => {
    const options = { keyId: 'pk_1', secret: 'sk_1' };
    expect(new PlugipayClient({ ...options, baseUrl: 'https://api.example.com/' }).baseUrl).toBe('https://api.example.com');
    expect(() => new PlugipayClient({ ...options, baseUrl: 'https://user:pw@api.example.com' })).toThrow(/username or password/);
    expect(() => new PlugipayClient({ ...options, baseUrl: 'api.example.com' })).toThrow(/absolute http\(s\) URL/);
  });
});
