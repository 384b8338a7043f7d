// The SME desk's (お助け隊) pure helpers: the SLA clocks' words (「初動まで あと 25 分」,
// 「初動期限を 12 分超過」), the timeline's event entries worded in the reader's language
// (the server stores them as "code|argument"), the categories per kind and the dispatch's
// next step. No Vue here: the pages pass their t/te.
import type { DeskCategory, DeskContract, DeskDispatch, DeskEntry, DeskKind, DeskStatsRow, DeskTicketSummary } from '../../api/types'
import { DESK_CONTACT_CATEGORIES, DESK_INCIDENT_CATEGORIES } from '../../api/types'
import { codeLabel } from '../../labels'
import { hasRole } from '../../session'

type Translate = (key: string, named?: Record<string, unknown>) => string
type Has = (key: string) => boolean

// Desk agents work the queue; everyone else signed in sees their own organisation's tickets.
export function isDeskAgent(): boolean {
  return hasRole('desk_agent')
}

// Who reads the statistics: desk agents (their consortia) and the programme's ministry.
export function readsDeskStats(): boolean {
  return hasRole('desk_agent') || hasRole('ministry_officer')
}

export function categoriesOf(kind: DeskKind): DeskCategory[] {
  return kind === 'incident' ? DESK_INCIDENT_CATEGORIES : DESK_CONTACT_CATEGORIES
}

// A span of minutes as people say it: 「25 分」「1 時間 5 分」「2 日 3 時間」.
export function spanText(minutes: number, t: Translate): string {
  const m = Math.max(0, Math.round(minutes))
  if (m < 60) return t('desk.span.minutes', { m })
  if (m < 24 * 60) {
    const h = Math.floor(m / 60)
    const rest = m % 60
    return rest ? t('desk.span.hoursMinutes', { h, m: rest }) : t('desk.span.hours', { h })
  }
  const d = Math.floor(m / (24 * 60))
  const h = Math.floor((m % (24 * 60)) / 60)
  return h ? t('desk.span.daysHours', { d, h }) : t('desk.span.days', { d })
}

export type ClockState = 'running' | 'late' | 'met' | 'missed' | 'stopped' | 'none'

export interface Clock {
  state: ClockState
  text: string
}

// One SLA clock: due (when it must happen), done (when it happened, if it did), now.
// Running: 「初動まで あと 25 分」; late: 「初動期限を 12 分超過」; done: 「初動 済（期限内）」 or
// 「初動 済（8 分超過）」; a closed ticket whose clock never stopped: stopped, no count.
// Minutes left round up (30 s left is 「あと 1 分」, never 「あと 0 分」), minutes late
// round up too (a second late is late).
export function clockText(
  which: 'firstResponse' | 'arrival',
  due: string | null | undefined,
  done: string | null | undefined,
  now: number,
  t: Translate,
  closed = false,
): Clock {
  if (!due) return { state: 'none', text: '' }
  const dueMs = Date.parse(due)
  if (Number.isNaN(dueMs)) return { state: 'none', text: '' }
  const name = t('desk.clock.' + which)
  if (done) {
    const late = Math.ceil((Date.parse(done) - dueMs) / 60000)
    return late > 0
      ? { state: 'missed', text: t('desk.clock.doneLate', { name, span: spanText(late, t) }) }
      : { state: 'met', text: t('desk.clock.doneInTime', { name }) }
  }
  if (closed) return { state: 'stopped', text: t('desk.clock.notNeeded', { name }) }
  const diff = dueMs - now
  if (diff > 0) return { state: 'running', text: t('desk.clock.left', { name, span: spanText(Math.ceil(diff / 60000), t) }) }
  return { state: 'late', text: t('desk.clock.late', { name, span: spanText(Math.max(1, Math.ceil(-diff / 60000)), t) }) }
}

export function isClosed(ticket: Pick<DeskTicketSummary, 'status'>): boolean {
  return ticket.status === 'resolved' || ticket.status === 'merged'
}

// The ticket's first-response clock as the queue shows it.
export function firstResponseClock(ticket: DeskTicketSummary, now: number, t: Translate): Clock {
  return clockText('firstResponse', ticket.first_response_due, ticket.first_response_at, now, t, isClosed(ticket))
}

