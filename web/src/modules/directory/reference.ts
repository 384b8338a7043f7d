// Sectors and hubs change rarely and every directory page names them: load once.
import { onMounted, reactive, ref, type Ref } from 'vue'
import { api } from '../../api/client'
import type { Hub, Page, Prefecture, Sector } from '../../api/types'

export const reference = reactive<{ sectors: Sector[]; hubs: Hub[]; prefectures: Prefecture[]; loaded: boolean }>({
  sectors: [],
  hubs: [],
  prefectures: [],
  loaded: false,
})

let pending: Promise<void> | null = null

export function loadReference(): Promise<void> {
  if (reference.loaded) return Promise.resolve()
  pending ??= Promise.all([
    api<Page<Sector>>('/sectors'),
    api<Page<Hub>>('/hubs'),
    api<Page<Prefecture>>('/prefectures'),
  ])
    .then(([sectors, hubs, prefectures]) => {
      reference.sectors = sectors.items
      reference.hubs = hubs.items
      reference.prefectures = prefectures.items
      reference.loaded = true
    })
    .finally(() => {
      pending = null
    })
  return pending
}

// For pages that show only reference data: loads it on mount, `loading` until then.
export function useReference(): Ref<boolean> {
  const loading = ref(!reference.loaded)
  onMounted(async () => {
    await loadReference()
    loading.value = false
  })
  return loading
}

export function sectorName(id: string, locale: string): string {
  const s = reference.sectors.find((x) => x.id === id)
  return s ? (locale === 'en' ? s.name_en : s.name_ja) : id
}

export function hubName(id: number, locale: string): string {
  const h = reference.hubs.find((x) => x.id === id)
  return h ? (locale === 'en' ? h.name_en : h.name_ja) : String(id)
}

export const ORG_KINDS = [
  'operator', 'hub_secretariat', 'ministry', 'national_centre', 'analysis_centre', 'vendor', 'sme',
  'support_provider', 'sector_body',
]
