import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './paths';

describe('defaultDataDir (the folder Electron names userData for "Signet")', () => {
  it('follows each platform the way Electron does', () => {
    expect(defaultDataDir({}, 'linux')).toBe(`${os.homedir()}/.config/Signet`);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/Signet');
    expect(defaultDataDir({}, 'darwin')).toBe(`${os.homedir()}/Library/Application Support/Signet`);
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\anna\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\anna\\AppData\\Roaming\\Signet');
  });
});
