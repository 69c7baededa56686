/**
 * People's own words on the screens are bidi-isolated (client/common/bidi.tsx):
 * a right-to-left name inside a translated sentence cannot reorder the words
 * around it, and a placeholder that is not a person stays plain text.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fillIsolated } from '../../client/common/bidi.tsx';

const html = (template: string, params?: Record<string, string | number>) => renderToStaticMarkup(<p>{fillIsolated(template, params)}</p>);

describe('fillIsolated', () => {
  it('wraps the name in <bdi> and leaves the other placeholders plain', () => {
    expect(html('{name} ({tier}) joined the show', { name: 'גל\u202eevil', tier: 'Gold' })).toBe('<p><bdi>גל\u202eevil</bdi> (Gold) joined the show</p>');
    expect(html('{name} is muted for {minutes} minutes.', { name: 'Bo', minutes: 5 })).toBe('<p><bdi>Bo</bdi> is muted for 5 minutes.</p>');
  });

  it('escapes what the name holds and keeps unknown placeholders and plain text as they are', () => {
    expect(html('Welcome, {name}! {unknown}', { name: '<b>x</b>' })).toBe('<p>Welcome, <bdi>&lt;b&gt;x&lt;/b&gt;</bdi>! {unknown}</p>');
    expect(html('No placeholders')).toBe('<p>No placeholders</p>');
  });
});
