/** Currencies a contract amount may be in: the ones Polish companies sign in most, ISO 4217. */
export const currencies = ['PLN', 'EUR', 'USD', 'GBP', 'CHF', 'CZK', 'SEK', 'NOK', 'DKK', 'UAH'] as const;
export type Currency = (typeof currencies)[number];
