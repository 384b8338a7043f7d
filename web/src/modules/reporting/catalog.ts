// The reporting catalogue (form fields, taxonomy, regimes) loaded once per tab, and the
// helpers the reporting pages share: labels in the current language, the regime that
// applies, and the fields a phase still misses.
import { reactive } from 'vue'
import { api } from '../../api/client'
import type { FieldDef, Phase, Regime, ReportCatalog, ReportClass, ReportVersion } from '../../api/types'
import { formatJst } from '../../format'

export const catalog = reactive<{ value: ReportCatalog | null }>({ value: null })

export async function loadCatalog(): Promise<ReportCatalog> {
  if (!catalog.value) catalog.value = await api<ReportCatalog>('/reporting/catalog')
  return catalog.value
}

export function fieldLabel(f: FieldDef, locale: string): string {
  return locale === 'en' ? f.label_en : f.label_ja
}

export function fieldHelp(f: FieldDef, locale: string): string {
  return locale === 'en' ? f.help_en : f.help_ja
}

export function choiceLabel(f: FieldDef, value: string, locale: string): string {
  const i = f.choices.indexOf(value)
  const labels = locale === 'en' ? f.choices_en : f.choices_ja
  return i >= 0 && labels[i] ? labels[i] : value
}

// The stored value as people read it (choices by label, times in JST).
export function displayValue(key: string, value: string, locale: string): string {
  const f = catalog.value?.fields.find((x) => x.key === key)
  if (!f) return value
  return f.type === 'choice' ? choiceLabel(f, value, locale) : value
}

// A version's non-empty fields in catalogue order as people read them (choices by label,
// instants in JST): what the case page and the print view show.
export function shownFields(v: ReportVersion | null, locale: string): { key: string; label: string; value: string }[] {
  if (!v) return []
  return (catalog.value?.fields ?? [])
    .filter((f) => v.fields[f.key])
    .map((f) => ({ key: f.key, label: fieldLabel(f, locale), value: f.type === 'datetime' ? formatJst(v.fields[f.key], locale) : displayValue(f.key, v.fields[f.key], locale) }))
}

// The first regime covering the sector and class, as the server picks it.
export function regimeFor(sector: string, cls: ReportClass): Regime | null {
  const list = catalog.value?.regimes ?? []
  return list.find((r) => (r.sectors.includes('*') || r.sectors.includes(sector)) && r.classes.includes(cls)) ?? null
}

export function regimeById(id: string): Regime | null {
  return catalog.value?.regimes.find((r) => r.id === id) ?? null
}

export function missingFields(regime: Regime | null, phase: Phase, fields: Record<string, string>): string[] {
  if (!regime) return []
  return regime.required[phase].filter((k) => !(fields[k] ?? '').trim())
}
