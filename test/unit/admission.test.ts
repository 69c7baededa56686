/**
 * Admission control (server/realtime/admission.ts): what it admits and
 * refuses, and that a refusal says what it is and when to come back. The
 * event-loop bound is shown by really blocking this process's loop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Admission, LOOP_DELAY_FLOOR, SAMPLE_MS, type BusyReason } from '../../server/realtime/admission.ts';

const LIMITS = { eventsInFlight: 3, loopDelayMs: 100, retryAfterMs: 250 };
const running: Admission[] = [];

function admission(limits = LIMITS): { gate: Admission; refusals: BusyReason[] } {
  const refusals: BusyReason[] = [];
  const gate = new Admission(limits, (reason) => refusals.push(reason));
  running.push(gate);
  return { gate, refusals };
}

afterEach(() => {
  for (const gate of running.splice(0)) gate.stop();
});

describe('admission control', () => {
  it('admits up to the bound of events in flight, refuses the next with server.busy, and admits again once one is released', () => {
    const { gate, refusals } = admission();
    for (let i = 0; i < 3; i++) expect(gate.admit()).toBeNull();
    const busy = gate.admit();
    expect(busy?.toBody()).toMatchObject({ code: 'UNAVAILABLE', reason: 'server.busy' });
    // Told to wait between the setting and twice it, spread so a crowd refused together does not return together.
    const waits = [busy, ...Array.from({ length: 200 }, () => gate.admit())].map((e) => e?.toBody().retryAfterMs as number);
    for (const w of waits) expect(w).toSatisfy((ms: number) => ms >= 250 && ms <= 500);
    expect(new Set(waits).size).toBeGreaterThan(20);
    expect(refusals).toEqual(waits.map(() => 'events_in_flight'));
    // A refusal counted nothing: one release makes room for exactly one.
    expect(gate.figures().inFlight).toBe(3);
    gate.release();
    expect(gate.admit()).toBeNull();
    expect(gate.admit()).not.toBeNull();
  });

  it('refuses while the event loop runs late, but only with enough events in hand to be the cause', async () => {
    const { gate, refusals } = admission({ eventsInFlight: 1000, loopDelayMs: 250, retryAfterMs: 250 });
    gate.start();
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    // Block the loop well past the limit, then let the next tick see it (the window after it has not ended yet).
    const until = performance.now() + 700;
    while (performance.now() < until);
    await new Promise((r) => setTimeout(r, 40));
    // A late loop may be a GC pause or another process: a few events in hand are still admitted.
    expect(gate.figures().loopDelayMs).toBeGreaterThan(250);
    for (let i = 0; i < LOOP_DELAY_FLOOR; i++) expect(gate.admit()).toBeNull();
    expect(gate.admit()?.toBody()).toMatchObject({ code: 'UNAVAILABLE', reason: 'server.busy' });
    expect(refusals).toEqual(['event_loop_delay']);
    // A window without stalls reopens the door (released events leave room for new ones).
    for (let i = 0; i <= LOOP_DELAY_FLOOR; i++) gate.release();
    await new Promise((r) => setTimeout(r, 2 * SAMPLE_MS + 50));
    for (let i = 0; i < LOOP_DELAY_FLOOR + 4; i++) expect(gate.admit()).toBeNull();
  });
});
