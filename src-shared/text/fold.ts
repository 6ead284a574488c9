/**
 * Folds text for search: lower case, without diacritics, so "Łódź" is found by "lodz".
 * `ł` has no Unicode decomposition, hence the explicit mapping.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
