// Sectors and hubs change rarely and every directory page names them: load once.
import { onMounted, reactive, ref, type Ref } from 'vue'
import { api } from '../../api/client'
import type { Hub, Page, Sector } from '../../api/types'

export const reference = reactive<{ sectors: Sector[]; hubs: Hub[]; loaded: boolean }>({
  sectors: [],
  hubs: [],
  loaded: false,
})

let pending: Promise<void> | null = null

export function loadReference(): Promise<void> {
  if (reference.loaded) return Promise.resolve()
  pending ??= Promise.all([api<Page<Sector>>('/sectors'), api<Page<Hub>>('/hubs')])
    .then(([sectors, hubs]) => {
      reference.sectors = sectors.items
      reference.hubs = hubs.items
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

export const PREFECTURES_JA = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
]
export const PREFECTURES_EN = [
  'Hokkaido', 'Aomori', 'Iwate', 'Miyagi', 'Akita', 'Yamagata', 'Fukushima', 'Ibaraki', 'Tochigi', 'Gunma',
  'Saitama', 'Chiba', 'Tokyo', 'Kanagawa', 'Niigata', 'Toyama', 'Ishikawa', 'Fukui', 'Yamanashi', 'Nagano',
  'Gifu', 'Shizuoka', 'Aichi', 'Mie', 'Shiga', 'Kyoto', 'Osaka', 'Hyogo', 'Nara', 'Wakayama',
  'Tottori', 'Shimane', 'Okayama', 'Hiroshima', 'Yamaguchi', 'Tokushima', 'Kagawa', 'Ehime', 'Kochi', 'Fukuoka',
  'Saga', 'Nagasaki', 'Kumamoto', 'Oita', 'Miyazaki', 'Kagoshima', 'Okinawa',
]
export const ORG_KINDS = [
  'operator', 'hub_secretariat', 'ministry', 'national_centre', 'analysis_centre', 'vendor', 'sme',
  'support_provider', 'sector_body',
]
