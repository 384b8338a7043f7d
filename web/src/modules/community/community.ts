// Shared pieces of the regional community pages (issue 20, docs/community.md): the tile map's
// layout, the shapes of the API's answers, the member kinds in the common format's order and
// the small pure helpers the pages share (JST times for the event form, events by month).
import type { components } from '../../api/schema'

type Schemas = components['schemas']

// ---- the shapes (schema names of the OpenAPI document) ------------------------------

export type Community = Schemas['Community']
export type Practices = Community['practices']
export type MembersByKind = Community['members_by_kind']
export type CommunityPublic = Schemas['CommunityPublic']
export type Member = CommunityPublic['members'][number]
export type MemberKind = Member['kind']
export type CommunityApproach = Schemas['CommunityApproach']
export type ApproachBody = CommunityApproach['bodies'][number]

export type CommunityEvent = Schemas['CommunityEvent']
export type CommunityPost = Schemas['CommunityPost']
export type Visibility = CommunityPost['visibility']
// GET /communities/{id} signed in (the posts the caller may see, past events apart, the
// caller's standing); the public page (CommunityPublic) has the first four fields only.
export type CommunityDetail = Omit<Schemas['CommunityDetail'], 'past_events' | 'is_member' | 'is_secretariat' | 'can_manage' | 'posts'> & {
  posts: (CommunityPost | CommunityPublic['posts'][number])[]
} & Partial<Pick<Schemas['CommunityDetail'], 'past_events' | 'is_member' | 'is_secretariat' | 'can_manage'>>
export type CommunityMap = Schemas['CommunityMap']
export type MapCell = CommunityMap['items'][number]
export type CommunityRights = Schemas['CommunityRights']
export type Registration = Schemas['Registration']

// What the tile map counts.
export type Metric = 'communities' | 'experts' | 'upcoming_events' | 'open_needs'

// The member kinds in the order of the common format (自治体, 県警, 大学・高専, …).
export const MEMBER_KINDS: MemberKind[] = ['municipality', 'police', 'academia', 'vendor', 'chamber', 'bureau', 'enterprise']
export const VISIBILITIES: Visibility[] = ['public', 'members', 'secretariat']
// The rows of the common format, in order (参加者 is counted from the members).
export const PRACTICE_ROWS = ['purpose', 'members', 'activities', 'frequency', 'what_worked', 'open_issues'] as const
export type PracticeRow = (typeof PRACTICE_ROWS)[number]
export const PRACTICE_FIELDS: (keyof Practices)[] = ['purpose', 'activities', 'frequency', 'what_worked', 'open_issues']

// ---- the tile map ------------------------------------------------------------------------

// One square per prefecture on a 14 × 11 grid laid out like Japan: Hokkaido top right,
// Tohoku down the right edge, Honshu along the middle rows, Shikoku and Kyushu below it to the
// left, Okinawa bottom left. JIS X 0401 codes; `region` is the server's region code
// (kPrefectures, GET /prefectures), so a region filter works without signing in.
export interface Tile {
  code: number
  col: number
  row: number
  region: string
}
export const MAP_COLUMNS = 14
export const MAP_ROWS = 11
export const REGIONS = ['hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu', 'okinawa'] as const

const T = (code: number, col: number, row: number, region: string): Tile => ({ code, col, row, region })
export const TILES: Tile[] = [
  T(1, 13, 0, 'hokkaido'),
  T(2, 13, 1, 'tohoku'), T(5, 12, 2, 'tohoku'), T(3, 13, 2, 'tohoku'), T(6, 12, 3, 'tohoku'), T(4, 13, 3, 'tohoku'), T(7, 12, 4, 'tohoku'),
  T(17, 9, 4, 'chubu'), T(16, 10, 4, 'chubu'), T(15, 11, 4, 'chubu'),
  T(32, 4, 5, 'chugoku'), T(31, 5, 5, 'chugoku'), T(28, 6, 5, 'kinki'), T(26, 7, 5, 'kinki'), T(18, 8, 5, 'chubu'),
  T(21, 9, 5, 'chubu'), T(20, 10, 5, 'chubu'), T(10, 11, 5, 'kanto'), T(9, 12, 5, 'kanto'),
  T(35, 3, 6, 'chugoku'), T(34, 4, 6, 'chugoku'), T(33, 5, 6, 'chugoku'), T(27, 7, 6, 'kinki'), T(25, 8, 6, 'kinki'),
  T(23, 9, 6, 'chubu'), T(19, 10, 6, 'chubu'), T(11, 11, 6, 'kanto'), T(8, 12, 6, 'kanto'),
  T(41, 1, 7, 'kyushu'), T(40, 2, 7, 'kyushu'), T(44, 3, 7, 'kyushu'), T(38, 4, 7, 'shikoku'), T(37, 5, 7, 'shikoku'),
  T(36, 6, 7, 'shikoku'), T(30, 7, 7, 'kinki'), T(29, 8, 7, 'kinki'), T(24, 9, 7, 'kinki'), T(22, 10, 7, 'chubu'),
  T(13, 11, 7, 'kanto'), T(12, 12, 7, 'kanto'),
  T(42, 1, 8, 'kyushu'), T(43, 2, 8, 'kyushu'), T(45, 3, 8, 'kyushu'), T(39, 5, 8, 'shikoku'), T(14, 11, 8, 'kanto'),
  T(46, 2, 9, 'kyushu'),
  T(47, 0, 10, 'okinawa'),
]

