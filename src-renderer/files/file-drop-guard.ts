import { useEffect } from 'react';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * A file let go anywhere but where the app takes one would be opened by the browser in place of the app (Chromium
 * shows the PDF and the wizard is gone; Electron navigates the window to it). Every file drag is cancelled here, in
 * the capture phase on the window so nothing below can stop it first, and marked as not droppable: a place that does
 * take files (the wizard's step 1) listens on its own, still gets the events (cancelling the default does not stop
 * them), and sets `dropEffect` to what it will do with the file.
 */
export function useFileDropGuard(): void {
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'none';
    };
    const drop = (event: DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragenter', over, true);
    window.addEventListener('dragover', over, true);
    window.addEventListener('drop', drop, true);
    return () => {
      window.removeEventListener('dragenter', over, true);
      window.removeEventListener('dragover', over, true);
      window.removeEventListener('drop', drop, true);
    };
  }, []);
}
