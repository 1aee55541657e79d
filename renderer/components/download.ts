/** Saves text as a file through the browser's download (works in Electron and in browser mode). */
import type { ExportedFile } from '../../shared/contract/views';

/** Triggers a download of an exported file. */
export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
