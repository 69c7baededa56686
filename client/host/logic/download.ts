/** Hands a file to the browser as a download (the CSV exports, fetched with the host token first). */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveTextFile(filename: string, text: string, type: string): void {
  saveBlob(filename, new Blob([text], { type }));
}
