// The one fetch wrapper: JSON in and out, the CSRF token on writes, the person's language
// in Accept-Language (the server words its errors in it), and RFC 9457 problem+json errors
// turned into ApiError values the pages can show beside a field.

// One wrong row of an imported check sheet (problem code import_rejected); `message` is in
// the request's language like `detail`.
export interface RowError {
  row: number
  column: string
  code: string
  message: string
}

export interface Problem {
  status: number
  code: string
  detail: string
  field?: string
  errors?: RowError[]
  // Where the thing the request ran into lives, e.g. round_exists → "/api/v1/assessments/42".
  location?: string
}

// `message` is the problem's detail: the server's text from its error registry
// (data/errors/*.json), in the language the request asked for.
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly errors: RowError[]
  readonly location?: string
  constructor(p: Problem) {
    super(p.detail)
    this.status = p.status
    this.code = p.code
    this.field = p.field
    this.errors = p.errors ?? []
    this.location = p.location
  }
}

type Listener = (error: ApiError) => void

let csrfToken = ''
let language = 'ja'
const sessionEndedListeners: Listener[] = []

export function setCsrfToken(token: string): void {
  csrfToken = token
}

// The language the server answers errors in ("ja" or "en"): the person's choice, set by
// setLocale (i18n/index.ts).
export function setRequestLanguage(lang: string): void {
  language = lang
}

// Called when a request finds the session gone (401), so the app can return to sign-in.
export function onSessionEnded(listener: Listener): void {
  sessionEndedListeners.push(listener)
}

// Tells the listeners the session is gone without a request having found it (the live
// events stream said "end").
export function announceSessionEnded(): void {
  const error = new ApiError({ status: 401, code: 'session_expired', detail: '' })
  for (const l of sessionEndedListeners) l(error)
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<Problem> = {}
  try {
    body = await res.json()
  } catch {
    // not JSON (e.g. a proxy error page)
  }
  return new ApiError({
    status: res.status,
    code: typeof body.code === 'string' ? body.code : 'http_' + res.status,
    // No problem+json (a proxy's error page): no text; errorMessage says what it can.
    detail: typeof body.detail === 'string' ? body.detail : '',
    field: typeof body.field === 'string' && body.field !== '' ? body.field : undefined,
    errors: Array.isArray(body.errors) ? body.errors : undefined,
    location: typeof body.location === 'string' && body.location !== '' ? body.location : undefined,
  })
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: unknown
  // Sign-in itself answers 401 for a wrong password; that is not a session ending.
  quietUnauthorized?: boolean
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  const res = await fetch('/api/v1' + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  if (!res.ok) {
    const error = await toApiError(res)
    if (res.status === 401 && !options.quietUnauthorized) {
      for (const l of sessionEndedListeners) l(error)
    }
    throw error
  }
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

// Builds a query string from the set values only ("?q=…&limit=50").
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    search.set(k, String(v))
  }
  const s = search.toString()
  return s ? '?' + s : ''
}

// Uploads a file as the raw request body (attachments), with the CSRF token.
export async function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language,
    'Content-Type': contentType,
  }
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  const res = await fetch('/api/v1' + path, { method: 'POST', headers, credentials: 'same-origin', body: file })
  if (!res.ok) {
    const error = await toApiError(res)
    if (res.status === 401) for (const l of sessionEndedListeners) l(error)
    throw error
  }
  return (await res.json()) as T
}