export function regionOf(prefecture: number): string {
  return TILES.find((t) => t.code === prefecture)?.region ?? ''
}

// How a tile is shaded for a count: 0 none, 1 one, 2 a few (2–4), 3 many (5+).
export function shade(count: number | null | undefined): 0 | 1 | 2 | 3 {
  if (!count || count < 1) return 0
  if (count === 1) return 1
  return count < 5 ? 2 : 3
}

// ---- times ---------------------------------------------------------------------------------

const JST_OFFSET_MS = 9 * 3600_000

// A datetime-local value read as Japan time ("2026-12-20T14:00") → ISO with the offset
// ("2026-12-20T14:00:00+09:00"); "" for an empty or malformed value.
export function jstLocalToIso(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) return ''
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+09:00`
}

// The other way, for a form's default: an instant → its Japan wall time as a datetime-local value.
export function isoToJstLocal(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  if (Number.isNaN(d.getTime())) return ''
  return new Date(d.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16)
}

// The month an instant falls in, in Japan ("2026-12"), for grouping a calendar.
export function jstMonth(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return new Date(d.getTime() + JST_OFFSET_MS).toISOString().slice(0, 7)
}

// Events grouped by their JST month, months and events in time order (newest first when
// `newestFirst`, for past events).
export function byMonth<E extends { starts_at: string }>(events: E[], newestFirst = false): { month: string; events: E[] }[] {
  const sorted = [...events].sort((a, b) => (newestFirst ? -1 : 1) * (Date.parse(a.starts_at) - Date.parse(b.starts_at)))
  const groups: { month: string; events: E[] }[] = []
  for (const e of sorted) {
    const month = jstMonth(e.starts_at)
    const last = groups[groups.length - 1]
    if (last && last.month === month) last.events.push(e)
    else groups.push({ month, events: [e] })
  }
  return groups
}

// An event's times as one phrase: the same JST day writes the date once
// ("2026/12/20 14:00–16:00 JST"); `full` formats an instant (format.ts formatJst).
export function timeRange(startsAt: string, endsAt: string, full: (iso: string) => string): string {
  const a = full(startsAt)
  const b = full(endsAt)
  const day = (s: string) => s.replace(/\s?\d{2}:\d{2} JST$/, '')
  if (day(a) === day(b)) return `${a.replace(/ JST$/, '')}–${b.slice(day(b).length).trim()}`
  return `${a} – ${b}`
}

// ---- the event form --------------------------------------------------------------------

export interface EventDraft {
  title: string
  body: string
  place: string
  starts: string // datetime-local, JST
  ends: string
  capacity: number | null
}

// What the form can tell before the server does: the field and the message key of the first
// problem (the server decides the rest, e.g. a start in the past).
export function eventDraftProblem(d: EventDraft): { field: keyof EventDraft; key: string } | null {
  if (!d.title.trim()) return { field: 'title', key: 'community.event.needTitle' }
  if (!jstLocalToIso(d.starts)) return { field: 'starts', key: 'community.event.needStart' }
  if (!jstLocalToIso(d.ends)) return { field: 'ends', key: 'community.event.needEnd' }
  if (d.ends <= d.starts) return { field: 'ends', key: 'community.event.endBeforeStart' }
  if (!d.capacity || d.capacity < 1 || !Number.isInteger(d.capacity)) return { field: 'capacity', key: 'community.event.needCapacity' }
  return null
}

export function eventBody(d: EventDraft) {
  return {
    title: d.title.trim(),
    body: d.body,
    place: d.place.trim(),
    starts_at: jstLocalToIso(d.starts),
    ends_at: jstLocalToIso(d.ends),
    capacity: d.capacity,
  }
}

// Members grouped by kind in the common format's order; kinds without members left out.
export function membersByKind(members: Member[]): { kind: MemberKind; members: Member[] }[] {
  return MEMBER_KINDS.map((kind) => ({ kind, members: members.filter((m) => m.kind === kind) })).filter((g) => g.members.length > 0)
}

// The visibilities a person may post with: members post public or members-only; the
// secretariat also secretariat-only.
export function postableVisibilities(isMember: boolean, isSecretariat: boolean): Visibility[] {
  if (isSecretariat) return VISIBILITIES
  return isMember ? ['public', 'members'] : []
}

// The 参加者 row of the common format, counted from the members: the kinds with members, in
// order, and the total.
export function memberCounts(byKind: MembersByKind): { kinds: { kind: MemberKind; n: number }[]; total: number } {
  const kinds = MEMBER_KINDS.map((kind) => ({ kind, n: byKind[kind] ?? 0 })).filter((x) => x.n > 0)
  return { kinds, total: kinds.reduce((s, x) => s + x.n, 0) }
}

// "?ids=3,1,x,3" → [3, 1]: positive integers, first occurrence kept, in the order given.
export function parseIds(raw: unknown): number[] {
  const text = Array.isArray(raw) ? raw.join(',') : typeof raw === 'string' ? raw : ''
  const out: number[] = []
  for (const part of text.split(',')) {
    const n = Number(part.trim())
    if (Number.isInteger(n) && n > 0 && !out.includes(n)) out.push(n)
  }
  return out
}

// One list of a community's events, upcoming and past (the signed-in answer sends the past
// ones as past_events), each once.
export function allEvents(d: Pick<CommunityDetail, 'events' | 'past_events'>): CommunityEvent[] {
  const seen = new Set<number>()
  return [...d.events, ...(d.past_events ?? [])].filter((e) => !seen.has(e.id) && seen.add(e.id) !== undefined)
}
