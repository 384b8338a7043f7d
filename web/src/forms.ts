// The submit cycle every form shares: busy while it runs, then the server's errors beside
// the fields they name, or one message above the form.
import { nextTick, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { errorMessage, fieldErrors } from './errors'

export function useSubmit() {
  const { t } = useI18n()
  const busy = ref(false)
  const error = ref('')
  const errors = ref<Record<string, string>>({})

  async function run(work: () => Promise<void>): Promise<boolean> {
    busy.value = true
    error.value = ''
    errors.value = {}
    try {
      await work()
      return true
    } catch (e) {
      errors.value = fieldErrors(e, t)
      if (!Object.keys(errors.value).length) error.value = errorMessage(e, t)
      else await showIfNotBeside(errorMessage(e, t))
      return false
    } finally {
      busy.value = false
    }
  }

  // An error for a field this form has no input for (the server named a field the page
  // does not show) would be shown nowhere: then it goes above the form.
  async function showIfNotBeside(message: string) {
    await nextTick()
    const shown = [...document.querySelectorAll('[role=alert]')].some((el) => el.textContent?.trim() === message)
    if (!shown) error.value = message
  }

  return { busy, error, errors, run }
}
