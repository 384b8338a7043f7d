import { createI18n } from 'vue-i18n'
import { setRequestLanguage } from '../api/client'
import ja from './ja.json'
import en from './en.json'

export type Locale = 'ja' | 'en'
const STORAGE_KEY = 'renkei.locale'

// Japanese unless the person chose English before (remembered in localStorage).
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Locale {
  try {
    return storage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja'
  } catch {
    return 'ja'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'ja',
  messages: { ja, en },
})
setRequestLanguage(i18n.global.locale.value)

export function setLocale(locale: Locale, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  i18n.global.locale.value = locale
  setRequestLanguage(locale)
  document.documentElement.lang = locale
  try {
    storage?.setItem(STORAGE_KEY, locale)
  } catch {
    // private mode: the switch still works for this visit
  }
}
