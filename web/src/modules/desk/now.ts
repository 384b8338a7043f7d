// The current time for the SLA clocks, refreshed each minute (and on mount): a page's
// 「あと 25 分」 moves on by itself.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export function useNow(everyMs = 60_000) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), everyMs)
  })
  onBeforeUnmount(() => timer && clearInterval(timer))
  return now
}
