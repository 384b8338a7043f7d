import { ApiError } from './api/client'

type Translate = (key: string, values?: Record<string, unknown>) => string

// A message a person can act on. For a failed request it is the server's detail: the text
// of the error registry (data/errors/*.json) in the language the request asked for
// (client.ts sends the person's choice), so the web app keeps no second copy. Never a raw
// code: an answer without a text (a proxy's error page) says what status came back.
export function errorMessage(e: unknown, t: Translate): string {
  if (e instanceof ApiError) return e.message || t('errors.http', { status: e.status })
  if (e instanceof TypeError) return t('errors.network')
  return t('errors.unknown', { detail: String(e) })
}

// Errors keyed by the field the server named, for showing beside the input.
export function fieldErrors(e: unknown, t: Translate): Record<string, string> {
  if (e instanceof ApiError && e.field) return { [e.field]: errorMessage(e, t) }
  return {}
}
