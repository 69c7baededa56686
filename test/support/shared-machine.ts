/**
 * Settings for tests that drive real concurrency (storms of claims, crashes,
 * a hundred shows) to check exact outcomes, not the overload guards. On a
 * 2-core CI machine shared with the test runner and other test files, Redis
 * can be silent for 500 ms and the event loop late by a second without any
 * fault; with the defaults the stall detector (REDIS_COMMAND_TIMEOUT_MS) then
 * drops Redis connections and admission control (ADMISSION_LOOP_DELAY_MS)
 * refuses events, and the test sees OUTCOME_UNKNOWN or server.busy instead of
 * the outcome it checks. Those guards have tests of their own
 * (redis-outage, redis-failure-outcome, overload, admission); here they are
 * given the room a shared machine needs, as the cluster bench does.
 */
export const SHARED_MACHINE_ENV: Record<string, string> = {
  REDIS_COMMAND_TIMEOUT_MS: '5000',
  ADMISSION_LOOP_DELAY_MS: '10000',
};
