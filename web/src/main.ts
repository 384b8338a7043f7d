import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { onSessionEnded } from './api/client'
import { forgetSession } from './session'
import './style.css'

document.documentElement.lang = i18n.global.locale.value

// Any request that finds the session gone returns the person to sign-in with a message.
onSessionEnded(() => {
  forgetSession()
  if (router.currentRoute.value.name !== 'signin') {
    void router.push({ name: 'signin', query: { expired: '1', next: router.currentRoute.value.fullPath } })
  }
})

createApp(App).use(i18n).use(router).mount('#app')
