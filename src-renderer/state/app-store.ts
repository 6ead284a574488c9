import { create } from 'zustand';
import type { AppInfo } from '../../src-shared/contract/calls';
import type { Company, CompanyFieldsInput, User } from '../../src-shared/company/schema';
import type { LanguagePreference, UiLanguage } from '../../src-shared/settings/schema';
import { api } from '../api';
import { applyLanguagePreference, i18n } from '../i18n';

export const sections = ['kanban', 'toSign', 'contacts', 'automation', 'permissions', 'verify', 'settings'] as const;
export type Section = (typeof sections)[number];

const sectionKey = 'signet.section';

function initialSection(): Section {
  try {
    const saved = sessionStorage.getItem(sectionKey);
    if (saved && (sections as readonly string[]).includes(saved)) return saved as Section;
  } catch {
    // No storage: start at the first section.
  }
  return 'kanban';
}

export interface StatusMessage {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

interface AppState {
  info: AppInfo | null;
  /** Set when `app.info` itself failed: the shell shows it with a retry button. */
  loadError: unknown;
  loading: boolean;
  section: Section;
  language: UiLanguage;
  status: StatusMessage | null;

  load(): Promise<void>;
  completeSetup(input: { company: CompanyFieldsInput; userName: string; userEmail?: string }): Promise<void>;
  updateCompany(company: CompanyFieldsInput): Promise<Company>;
  setLanguagePreference(language: LanguagePreference): Promise<void>;
  /** Another employee works at this install from now on; every section follows `info.user`. */
  switchUser(id: string): Promise<User>;
  /** `app.info` read again quietly (an employee changed, maybe in another window); a failure keeps what is shown. */
  refreshInfo(): Promise<void>;
  go(section: Section): void;
  announce(text: string, tone?: StatusMessage['tone']): void;
  clearStatus(): void;
}

let statusSeq = 0;
/** Bumped by every read of `app.info` after start: only the latest one is kept. */
let infoSeq = 0;

export const useAppStore = create<AppState>()((set, get) => ({
  info: null,
  loadError: null,
  loading: false,
  section: initialSection(),
  language: i18n.language as UiLanguage,
  status: null,

  async load() {
    set({ loading: true, loadError: null });
    try {
      const info = await api.call('app.info', {});
      const language = await applyLanguagePreference(info.preferences.language);
      set({ info, language, loading: false });
    } catch (error) {
      set({ loadError: error, loading: false });
    }
  },

  async completeSetup(input) {
    const info = await api.call('setup.complete', input);
    set({ info });
  },

  async updateCompany(company) {
    const updated = await api.call('company.update', { company });
    const info = get().info;
    if (info) set({ info: { ...info, company: updated } });
    return updated;
  },

  async setLanguagePreference(language) {
    const preferences = await api.call('settings.setLanguage', { language });
    const lang = await applyLanguagePreference(preferences.language);
    const info = get().info;
    set({ language: lang, ...(info ? { info: { ...info, preferences } } : {}) });
  },

  async switchUser(id) {
    infoSeq++;
    const info = await api.call('users.switch', { id });
    set({ info });
    return info.user;
  },

  async refreshInfo() {
    // An answer read before a switch made here must not put the previous employee back.
    const seq = ++infoSeq;
    try {
      const info = await api.call('app.info', {});
      if (seq === infoSeq) set({ info });
    } catch {
      // The next change, or a reload, reads it again.
    }
  },

  go(section) {
    try {
      sessionStorage.setItem(sectionKey, section);
    } catch {
      // Not remembered across reloads; nothing else depends on it.
    }
    set({ section });
  },

  announce(text, tone = 'info') {
    set({ status: { id: ++statusSeq, text, tone } });
  },

  clearStatus() {
    set({ status: null });
  },
}));
