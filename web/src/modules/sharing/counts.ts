// The signed-in person's inbox counts, shown in the navigation and the inbox.
import { reactive } from 'vue'
import { api } from '../../api/client'
import type { ItemCounts } from '../../api/types'

export const inboxCounts = reactive<ItemCounts>({ inbox: 0, unread: 0, action_outstanding: 0 })

export async function refreshCounts(): Promise<ItemCounts> {
  const c = await api<ItemCounts>('/items/counts')
  Object.assign(inboxCounts, c)
  return c
}
