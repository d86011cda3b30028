/**
 * Saves bytes for the user as a download (`<a download>` with a blob URL): the browser, and
 * Electron's download handling, ask where to put it or put it in Downloads.
 */
export function saveFile(bytes: Uint8Array, fileName: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by then; the URL only has to live that long.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
