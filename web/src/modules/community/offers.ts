// The pure parts of the needs-and-seeds (ニーズとシーズ) and experts pages (issue 20,
// docs/community.md): tags typed as chips, why a match is suggested, an introduction's state
// in words and what the caller may do with it, a support request's next steps, prefecture
// names (the public experts page has no session to ask GET /prefectures with).
import type { components } from '../../api/schema'

type Schemas = components['schemas']

// ---- shapes (docs/community.md; the OpenAPI document's schemas) ----------------------

export type Offer = Schemas['Offer']
export type OfferKind = Offer['kind']
export type OfferMatch = Schemas['OfferMatch']
export type Introduction = Schemas['Introduction']
export type IntroOutcome = '' | 'meeting' | 'joint_project' | 'contract'
export type Expert = Schemas['Expert']
export type Scheme = Schemas['Scheme']
export type SupportRequest = Schemas['SupportRequest']
export type RequestStatus = SupportRequest['status']

// Sectors an offer may name beyond the directory's 15 critical-infrastructure sectors: the
// SMEs' and vendors' own (the demo's 湘南精機 is a manufacturer). Words in
// communityMatch.sectorExtra; the server stores any short code.
export const EXTRA_SECTORS = ['manufacturing'] as const

export const SPECIALITIES = ['ot', 'forensics', 'incident_response', 'training', 'audit', 'awareness', 'cloud', 'network', 'law'] as const
export const OUTCOMES = ['meeting', 'joint_project', 'contract'] as const

// ---- tags as chips ---------------------------------------------------------------------

// The form in which two tags are the same one: full-width letters and digits folded to
// half-width (ＯＴ = OT), case ignored — as the server compares them.
export function tagKey(tag: string): string {
  return tag.normalize('NFKC').trim().toLowerCase()
}

// Tags typed into the chips input: split at commas (,、，), spaces (half- and full-width)
// and line breaks; a leading # dropped; NFKC-normalised (ＯＴ → OT); empty ones and
// repeats of a tag already there (compared by tagKey) left out; at most 40 characters each.
export function parseTags(input: string, existing: readonly string[] = []): string[] {
  const seen = new Set(existing.map(tagKey))
  const out: string[] = []
  for (const raw of input.normalize('NFKC').split(/[,、，\s]+/u)) {
    const tag = raw.replace(/^#+/, '').trim().slice(0, 40)
    if (!tag) continue
    const key = tagKey(tag)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(tag)
  }
  return out
}

// ---- why a match is suggested ---------------------------------------------------------

export interface Reason {
  key: 'sharedTags' | 'samePrefecture' | 'sameRegion' | 'sameSector' | 'textSimilarity'
  values?: Record<string, string | number>
}

// Text similarity (0–1, Dice of character bigrams) as a whole per cent.
export function similarityPercent(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100)
}

// The reasons in the order the score weighs them: shared tags, the same prefecture (or
// else the same region — a prefecture implies its region), the same sector, the text
// similarity (always shown, even at 0%, so a low-text match says so).
export function matchReasons(m: Pick<OfferMatch, 'shared_tags' | 'same_prefecture' | 'same_region' | 'same_sector' | 'text_similarity'>): Reason[] {
  const out: Reason[] = []
  if (m.shared_tags.length) out.push({ key: 'sharedTags', values: { n: m.shared_tags.length } })
  if (m.same_prefecture) out.push({ key: 'samePrefecture' })
  else if (m.same_region) out.push({ key: 'sameRegion' })
  if (m.same_sector) out.push({ key: 'sameSector' })
  out.push({ key: 'textSimilarity', values: { percent: similarityPercent(m.text_similarity) } })
  return out
}

// A score as the page shows it: one decimal place at most ("9.4", "7").
export function formatScore(score: number): string {
  return String(Math.round(score * 10) / 10)
}

// The need and the seed of an introduction between an offer and one of its matches.
export function introPair(offer: Pick<Offer, 'id' | 'kind'>, match: Pick<Offer, 'id'>): { need_id: number; seed_id: number } {
  return offer.kind === 'need' ? { need_id: offer.id, seed_id: match.id } : { need_id: match.id, seed_id: offer.id }
}

// Whether the caller can ask for an introduction between an offer and a match: one of the
// two must be its organisation's, and both open.
export function canAsk(offer: Pick<Offer, 'mine' | 'state'>, match: Pick<Offer, 'mine' | 'state'>): boolean {
  return (offer.mine || match.mine) && offer.state === 'open' && match.state === 'open'
}

