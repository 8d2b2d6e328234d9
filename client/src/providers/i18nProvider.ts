import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { en } from '../i18n/en.ts';

const messages = {
  ...englishMessages,
  ...en,
  ra: { ...englishMessages.ra, auth: { ...englishMessages.ra.auth, ...en.ra.auth } },
};

/** English now; another locale is one more messages file with the same keys. */
export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], {
  allowMissing: true,
});
