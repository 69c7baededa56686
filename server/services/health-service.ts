/**
 * What the readiness probe answers: whether this process takes traffic (set
 * once init finished, cleared while draining for shutdown) and which engine
 * and store it runs on. The edge asks this instead of reaching the storage.
 */
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';

export interface Readiness {
  ok: boolean;
  mode: Engine['kind'];
  store: Store['kind'];
}

export class HealthService {
  private ready = false;

  constructor(
    private readonly engine: Pick<Engine, 'kind'>,
    private readonly store: Pick<Store, 'kind'>,
  ) {}

  /** Called by app.ts: true once started, false from the moment it starts draining. */
  setReady(ready: boolean): void {
    this.ready = ready;
  }

  readiness(): Readiness {
    return { ok: this.ready, mode: this.engine.kind, store: this.store.kind };
  }
}