export function arrivalClock(ticket: DeskTicketSummary, now: number, t: Translate): Clock {
  return clockText('arrival', ticket.arrival_due, ticket.arrived_at, now, t, isClosed(ticket))
}

// An event entry ("status|triage", "assign|山田 花子", "reopened") in the reader's words; an
// event code this page does not know yet shows as it came.
export function eventText(body: string, t: Translate, te: Has): string {
  const bar = body.indexOf('|')
  const code = bar < 0 ? body : body.slice(0, bar)
  const arg = bar < 0 ? '' : body.slice(bar + 1)
  switch (code) {
    case 'status':
      return t('desk.events.status', { status: codeLabel(t, te, 'deskStatuses', arg) })
    case 'priority':
      return t('desk.events.priority', { priority: codeLabel(t, te, 'deskPriorities', arg) })
    case 'assign':
      return arg ? t('desk.events.assign', { name: arg }) : t('desk.events.unassign')
    case 'alert':
      return t('desk.events.alert', { alert: codeLabel(t, te, 'deskAlerts', arg) })
    case 'merged_into':
    case 'merged_from':
      return t('desk.events.' + code, { id: arg })
    case 'dispatch':
    case 'left':
    case 'arrived':
    case 'finished':
      return t('desk.events.' + code, { engineer: arg || t('desk.events.someone') })
    case 'reopened':
      return t('desk.events.reopened')
    case 'consent':
      return t('desk.events.consent')
    case 'shared': {
      // "shared|<item id>|<TLP>"
      const [item, tlp] = arg.split('|')
      return t('desk.events.shared', { item: item || '?', tlp: tlp || '?' })
    }
    case 'reported':
      return t('desk.events.reported', { id: arg || '?' })
    default:
      return body
  }
}

export type DispatchStep = 'left' | 'arrived' | 'finished'

// The step a dispatch takes next (出発 → 到着 → 完了), null once finished.
export function nextStep(d: Pick<DeskDispatch, 'left_at' | 'arrived_at' | 'finished_at'>): DispatchStep | null {
  if (!d.left_at) return 'left'
  if (!d.arrived_at) return 'arrived'
  if (!d.finished_at) return 'finished'
  return null
}

// 「12,000 円」 / "¥12,000".
export function yen(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined) return '—'
  const s = n.toLocaleString('en-US')
  return locale === 'en' ? `¥${s}` : `${s} 円`
}

// The SME's own name for a ticket's number.
export function ticketNo(id: number): string {
  return '#' + id
}

// ---- the statistics page ----

// "2026-07" → the instant its month starts in JST ("2026-07-01T00:00:00+09:00"); null for
// anything that is not a month.
export function monthStartJst(month: string): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null
  return `${m[1]}-${m[2]}-01T00:00:00+09:00`
}

// The month after "2026-12" is "2027-01".
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

// The month (JST) an instant falls in: "2026-11".
export function monthOfJst(ms: number): string {
  const d = new Date(ms + 9 * 3600_000)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

// The month `n` months before `month` ("2026-03", 3 → "2025-12").
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const k = y * 12 + (m - 1) - n
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
}

// The period the page asks for, months inclusive: from = the start of the first month,
// to = the start of the month after the last (the server's [from, to)). A reversed pair is
// put in order.
export function periodQuery(fromMonth: string, toMonth: string): { from?: string; to?: string } {
  let a = fromMonth
  let b = toMonth
  if (a && b && a > b) [a, b] = [b, a]
  const from = a ? monthStartJst(a) : null
  const to = b && monthStartJst(b) ? monthStartJst(nextMonth(b)) : null
  return { from: from ?? undefined, to: to ?? undefined }
}

// A median in minutes as the table shows it (「42 分」「2 時間 5 分」), '—' when there is none.
export function medianText(minutes: number | null | undefined, t: Translate): string {
  return minutes === null || minutes === undefined ? '—' : spanText(minutes, t)
}

export interface MonthSeries {
  months: string[]
  contacts: number[]
  incidents: number[]
  dispatches: number[]
}