// ---- introductions ---------------------------------------------------------------------

// waiting: asked (state "requested"), the other side has not answered yet; answer: the caller's organisation
// must answer; accepted: both agreed (contacts exchanged); declined.
export type IntroStatus = 'waiting' | 'answer' | 'accepted' | 'declined'

export function introStatus(i: Pick<Introduction, 'state' | 'can_answer'>): IntroStatus {
  if (i.state === 'accepted') return 'accepted'
  if (i.state === 'declined') return 'declined'
  return i.can_answer ? 'answer' : 'waiting'
}

// What the page offers on an introduction: accept/decline while the caller must answer,
// the contacts and the outcome once both agreed.
export function introActions(i: Pick<Introduction, 'state' | 'can_answer'>): { answer: boolean; contacts: boolean; outcome: boolean } {
  const s = introStatus(i)
  return { answer: s === 'answer', contacts: s === 'accepted', outcome: s === 'accepted' }
}

// The introductions that concern one offer, keyed by the other offer's id.
export function introsByOther(offer: Pick<Offer, 'id' | 'kind'>, intros: readonly Introduction[]): Map<number, Introduction> {
  const out = new Map<number, Introduction>()
  for (const i of intros) {
    if (offer.kind === 'need' && i.need_id === offer.id) out.set(i.seed_id, i)
    if (offer.kind === 'seed' && i.seed_id === offer.id) out.set(i.need_id, i)
  }
  return out
}

// ---- support requests ------------------------------------------------------------------

// The statuses the answering side may move a request to from where it is.
export function nextStatuses(status: RequestStatus): RequestStatus[] {
  if (status === 'requested') return ['accepted', 'declined']
  if (status === 'accepted') return ['done']
  return []
}

// A date input's day (YYYY-MM-DD) as the end of that day in JST, or null for none.
export function deadlineFromDate(day: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T23:59:00+09:00` : null
}

// ---- prefectures (JIS X 0401) ------------------------------------------------------------

const PREFECTURES_JA = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
]
const PREFECTURES_EN = [
  'Hokkaido', 'Aomori', 'Iwate', 'Miyagi', 'Akita', 'Yamagata', 'Fukushima', 'Ibaraki', 'Tochigi', 'Gunma',
  'Saitama', 'Chiba', 'Tokyo', 'Kanagawa', 'Niigata', 'Toyama', 'Ishikawa', 'Fukui', 'Yamanashi', 'Nagano',
  'Gifu', 'Shizuoka', 'Aichi', 'Mie', 'Shiga', 'Kyoto', 'Osaka', 'Hyogo', 'Nara', 'Wakayama',
  'Tottori', 'Shimane', 'Okayama', 'Hiroshima', 'Yamaguchi', 'Tokushima', 'Kagawa', 'Ehime', 'Kochi', 'Fukuoka',
  'Saga', 'Nagasaki', 'Kumamoto', 'Oita', 'Miyazaki', 'Kagoshima', 'Okinawa',
]

export const PREFECTURE_CODES = PREFECTURES_JA.map((_, i) => i + 1)

// A prefecture's name by its JIS code; `nationwide` for 0 (an expert or scheme that covers
// all of Japan); the code itself for one out of range, never an empty cell.
export function prefectureName(code: number, locale: string, nationwide = ''): string {
  if (code === 0) return nationwide
  const names = locale === 'en' ? PREFECTURES_EN : PREFECTURES_JA
  return names[code - 1] ?? String(code)
}

// The prefectures an expert or scheme covers, in words: 全国 first when it covers all.
export function coverage(codes: readonly number[], locale: string, nationwide: string, separator: string): string {
  if (codes.includes(0)) return nationwide
  return [...codes].sort((a, b) => a - b).map((c) => prefectureName(c, locale)).join(separator)
}

// ---- sectors ---------------------------------------------------------------------------

type Translate = (key: string) => string
type Has = (key: string) => boolean

// An offer's sector in words: the directory's name (`directoryName` gives the code back for
// one it does not know), else the words of an extra sector, else the code itself.
export function offerSectorName(code: string, directoryName: (code: string) => string, t: Translate, te: Has): string {
  const named = directoryName(code)
  if (named !== code) return named
  const key = `communityMatch.sectorExtra.${code}`
  return te(key) ? t(key) : code
}
