import { RulesSchema } from '../../../shared/rules.ts';
import { fieldProblemOf, fieldProblems, problemOf } from '../logic/problems.ts';
import { appendTier, fromDraft, removeTier, setAtPath, shiftTierErrors, toDraft } from '../logic/rules-draft.ts';
import { authed } from './call.ts';
import type { Slice } from './index.ts';
import type { RulesSlice } from './types.ts';

/**
 * The rules document, edited whole. Saving checks the draft with the shared
 * schema first (every problem at once, in the host's language), then PUTs it;
 * a field the server refuses is shown next to its input the same way.
 */
export const createRulesSlice: Slice<RulesSlice> = (deps) => (set, get) => ({
  rules: null,
  rulesDraft: null,
  rulesProblems: {},
  rulesStatus: 'idle',

  async loadRules() {
    set({ rulesStatus: 'loading' });
    try {
      const { rules } = await deps.api.getRules();
      set({ rules, rulesDraft: toDraft(rules), rulesProblems: {}, rulesStatus: 'idle' });
    } catch (err) {
      set({ rulesStatus: 'error' });
      get().notify('error', problemOf(err));
    }
  },
  editRule(path, value) {
    const draft = get().rulesDraft;
    if (!draft) return;
    const { [path]: _, ...problems } = get().rulesProblems;
    set({ rulesDraft: setAtPath(draft, path, value), rulesProblems: problems, rulesStatus: 'idle' });
  },
  addTier() {
    const draft = get().rulesDraft;
    if (draft) set({ rulesDraft: appendTier(draft), rulesStatus: 'idle' });
  },
  removeTier(index) {
    const draft = get().rulesDraft;
    if (!draft || draft.tiers.length <= 1) return;
    set({ rulesDraft: removeTier(draft, index), rulesProblems: shiftTierErrors(get().rulesProblems, index), rulesStatus: 'idle' });
  },
  resetRules() {
    const rules = get().rules;
    if (rules) set({ rulesDraft: toDraft(rules), rulesProblems: {}, rulesStatus: 'idle' });
    get().dismissTopic('rules');
  },
  async saveRules() {
    const draft = get().rulesDraft;
    if (!draft || get().rulesStatus === 'saving') return;
    const document = fromDraft(draft);
    const parsed = RulesSchema.safeParse(document, { reportInput: true });
    if (!parsed.success) {
      const problems = fieldProblems(parsed.error.issues);
      // the summary above the form is the alert; a toast would only cover the save bar
      set({ rulesProblems: problems, rulesStatus: 'error' });
      get().dismissTopic('rules');
      return;
    }
    set({ rulesStatus: 'saving', rulesProblems: {} });
    try {
      const { rules } = await authed(get, (t) => deps.api.putRules(t, document));
      set({ rules, rulesDraft: toDraft(rules), rulesStatus: 'saved' });
      get().notify('success', { key: 'rules.saved' }, 'rules');
    } catch (err) {
      const inline = fieldProblemOf(err);
      set({ rulesStatus: 'error', rulesProblems: inline ? { [inline.field]: inline.problem } : {} });
      if (!inline) get().notify('error', problemOf(err), 'rules');
    }
  },
});
