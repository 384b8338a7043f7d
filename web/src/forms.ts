// The submit cycle every form shares: busy while it runs, then the server's errors beside
// the fields they name, or one message above the form.
import { ref } from 'vue'
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
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, error, errors, run }
}
