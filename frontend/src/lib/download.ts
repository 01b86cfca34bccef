/**
 * Hands a Blob to the browser as a download named `filename`: for files that need the bearer token
 * (so an <a href> can't fetch them), fetched through the API client first.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download after click() returns; give them a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
