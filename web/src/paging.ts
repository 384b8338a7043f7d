// The cursor-paged list every list page shares: load the first page, append the next
// ("show more"), show errors, and ignore answers to a search the user has already
// changed (a newer load wins).
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { api, query } from './api/client'
import type { Page } from './api/types'
import { errorMessage } from './errors'

type Params = Record<string, string | number | boolean | undefined | null>

export function usePagedList<T>(path: string, params: () => Params, pageSize = 50) {
  const { t } = useI18n()
  const items = ref([]) as Ref<T[]>
  const next = ref<string | null>(null)
  const loading = ref(false)
  const error = ref('')
  let generation = 0

  async function load(append = false): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = ''
    try {
      const page = await api<Page<T>>(path + query({ ...params(), limit: pageSize, cursor: append ? next.value : undefined }))
      if (mine !== generation) return
      items.value = append ? [...items.value, ...page.items] : page.items
      next.value = page.next_cursor ?? null
    } catch (e) {
      if (mine === generation) error.value = errorMessage(e, t)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  return { items, next, loading, error, load }
}
