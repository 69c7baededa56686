/**
 * Sharing a show's room: its viewer link and the QR code drawn from it. Pure,
 * so the link and the drawing are unit-tested without a browser.
 */

/**
 * The room a viewer opens for a show (`/live/:streamId`, as the viewer app
 * routes it), on the dashboard's own origin: the dashboard is served by the
 * same server as the room, and a link built from where the host really
 * reached it works on a phone in the same network, where PUBLIC_URL's
 * `localhost` default would not.
 */
export function viewerLink(origin: string, streamId: string): string {
  return `${origin.replace(/\/+$/, '')}/live/${encodeURIComponent(streamId)}`;
}

/** The dark modules of a QR code as one SVG path (one unit per module), for a crisp code at any size. */
export function qrPath(size: number, isDark: (row: number, col: number) => boolean): string {
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && isDark(row, col)) col++;
      // a run of dark modules in a row is one rectangle: fewer path commands than one per module
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join('');
}
