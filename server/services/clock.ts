/** The one place the server reads the time; tests may pass their own. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
