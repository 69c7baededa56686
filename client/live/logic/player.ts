/**
 * What kind of player a show's `playbackUrl` needs. Pure.
 *  - direct media (HLS .m3u8, .mp4, .webm…): a <video>; Safari and phones play HLS
 *    natively, so no hls.js;
 *  - YouTube / Twitch / Vimeo page links: their embeddable player in an <iframe>;
 *  - any other page: embedded as it is (a shop's own player page), with a link out.
 */
export type PlayerSource =
  | { kind: 'video'; src: string }
  | { kind: 'embed'; src: string; provider: 'youtube' | 'twitch' | 'vimeo' | 'page' };

const MEDIA_EXT = /\.(m3u8|mp4|m4v|webm|ogv|ogg|mov)$/i;
const YT_ID = /^[A-Za-z0-9_-]{6,20}$/;

export function playerFor(url: string, parentHost: string): PlayerSource | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.toLowerCase().replace(/^(www|m)\./, '');
  const parts = u.pathname.split('/').filter(Boolean);

  if (MEDIA_EXT.test(u.pathname)) return { kind: 'video', src: url };

  if (host === 'youtube.com' || host === 'youtu.be' || host === 'youtube-nocookie.com') {
    const params = 'autoplay=1&mute=1&playsinline=1';
    if (parts[0] === 'channel' && parts[1] && parts[2] === 'live') {
      return { kind: 'embed', provider: 'youtube', src: `https://www.youtube.com/embed/live_stream?channel=${encodeURIComponent(parts[1])}&${params}` };
    }
    const id =
      host === 'youtu.be'
        ? parts[0]
        : u.searchParams.get('v') ?? (['live', 'embed', 'shorts'].includes(parts[0] ?? '') ? parts[1] : undefined);
    if (id && YT_ID.test(id)) return { kind: 'embed', provider: 'youtube', src: `https://www.youtube.com/embed/${id}?${params}` };
    return { kind: 'embed', provider: 'page', src: url };
  }

  if (host === 'twitch.tv' || host === 'player.twitch.tv') {
    const parent = `parent=${encodeURIComponent(parentHost)}&autoplay=true&muted=true`;
    if (host === 'player.twitch.tv') return { kind: 'embed', provider: 'twitch', src: url };
    if (parts[0] === 'videos' && parts[1]) return { kind: 'embed', provider: 'twitch', src: `https://player.twitch.tv/?video=v${encodeURIComponent(parts[1])}&${parent}` };
    if (parts[0]) return { kind: 'embed', provider: 'twitch', src: `https://player.twitch.tv/?channel=${encodeURIComponent(parts[0])}&${parent}` };
  }

  if (host === 'vimeo.com' && parts[0] && /^\d+$/.test(parts[0])) {
    return { kind: 'embed', provider: 'vimeo', src: `https://player.vimeo.com/video/${parts[0]}?autoplay=1&muted=1` };
  }

  return { kind: 'embed', provider: 'page', src: url };
}
