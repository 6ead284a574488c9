import { foldForSearch } from '../../../../src-shared/text/fold';

/** Country names as address books write them (English and Polish) for the countries our customers trade with most. */
const names: Record<string, string> = {
  poland: 'PL', polska: 'PL', germany: 'DE', niemcy: 'DE', deutschland: 'DE', 'czech republic': 'CZ', czechia: 'CZ', czechy: 'CZ',
  slovakia: 'SK', slowacja: 'SK', lithuania: 'LT', litwa: 'LT', ukraine: 'UA', ukraina: 'UA', france: 'FR', francja: 'FR',
  'united kingdom': 'GB', uk: 'GB', 'wielka brytania': 'GB', ireland: 'IE', irlandia: 'IE', netherlands: 'NL', holandia: 'NL',
  belgium: 'BE', belgia: 'BE', austria: 'AT', italy: 'IT', wlochy: 'IT', spain: 'ES', hiszpania: 'ES', sweden: 'SE', szwecja: 'SE',
  denmark: 'DK', dania: 'DK', norway: 'NO', norwegia: 'NO', finland: 'FI', finlandia: 'FI', hungary: 'HU', wegry: 'HU',
  romania: 'RO', rumunia: 'RO', switzerland: 'CH', szwajcaria: 'CH', 'united states': 'US', usa: 'US', 'stany zjednoczone': 'US',
};

/** ISO 3166 alpha-2 for a country name or code; undefined for an empty cell; the text itself when unknown (the schema rejects it). */
export function countryCode(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return names[foldForSearch(trimmed)] ?? trimmed;
}
