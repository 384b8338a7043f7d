// Self-assessment catalogues, loaded once per tab, and the small formatting rules the
// pages share (means in tenths, names in the chosen language).
import { api } from '../../api/client'
import type { AssessmentCatalog, CatalogSummary, CheckItem } from '../../api/types'

const cache = new Map<string, Promise<AssessmentCatalog>>()
let list: Promise<{ items: CatalogSummary[] }> | undefined

export function loadCatalogs(): Promise<{ items: CatalogSummary[] }> {
  list ??= api<{ items: CatalogSummary[] }>('/assessment/catalogs')
  return list
}

export function loadCatalog(id: string): Promise<AssessmentCatalog> {
  let c = cache.get(id)
  if (!c) {
    c = api<AssessmentCatalog>('/assessment/catalogs/' + encodeURIComponent(id))
    cache.set(id, c)
  }
  return c
}

// "2.5" from 25; "—" when there is no score.
export function tenths(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : (v / 10).toFixed(1)
}

export function named(o: { name_ja: string; name_en: string }, locale: string): string {
  return locale === 'en' && o.name_en ? o.name_en : o.name_ja
}

export interface IndexedItem extends CheckItem {
  function_id: string
  category_id: string
}

// Every item of the catalogue by id, with its function and category.
export function itemIndex(c: AssessmentCatalog): Map<string, IndexedItem> {
  const out = new Map<string, IndexedItem>()
  for (const f of c.functions)
    for (const cat of f.categories) for (const i of cat.items) out.set(i.id, { ...i, function_id: f.id, category_id: cat.id })
  return out
}

// The current fiscal year in Japan (April to March, JST).
export function currentFiscalYear(now = new Date()): number {
  const jst = new Date(now.getTime() + 9 * 3600 * 1000)
  return jst.getUTCMonth() < 3 ? jst.getUTCFullYear() - 1 : jst.getUTCFullYear()
}

// A function's name by id ("特定"), or the id when the catalogue has no such function.
export function functionName(c: AssessmentCatalog | undefined, id: string, locale: string): string {
  const f = c?.functions.find((x) => x.id === id)
  return f ? named(f, locale) : id
}

// An item's check text in the chosen language, or the id.
export function itemText(items: Map<string, IndexedItem>, id: string, locale: string): string {
  const i = items.get(id)
  return i ? (locale === 'en' ? i.en : i.ja) : id
}

// How many of the catalogue's items have an answer on this page (a level, or not
// applicable), counted from the page's own answers only: the server's scores lag behind
// what is typed (an N/A waits for its reason before it is saved), so adding its
// "answered" to the page's N/A count counted an item twice (「回答 109 / 108」).
export function answeredCount(items: Map<string, unknown>, answers: Record<string, { level: number | null; not_applicable: boolean }>): number {
  let n = 0
  for (const id of items.keys()) {
    const a = answers[id]
    if (a && (a.not_applicable || a.level !== null)) ++n
  }
  return n
}
