import { afterEach, describe, expect, it, vi } from 'vitest'
import { onSessionEnded } from './api/client'
import { coalesce, onLive, startLive, stopLive } from './live'

// A stand-in for the browser's EventSource: records listeners, lets the test fire events.
class FakeEventSource {
  static last: FakeEventSource | null = null
  readonly listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>()
  closed = false
  constructor(readonly url: string) {
    FakeEventSource.last = this
  }
  addEventListener(type: string, l: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l])
  }
  close() {
    this.closed = true
  }
  fire(type: string, data: string) {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data }))
  }
}

afterEach(() => {
  stopLive()
  vi.unstubAllGlobals()
})

describe('live events', () => {
  it('hands item events to the handlers registered for their type', () => {
    vi.stubGlobal('EventSource', FakeEventSource)
    const seen: number[] = []
    const off = onLive(['published'], (id) => seen.push(id))
    startLive()
    FakeEventSource.last!.fire('published', '{"item_id":7}')
    FakeEventSource.last!.fire('revised', '{"item_id":8}')
    off()
    FakeEventSource.last!.fire('published', '{"item_id":9}')
    expect(seen).toEqual([7])
  })

  it('closes the stream on "end" (no reconnect loop) and reports the session ended', () => {
    vi.stubGlobal('EventSource', FakeEventSource)
    const ended = vi.fn()
    onSessionEnded(ended)
    startLive()
    const first = FakeEventSource.last!
    first.fire('end', '{"reason":"signed_out"}')
    expect(first.closed).toBe(true)
    expect(ended).toHaveBeenCalledTimes(1)
    expect(ended.mock.calls[0][0].status).toBe(401)
    // A later sign-in opens a new stream.
    startLive()
    expect(FakeEventSource.last).not.toBe(first)
  })

  it('does not report an end for a stream this tab already stopped (its own sign-out)', () => {
    vi.stubGlobal('EventSource', FakeEventSource)
    const ended = vi.fn()
    onSessionEnded(ended)
    startLive()
    const es = FakeEventSource.last!
    stopLive()
    es.fire('end', '{"reason":"signed_out"}')
    expect(ended).not.toHaveBeenCalled()
  })

  it("hands an exercise's events on under their own names, and its end signs nobody out", () => {
    vi.stubGlobal('EventSource', FakeEventSource)
    const ended = vi.fn()
    onSessionEnded(ended)
    const seen: number[] = []
    const off = onLive(['exercise_end', 'exercise_inject'], (id) => seen.push(id))
    startLive()
    FakeEventSource.last!.fire('exercise_inject', '{"exercise_id":3}')
    FakeEventSource.last!.fire('exercise_end', '{"exercise_id":3}')
    off()
    expect(seen).toEqual([3, 3])
    expect(FakeEventSource.last!.closed).toBe(false)
    expect(ended).not.toHaveBeenCalled()
  })
})

describe('coalesce', () => {
  afterEach(() => vi.useRealTimers())

  it('folds a burst of triggers into one run per gap, and never runs twice at once', async () => {
    vi.useFakeTimers()
    let runs = 0
    let inFlight = 0
    let maxInFlight = 0
    const r = coalesce(async () => {
      runs++
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise((done) => setTimeout(done, 300))
      inFlight--
    }, 2000)
    r.trigger() // runs at once
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toBe(1)
    for (let i = 0; i < 50; i++) r.trigger() // 50 acknowledgements while it runs
    await vi.advanceTimersByTimeAsync(1000)
    expect(runs).toBe(1) // still inside the 2 s gap
    await vi.advanceTimersByTimeAsync(1500)
    expect(runs).toBe(2) // the burst became one more run
    await vi.advanceTimersByTimeAsync(10000)
    expect(runs).toBe(2) // nothing was asked since
    expect(maxInFlight).toBe(1)
    r.trigger()
    r.cancel()
    await vi.advanceTimersByTimeAsync(5000)
    expect(runs).toBe(2) // cancelled on leaving the page
  })
})
