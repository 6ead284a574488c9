import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The app window's options, kept apart from the code that makes the window so that a test under plain Node asserts
 * the very object the shell uses (issue 10, item 3): the renderer gets no Node, runs sandboxed and context-isolated,
 * and reaches the services only through the preload's `window.signet`.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Signet',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}
