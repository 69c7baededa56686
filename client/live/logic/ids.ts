/** Request ids for idempotent retries (server accepts letters, digits, _ and -). Works outside secure contexts too. */
export function newRequestId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'r' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
