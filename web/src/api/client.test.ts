import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, onSessionEnded, query, setCsrfToken, setRequestLanguage } from './client'

function respond(status: number, body: unknown, type = 'application/json') {
  return vi.fn(async () =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } }),
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken('')
  setRequestLanguage('ja')
})

describe('api client', () => {
  it("asks for the person's language, in which the server words its errors", async () => {
    const fetchMock = respond(200, { ok: true })
    vi.stubGlobal('fetch', fetchMock)
    await api('/me')
    setRequestLanguage('en')
    await api('/items', { method: 'POST', body: {} })
    const header = (i: number) =>
      ((fetchMock.mock.calls[i] as unknown as [string, RequestInit])[1].headers as Record<string, string>)['Accept-Language']
    expect(header(0)).toBe('ja')
    expect(header(1)).toBe('en')
  })

  it('sends the CSRF token on writes but not on reads', async () => {
    const fetchMock = respond(200, { ok: true })
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken('tok-123')
    await api('/me')
    await api('/organisations/1', { method: 'PATCH', body: { name_en: 'x' } })
    const [, readInit] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    const [url, writeInit] = fetchMock.mock.calls[1] as unknown as [string, RequestInit]
    expect((readInit.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
    expect(url).toBe('/api/v1/organisations/1')
    expect((writeInit.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-123')
    expect((writeInit.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect(writeInit.body).toBe('{"name_en":"x"}')
  })

  it('turns problem+json into an ApiError naming the field', async () => {
    vi.stubGlobal('fetch', respond(400, { status: 400, code: 'required', detail: 'email is required', field: 'email' }, 'application/problem+json'))
    const error = (await api('/users', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('required')
    expect(error.field).toBe('email')
    expect(error.status).toBe(400)
    expect(error.message).toBe('email is required')
  })

  it('keeps the location a problem names (round_exists → the existing round)', async () => {
    vi.stubGlobal('fetch', respond(409, { status: 409, code: 'round_exists', detail: 'exists', field: 'fiscal_year', location: '/api/v1/assessments/42' }, 'application/problem+json'))
    const error = (await api('/assessments', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('round_exists')
    expect(error.location).toBe('/api/v1/assessments/42')
    vi.stubGlobal('fetch', respond(400, { status: 400, code: 'required', detail: 'x', field: 'email' }, 'application/problem+json'))
    expect(((await api('/users', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError).location).toBeUndefined()
  })

  it('copes with an error body that is not JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })))
    const error = (await api('/me').catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('http_502')
    expect(error.field).toBeUndefined()
  })

  it('reports a 401 as the session ending, except when told to stay quiet', async () => {
    const ended = vi.fn()
    onSessionEnded(ended)
    vi.stubGlobal('fetch', respond(401, { status: 401, code: 'session_expired', detail: 'expired' }))
    await api('/organisations').catch(() => undefined)
    expect(ended).toHaveBeenCalledTimes(1)
    await api('/session', { method: 'POST', body: {}, quietUnauthorized: true }).catch(() => undefined)
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('answers undefined for 204 No Content', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })))
    await expect(api('/session', { method: 'DELETE' })).resolves.toBeUndefined()
  })

  it('builds query strings from the set values only', () => {
    expect(query({ q: '発電', sector: '', limit: 50, cursor: null, hub: undefined })).toBe(
      '?q=%E7%99%BA%E9%9B%BB&limit=50',
    )
    expect(query({ q: '' })).toBe('')
  })
})
