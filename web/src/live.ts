// Live events from GET /api/v1/events (Server-Sent Events): one connection per signed-in
// tab; pages register handlers for the event types they care about. Events carry only
// their subject's id ({"item_id": N} for items, {"report_id": N} for report cases); pages
// refetch through the API. The browser reconnects by itself after a
// network break; when the sign-in behind the stream ended, the server sends "end" and
// closes it: then we close too (no reconnect loop) and go back to sign-in.
import { announceSessionEnded } from './api/client'

type Handler = (subjectId: number) => void

let source: EventSource | null = null
const handlers = new Map<string, Set<Handler>>()
const TYPES = [
  'published',
  'revised',
  'withdrawn',
  'delivery',
  'report_filed',
  'report_message',
  'report_status',
  // an exercise's: prefixed, so the stream's own "end" is never an exercise's end
  'exercise_start',
  'exercise_pause',
  'exercise_resume',
  'exercise_end',
  'exercise_no_play',
  'exercise_inject',
  // a desk ticket's (subject desk_ticket: {"desk_ticket_id": N})
  'desk_ticket_open',
  'desk_ticket_change',
  'desk_ticket_entry',
  'desk_ticket_alert',
]

export function startLive(): void {
  if (source || typeof EventSource === 'undefined') return
  const es = new EventSource('/api/v1/events')
  source = es
  for (const type of TYPES) {
    es.addEventListener(type, (e) => {
      let id = 0
      try {
        const data = JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>
        id = Number(data.item_id ?? data.report_id ?? data.exercise_id ?? data.desk_ticket_id)
      } catch {
        return
      }
      for (const h of handlers.get(type) ?? []) h(id)
    })
  }
  es.addEventListener('end', () => {
    es.close()
    if (source !== es) return // already stopped (signed out in this tab)
    source = null
    announceSessionEnded()
  })
}

export function stopLive(): void {
  source?.close()
  source = null
}

// `fn` run on demand, but never twice at once and at most once per `gapMs`: triggers that
// arrive meanwhile are folded into one run at the end of the gap. For pages that refetch on
// live events which can come many a second (each acknowledgement of a 7,000-player drill).
export function coalesce(fn: () => Promise<void>, gapMs: number): { trigger: () => void; cancel: () => void } {
  let running = false
  let again = false
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  let cancelled = false
  const run = async () => {
    timer = undefined
    if (cancelled) return
    running = true
    last = Date.now()
    try {
      await fn()
    } finally {
      running = false
    }
    if (again) {
      again = false
      trigger()
    }
  }
  const trigger = () => {
    if (cancelled) return
    if (running) {
      again = true
      return
    }
    if (timer) return
    timer = setTimeout(() => void run(), Math.max(0, last + gapMs - Date.now()))
  }
  const cancel = () => {
    cancelled = true
    if (timer) clearTimeout(timer)
  }
  return { trigger, cancel }
}

// Registers `handler` for `types`; returns the function that unregisters it.
export function onLive(types: string[], handler: Handler): () => void {
  for (const t of types) {
    if (!handlers.has(t)) handlers.set(t, new Set())
    handlers.get(t)!.add(handler)
  }
  return () => {
    for (const t of types) handlers.get(t)?.delete(handler)
  }
}