// The chart's series: the month rows of every consortium shown, summed per month, months in
// order (totals — month "" — left out).
export function monthSeries(rows: Array<Pick<DeskStatsRow, 'month' | 'contacts' | 'incidents' | 'dispatches'>>): MonthSeries {
  const by = new Map<string, { contacts: number; incidents: number; dispatches: number }>()
  for (const r of rows) {
    if (!r.month) continue
    const x = by.get(r.month) ?? { contacts: 0, incidents: 0, dispatches: 0 }
    x.contacts += r.contacts
    x.incidents += r.incidents
    x.dispatches += r.dispatches
    by.set(r.month, x)
  }
  const months = [...by.keys()].sort()
  return {
    months,
    contacts: months.map((m) => by.get(m)!.contacts),
    incidents: months.map((m) => by.get(m)!.incidents),
    dispatches: months.map((m) => by.get(m)!.dispatches),
  }
}

// ---- the SME's own words ----

// What the SME reads for a ticket's status: the desk's working states (一次切り分け,
// リモート対応, 保険連携 …) are the desk's vocabulary; the SME is told where its
// consultation stands (受け付けました / 確認中 / 対応中 / 保険の手続き中 / 完了).
export function smeStatusText(status: string, t: Translate, te: Has): string {
  const key = 'desk.support.statuses.' + status
  return te(key) ? t(key) : codeLabel(t, te, 'deskStatuses', status)
}

// An alert's plain words as the SME's page shows them: the server's words say the desk is on
// it (「…を検知しました。対応中です。」); once the alert's ticket is closed, the page says it is
// done instead, so the line never contradicts the ticket beside it.
export function alertLineText(words: string, ticketStatus: string | null | undefined, t: Translate): string {
  if (!ticketStatus || (ticketStatus !== 'resolved' && ticketStatus !== 'merged')) return words
  const busy = [t('desk.support.alertBusyJa'), t('desk.support.alertBusyEn')]
  for (const b of busy) {
    if (b && words.endsWith(b)) return words.slice(0, words.length - b.length).trimEnd() + (words.includes('。') ? '' : ' ') + t('desk.support.alertDone')
  }
  return words
}

// ---- the bridges: sharing with the SME's customers (取引先), the draft report ----

// The labels a supply-chain notice may carry (never CLEAR nor RED).
export const SHARE_TLPS = ['GREEN', 'AMBER', 'AMBER+STRICT'] as const
export type ShareTlp = (typeof SHARE_TLPS)[number]

// What the share panel starts from: the ticket's subject as the title, the SME's first message
// as the body (never an internal note nor the desk's reply), nothing requested yet.
export function sharePrefill(
  ticket: Pick<DeskTicketSummary, 'subject'>,
  entries: Array<Pick<DeskEntry, 'kind' | 'from_sme' | 'body'>>,
): { title: string; body: string; action_requested: string } {
  const first = entries.find((e) => e.kind === 'message' && e.from_sme && e.body.trim())
  return { title: ticket.subject.slice(0, 200), body: first?.body ?? '', action_requested: '' }
}

// The contract of an SME among those listed (the desk reads many, the SME its own).
export function contractOf<C extends Pick<DeskContract, 'sme_org_id'>>(contracts: C[], smeOrgId: number | null | undefined): C | null {
  return contracts.find((c) => c.sme_org_id === smeOrgId) ?? null
}

// An organisation's name in the reader's language (English falls back to Japanese).
export function orgName(o: { name_ja: string; name_en?: string | null }, locale: string): string {
  return locale === 'en' && o.name_en ? o.name_en : o.name_ja
}

// Why the share panel cannot send yet, or null when it can: agents need the SME's consent;
// everyone needs at least one operator, a label, a title and a body.
export function shareBlocker(
  f: { operators: number[]; tlp: string; title: string; body: string },
  opts: { desk: boolean; consented: boolean },
): 'consent' | 'operators' | 'tlp' | 'title' | 'body' | null {
  if (opts.desk && !opts.consented) return 'consent'
  if (!f.operators.length) return 'operators'
  if (!(SHARE_TLPS as readonly string[]).includes(f.tlp)) return 'tlp'
  if (!f.title.trim()) return 'title'
  if (!f.body.trim()) return 'body'
  return null
}
