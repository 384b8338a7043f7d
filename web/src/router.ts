import { createRouter, createWebHistory } from 'vue-router'
import { canAdminister, hasRole, loadSession, session } from './session'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    admin?: boolean
    adminRole?: boolean // administrators only (hub staff who manage the directory not)
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/signin', name: 'signin', component: () => import('./modules/auth/SignInPage.vue'), meta: { public: true } },
    // The mailed password-reset link (#token=… in the fragment); works signed in or not.
    { path: '/password-reset', name: 'password-reset', component: () => import('./modules/auth/PasswordResetPage.vue'), meta: { public: true } },
    { path: '/public', name: 'public', component: () => import('./modules/public/PublicPage.vue'), meta: { public: true } },
    { path: '/public/:id', name: 'public-item', component: () => import('./modules/public/PublicPage.vue'), props: true, meta: { public: true } },
    { path: '/', name: 'home', component: () => import('./modules/home/HomePage.vue') },
    { path: '/sectors', name: 'sectors', component: () => import('./modules/directory/SectorsPage.vue') },
    { path: '/hubs', name: 'hubs', component: () => import('./modules/directory/HubMapPage.vue') },
    { path: '/organisations', name: 'organisations', component: () => import('./modules/directory/OrganisationsPage.vue') },
    { path: '/organisations/:id', name: 'organisation', component: () => import('./modules/directory/OrganisationPage.vue'), props: true },
    { path: '/items', name: 'items', component: () => import('./modules/sharing/InboxPage.vue') },
    { path: '/items/new', name: 'publish', component: () => import('./modules/sharing/PublishPage.vue') },
    { path: '/items/:id', name: 'item', component: () => import('./modules/sharing/ItemPage.vue'), props: true },
    { path: '/items/:id/revise', name: 'revise', component: () => import('./modules/sharing/PublishPage.vue'), props: true },
    { path: '/items/:id/draft', name: 'draft', component: () => import('./modules/sharing/PublishPage.vue'), props: (r) => ({ id: String(r.params.id), draft: true }) },
    { path: '/reports', name: 'reports', component: () => import('./modules/reporting/ReportsPage.vue') },
    { path: '/reports/new', name: 'report-new', component: () => import('./modules/reporting/ReportFormPage.vue') },
    { path: '/reports/:id', name: 'report', component: () => import('./modules/reporting/ReportPage.vue'), props: true },
    { path: '/reports/:id/edit', name: 'report-edit', component: () => import('./modules/reporting/ReportFormPage.vue'), props: true },
    { path: '/reports/:id/receipt/:version', name: 'report-receipt', component: () => import('./modules/reporting/ReceiptPage.vue'), props: true },
    { path: '/reports/:id/print', name: 'report-print', component: () => import('./modules/reporting/PrintPage.vue'), props: true },
    { path: '/reports/:id/anonymise', name: 'report-anonymise', component: () => import('./modules/reporting/AnonymisePage.vue'), props: true },
    { path: '/assessments', name: 'assessments', component: () => import('./modules/assessment/AssessmentsPage.vue') },
    { path: '/assessments/:id', name: 'assessment', component: () => import('./modules/assessment/AssessmentPage.vue'), props: true },
    { path: '/sector/assessments', name: 'sector-assessments', component: () => import('./modules/assessment/SectorAssessmentsPage.vue') },
    { path: '/exercises', name: 'exercises', component: () => import('./modules/exercises/ExercisesPage.vue') },
    { path: '/exercises/:id', name: 'exercise', component: () => import('./modules/exercises/ExercisePage.vue'), props: true },
    { path: '/exercises/:id/report', name: 'exercise-report', component: () => import('./modules/exercises/ExerciseReportPage.vue'), props: true },
    // お助け隊 (the SME desk): the agent's queue (the SME's support page for anyone else), a
    // ticket, the statistics; /support is the SME's own page.
    { path: '/desk', name: 'desk', component: () => import('./modules/desk/DeskPage.vue') },
    { path: '/desk/tickets/:id', name: 'desk-ticket', component: () => import('./modules/desk/TicketPage.vue'), props: true },
    { path: '/desk/stats', name: 'desk-stats', component: () => import('./modules/desk/DeskStatsPage.vue') },
    { path: '/support', name: 'support', component: () => import('./modules/desk/SupportPage.vue') },
    // 調査 (surveys, docs/survey.md): the list, one survey (its answer page), its progress, its results.
    { path: '/surveys', name: 'surveys', component: () => import('./modules/survey/SurveyListPage.vue') },
    { path: '/surveys/:id', name: 'survey', component: () => import('./modules/survey/SurveyPage.vue'), props: true },
    { path: '/surveys/:id/progress', name: 'survey-progress', component: () => import('./modules/survey/SurveyProgressPage.vue'), props: true },
    { path: '/surveys/:id/results', name: 'survey-results', component: () => import('./modules/survey/SurveyResultsPage.vue'), props: true },
    // 地域連携 (regional communities, docs/community.md): public pages, also signed in.
    { path: '/communities', name: 'communities', component: () => import('./modules/community/CommunitiesPage.vue'), meta: { public: true } },
    { path: '/communities/compare', name: 'communities-compare', component: () => import('./modules/community/ComparePage.vue'), meta: { public: true } },
    { path: '/communities/:id', name: 'community', component: () => import('./modules/community/CommunityPage.vue'), props: true, meta: { public: true } },
    { path: '/community/events', name: 'community-events', component: () => import('./modules/community/EventsPage.vue'), meta: { public: true } },
    // ニーズとシーズ (needs and seeds, docs/community.md): the list with its 紹介 tab, one offer
    // with its matches; /community/introductions is the 紹介 tab's own address.
    { path: '/community/offers', name: 'community-offers', component: () => import('./modules/community/OffersPage.vue') },
    { path: '/community/offers/:id', name: 'community-offer', component: () => import('./modules/community/OfferPage.vue'), props: true },
    { path: '/community/introductions', name: 'community-introductions', redirect: { path: '/community/offers', query: { tab: 'introductions' } } },
    // 専門家・支援制度: the search works signed out; requests and listing need a session.
    { path: '/community/experts', name: 'community-experts', component: () => import('./modules/community/ExpertsPage.vue'), meta: { public: true } },
    { path: '/settings', name: 'settings', component: () => import('./modules/settings/SettingsPage.vue') },
    { path: '/admin', name: 'admin', component: () => import('./modules/admin/AdminPage.vue'), meta: { admin: true } },
    { path: '/admin/users', name: 'user-search', component: () => import('./modules/admin/UserSearchPage.vue'), meta: { admin: true } },
    { path: '/admin/audit', name: 'admin-audit', component: () => import('./modules/admin/AdminAuditPage.vue'), meta: { admin: true, adminRole: true } },
    { path: '/admin/locked-accounts', name: 'admin-locked', component: () => import('./modules/admin/LockedAccounts.vue'), meta: { admin: true, adminRole: true } },
    { path: '/admin/outbox', name: 'admin-outbox', component: () => import('./modules/admin/OutboxList.vue'), meta: { admin: true, adminRole: true } },
    { path: '/admin/clearances', name: 'admin-clearances', component: () => import('./modules/admin/ClearancesPage.vue'), meta: { admin: true, adminRole: true } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  if (!session.checked) await loadSession()
  if (to.meta.public) return session.me && to.name === 'signin' ? { name: 'home' } : true
  if (!session.me) return { name: 'signin', query: { next: to.fullPath } }
  if (to.meta.admin && !canAdminister()) return { name: 'home', query: { denied: '1' } }
  if (to.meta.adminRole && !hasRole('admin')) return { name: 'home', query: { denied: '1' } }
  return true
})
