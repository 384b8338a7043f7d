import { ApiError } from './api/client'

type Translate = (key: string, values?: Record<string, unknown>) => string
type HasKey = (key: string) => boolean

// A message a person can act on: our translation for known codes, else the server's text.
export function errorMessage(e: unknown, t: Translate, te: HasKey): string {
  if (e instanceof ApiError) {
    const key = 'errors.' + e.code
    return te(key) ? t(key) : t('errors.unknown', { detail: e.message })
  }
  if (e instanceof TypeError) return t('errors.network')
  return t('errors.unknown', { detail: String(e) })
}

// Errors keyed by the field the server named, for showing beside the input.
export function fieldErrors(e: unknown, t: Translate, te: HasKey): Record<string, string> {
  if (e instanceof ApiError && e.field) return { [e.field]: errorMessage(e, t, te) }
  return {}
}
