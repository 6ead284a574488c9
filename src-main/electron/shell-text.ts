/*
 * The few strings the native shell shows itself (menu, start-up failure dialog), in Polish or English by the OS locale.
 * Electron-free so the choice is unit-tested. Everything inside the window is translated by the renderer's i18next.
 */

export type ShellLanguage = 'pl' | 'en';

export interface ShellText {
  file: string;
  quit: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  reload: string;
  forceReload: string;
  toggleDevTools: string;
  toggleFullScreen: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  window: string;
  minimize: string;
  zoom: string;
  close: string;
  front: string;
  help: string;
  about: string;
  startFailedTitle: string;
  storeNewerVersion: string;
  storeUnavailable: string;
  startFailed: string;
}

const en: ShellText = {
  file: '&File',
  quit: 'Quit Signet',
  edit: '&Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  view: '&View',
  reload: 'Reload',
  forceReload: 'Force Reload',
  toggleDevTools: 'Toggle Developer Tools',
  toggleFullScreen: 'Toggle Full Screen',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  window: '&Window',
  minimize: 'Minimize',
  zoom: 'Zoom',
  close: 'Close',
  front: 'Bring All to Front',
  help: '&Help',
  about: 'About Signet',
  startFailedTitle: 'Signet cannot start',
  storeNewerVersion:
    'The data folder was written by a newer version of Signet. Install that version (or newer) to open it; the data was left untouched.',
  storeUnavailable: 'The data folder cannot be opened. Check that the disk is available and that you may write to it.',
  startFailed: 'Signet could not start. Details were written to the log.',
};

const pl: ShellText = {
  file: '&Plik',
  quit: 'Zakończ Signet',
  edit: '&Edycja',
  undo: 'Cofnij',
  redo: 'Ponów',
  cut: 'Wytnij',
  copy: 'Kopiuj',
  paste: 'Wklej',
  selectAll: 'Zaznacz wszystko',
  view: '&Widok',
  reload: 'Odśwież',
  forceReload: 'Wymuś odświeżenie',
  toggleDevTools: 'Narzędzia deweloperskie',
  toggleFullScreen: 'Pełny ekran',
  resetZoom: 'Rzeczywisty rozmiar',
  zoomIn: 'Powiększ',
  zoomOut: 'Pomniejsz',
  window: '&Okno',
  minimize: 'Minimalizuj',
  zoom: 'Powiększ okno',
  close: 'Zamknij',
  front: 'Wszystkie na wierzch',
  help: 'Pomo&c',
  about: 'O programie Signet',
  startFailedTitle: 'Nie można uruchomić Signet',
  storeNewerVersion:
    'Folder danych został zapisany przez nowszą wersję Signet. Zainstaluj tę wersję (lub nowszą), aby go otworzyć; dane pozostały nienaruszone.',
  storeUnavailable: 'Nie można otworzyć folderu danych. Sprawdź, czy dysk jest dostępny i czy masz prawo zapisu.',
  startFailed: 'Nie udało się uruchomić Signet. Szczegóły zapisano w dzienniku.',
};

/** `pl`, `pl-PL`, `pl_PL` → Polish; everything else → English. */
export function shellLanguage(locale: string | undefined): ShellLanguage {
  return /^pl(?:[-_]|$)/i.test(locale ?? '') ? 'pl' : 'en';
}

export function shellText(locale: string | undefined): ShellText {
  return shellLanguage(locale) === 'pl' ? pl : en;
}

/** The start-up failure message for an error code from `startServices` (`AppError.code`), if any. */
export function startFailureMessage(text: ShellText, code: string | undefined): string {
  if (code === 'STORE_NEWER_VERSION') return text.storeNewerVersion;
  if (code === 'STORE_UNAVAILABLE') return text.storeUnavailable;
  return text.startFailed;
}
