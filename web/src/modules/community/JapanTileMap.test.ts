import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n, setLocale } from '../../i18n'
import JapanTileMap from './JapanTileMap.vue'
import type { MapCell } from './community'

const cells: MapCell[] = Array.from({ length: 47 }, (_, i) => ({ prefecture: i + 1, communities: 0, experts: 0, upcoming_events: 0, open_needs: null }))
cells[3] = { prefecture: 4, communities: 1, experts: 2, upcoming_events: 1, open_needs: 3 }
cells[13] = { prefecture: 14, communities: 6, experts: 0, upcoming_events: 0, open_needs: null }

function render(selected: number | null = null, metric: 'communities' | 'experts' = 'communities') {
  setLocale('ja', { setItem: () => {} })
  return mount(JapanTileMap, { props: { cells, metric, selected }, global: { plugins: [i18n] } })
}

describe('JapanTileMap', () => {
  it('draws 47 buttons named by the prefecture and all its counts', () => {
    const w = render()
    const buttons = w.findAll('button')
    expect(buttons).toHaveLength(47)
    expect(w.get('[data-testid=tile-4]').attributes('aria-label')).toBe('宮城県：コミュニティ 1、専門家 2、開催予定のイベント 1、募集中のニーズ 3')
    // Not signed in (open_needs null): no needs in the name.
    expect(w.get('[data-testid=tile-14]').attributes('aria-label')).toBe('神奈川県：コミュニティ 6、専門家 0、開催予定のイベント 0')
  })
  it('shows the chosen count on the tile and shades by it', () => {
    const w = render()
    expect(w.get('[data-testid=tile-4]').text()).toBe('宮城1')
    expect(w.get('[data-testid=tile-4]').classes()).toContain('shade-1')
    expect(w.get('[data-testid=tile-14]').classes()).toContain('shade-3')
    expect(w.get('[data-testid=tile-1]').classes()).toContain('shade-0')
    const experts = render(null, 'experts')
    expect(experts.get('[data-testid=tile-4]').text()).toBe('宮城2')
    expect(experts.get('[data-testid=tile-4]').classes()).toContain('shade-2')
  })
  it('selects a prefecture, and pressing the selected one again clears it', async () => {
    const w = render(4)
    expect(w.get('[data-testid=tile-4]').attributes('aria-pressed')).toBe('true')
    expect(w.get('[data-testid=tile-7]').attributes('aria-pressed')).toBe('false')
    await w.get('[data-testid=tile-7]').trigger('click')
    await w.get('[data-testid=tile-4]').trigger('click')
    expect(w.emitted('select')).toEqual([[7], [null]])
  })
  it('moves with the arrow keys to the neighbouring tile', async () => {
    setLocale('ja', { setItem: () => {} })
    const w = mount(JapanTileMap, { props: { cells, metric: 'communities', selected: null }, global: { plugins: [i18n] }, attachTo: document.body })
    const focused = () => document.activeElement?.getAttribute('data-testid')
    const press = async (code: number, key: string) => {
      ;(w.get(`[data-testid=tile-${code}]`).element as HTMLElement).focus()
      await w.get(`[data-testid=tile-${code}]`).trigger('keydown', { key })
      return focused()
    }
    expect(await press(4, 'ArrowDown')).toBe('tile-7') // 宮城 → 福島
    expect(await press(13, 'ArrowDown')).toBe('tile-14') // 東京 → 神奈川
    expect(await press(27, 'ArrowRight')).toBe('tile-25') // 大阪 → 滋賀
    expect(await press(40, 'ArrowLeft')).toBe('tile-41') // 福岡 → 佐賀
    expect(await press(1, 'ArrowUp')).toBe('tile-1') // 北海道: nothing further north
    w.unmount()
  })
})
