import { DEFAULT_RULES, RulesSchema, type Rules } from '../../shared/rules.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';

/**
 * The live rules document. Reads are cached briefly so hot paths (every
 * heartbeat) do not hit the store, and other processes see a change within
 * CACHE_MS without any extra channel between them.
 */
const CACHE_MS = 1000;

export class RulesService {
  private cached: { rules: Rules; at: number } | null = null;
  /**
   * The reload under way: every caller that finds the copy stale meanwhile waits on this one read (thousands of
   * events arriving in one socket read all found it stale, and each read and parsed the document again).
   */
  private loading: Promise<Rules> | null = null;
  /** Bumped by `replace`: a reload that began before it must not put the older document back. */
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<Rules> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.rules;
    this.loading ??= this.load(now).finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(now: number): Promise<Rules> {
    const generation = this.generation;
    const stored = await this.store.loadRules();
    // Parsed again so a document saved before a field existed gets that field's default.
    const rules = stored ? RulesSchema.parse(stored) : DEFAULT_RULES;
    if (generation === this.generation) this.cached = { rules, at: now };
    return rules;
  }

  /** `rules` is already validated by the edge (RulesSchema). */
  async replace(rules: Rules): Promise<Rules> {
    await this.store.saveRules(rules);
    this.generation++;
    this.cached = { rules, at: this.clock() };
    return rules;
  }
}
