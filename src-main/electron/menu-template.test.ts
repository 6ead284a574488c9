import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from './menu-template';
import { shellText } from './shell-text';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => item.label ?? `(${item.role ?? item.type})`);
}

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help in Polish for a Polish locale', () => {
    const menu = appMenuTemplate({ text: shellText('pl-PL'), isDev: false, platform: 'win32' });
    expect(labels(menu)).toEqual(['&Plik', '&Edycja', '&Widok', '&Okno', 'Pomo&c']);
    const help = menu[4]?.submenu as MenuItemConstructorOptions[];
    expect(help).toEqual([{ role: 'about', label: 'O programie Signet' }]);
  });

  it('has English labels otherwise, and the standard edit roles', () => {
    const menu = appMenuTemplate({ text: shellText('en-US'), isDev: false, platform: 'linux' });
    expect(labels(menu)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(roles(menu)).toEqual(
      expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen', 'zoomIn', 'zoomOut', 'resetZoom', 'about']),
    );
  });

  it('offers reload and developer tools only in development', () => {
    const released = roles(appMenuTemplate({ text: shellText('en'), isDev: false, platform: 'linux' }));
    expect(released).not.toContain('reload');
    expect(released).not.toContain('forceReload');
    expect(released).not.toContain('toggleDevTools');
    const dev = roles(appMenuTemplate({ text: shellText('en'), isDev: true, platform: 'linux' }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('follows macOS conventions: an app menu first, no mnemonics', () => {
    const menu = appMenuTemplate({ text: shellText('pl'), isDev: false, platform: 'darwin' });
    expect(menu[0]?.role).toBe('appMenu');
    expect(labels(menu).slice(1)).toEqual(['Plik', 'Edycja', 'Widok', 'Okno', 'Pomoc']);
  });
});
