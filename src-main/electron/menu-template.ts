import type { MenuItemConstructorOptions } from 'electron';
import type { ShellText } from './shell-text';

export interface MenuOptions {
  text: ShellText;
  /** Reload and developer tools only in an unpackaged (development) run. */
  isDev: boolean;
  platform: NodeJS.Platform;
}

/**
 * The native application menu: File, Edit, View, Window, Help. Items use Electron roles, so the OS provides the
 * behaviour (and the standard shortcuts); only the labels are ours, in Polish or English.
 * Only Electron's types are imported here, so the template is unit-tested under Node; `main.ts` builds the menu.
 */
export function appMenuTemplate({ text, isDev, platform }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  // `&` marks the Alt mnemonic on Windows and Linux; macOS menus have none.
  const top = (label: string) => (isMac ? label.replace(/&/g, '') : label);

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      role: 'appMenu',
      label: 'Signet',
      submenu: [
        { role: 'about', label: text.about },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit', label: text.quit },
      ],
    });
  }
  template.push(
    {
      label: top(text.file),
      submenu: [isMac ? { role: 'close', label: text.close } : { role: 'quit', label: text.quit }],
    },
    {
      label: top(text.edit),
      submenu: [
        { role: 'undo', label: text.undo },
        { role: 'redo', label: text.redo },
        { type: 'separator' },
        { role: 'cut', label: text.cut },
        { role: 'copy', label: text.copy },
        { role: 'paste', label: text.paste },
        { type: 'separator' },
        { role: 'selectAll', label: text.selectAll },
      ],
    },
    {
      label: top(text.view),
      submenu: [
        ...(isDev
          ? ([
              { role: 'reload', label: text.reload },
              { role: 'forceReload', label: text.forceReload },
              { role: 'toggleDevTools', label: text.toggleDevTools },
              { type: 'separator' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', label: text.resetZoom },
        { role: 'zoomIn', label: text.zoomIn },
        { role: 'zoomOut', label: text.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: text.toggleFullScreen },
      ],
    },
    {
      role: 'windowMenu',
      label: top(text.window),
      submenu: [
        { role: 'minimize', label: text.minimize },
        ...(isMac
          ? ([
              { role: 'zoom', label: text.zoom },
              { type: 'separator' },
              { role: 'front', label: text.front },
            ] satisfies MenuItemConstructorOptions[])
          : ([{ role: 'close', label: text.close }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      role: 'help',
      label: top(text.help),
      submenu: [{ role: 'about', label: text.about }],
    },
  );
  return template;
}
