import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '../../i18n'
import OfferTagsInput from './OfferTagsInput.vue'

// The chips input as a person types into it: the v-model is the parent's list.
function mountTags(initial: string[] = []) {
  const model = { tags: initial }
  const w = mount(OfferTagsInput, {
    props: { id: 'tags', modelValue: model.tags, 'onUpdate:modelValue': (v: string[]) => { model.tags = v; void w.setProps({ modelValue: v }) } },
    global: { plugins: [i18n] },
  })
  return { w, model }
}

describe('tags as chips', () => {
  it('adds a chip on Enter and on 、, folding ＯＴ into the OT already there', async () => {
    const { w, model } = mountTags(['OT'])
    const input = w.get('input')
    await input.setValue('ＯＴ')
    await input.trigger('keydown', { key: 'Enter' })
    expect(model.tags).toEqual(['OT'])
    await input.setValue('診断、') // 、 arrives through the IME as text, not as a key
    await w.vm.$nextTick()
    expect(model.tags).toEqual(['OT', '診断'])
    expect(w.findAll('[data-testid=tag-chip]').map((c) => c.text().replace('×', '').trim())).toEqual(['OT', '診断'])
    expect((input.element as HTMLInputElement).value).toBe('')
  })
  it('ignores the Enter that ends an IME conversion', async () => {
    const { w, model } = mountTags()
    const input = w.get('input')
    await input.setValue('こうじょう')
    await input.trigger('keydown', { key: 'Enter', isComposing: true })
    expect(model.tags).toEqual([])
  })
  it('removes a chip by its button (named for the tag) and the last one by Backspace in the empty input', async () => {
    const { w, model } = mountTags(['OT', '診断', '工場'])
    const remove = w.findAll('button')[1]
    expect(remove.attributes('aria-label')).toBe('タグ「診断」を外す')
    await remove.trigger('click')
    expect(model.tags).toEqual(['OT', '工場'])
    await w.get('input').trigger('keydown', { key: 'Backspace' })
    expect(model.tags).toEqual(['OT'])
  })
  it('takes what is still typed when the input loses focus', async () => {
    const { w, model } = mountTags()
    await w.get('input').setValue('訓練 メール')
    await w.get('input').trigger('blur')
    expect(model.tags).toEqual(['訓練', 'メール'])
  })
})
