/**
 * What the readiness probe answers: whether this process takes traffic (set
 * once init finished, cleared while draining for shutdown, and while a
 * dependency such as Redis does not answer) and which engine and store it runs
 * on. The edge asks this instead of reaching the storage; the dependencies'
 * health comes from what their clients report (dependency-state.ts), so the
 * probe itself sends nothing to them.
 */
import type { DependencyState } from '../dependency-state.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';

export interface Readiness {
  ok: boolean;
  mode: Engine['kind'];
  store: Store['kind'];
  /** Dependencies not answering now (e.g. ['redis']); empty when all answer. */
  unavailable: string[];
}

export class HealthService {
  private ready = false;

  constructor(
    private readonly engine: Pick<Engine, 'kind'>,
    private readonly store: Pick<Store, 'kind'>,
    private readonly dependencies?: Pick<DependencyState, 'unavailable'>,
  ) {}

  /** Called by app.ts: true once started, false from the moment it starts draining. */
  setReady(ready: boolean): void {
    this.ready = ready;
  }

  readiness(): Readiness {
    const unavailable = this.dependencies?.unavailable() ?? [];
    return { ok: this.ready && unavailable.length === 0, mode: this.engine.kind, store: this.store.kind, unavailable };
  }
}
