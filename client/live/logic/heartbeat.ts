/**
 * When to send `watch:heartbeat`. Beats go out every `heartbeatSeconds` only
 * while the page is visible AND the player plays (and the show is live and
 * joined). When that stops being true while we can still talk to the show,
 * one last beat says so (`visible`/`playing` false): the server then stops the
 * clock at once instead of crediting the gap up to 2 × heartbeatSeconds when
 * the viewer comes back. Resuming beats at once (the first beat only starts
 * the server's clock; it credits nothing). No socket here: `send` is given.
 */
export interface HeartbeatInputs {
  /** joined, connected, the show is live */
  canSend: boolean;
  visible: boolean;
  playing: boolean;
  everyMs: number;
}

export type SendBeat = (beat: { visible: boolean; playing: boolean }) => void;

export class HeartbeatScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private everyMs = 0;
  private active = false;

  constructor(private readonly send: SendBeat) {}

  update(inputs: HeartbeatInputs): void {
    const active = inputs.canSend && inputs.visible && inputs.playing;
    if (active && (!this.active || inputs.everyMs !== this.everyMs)) {
      const resumed = !this.active;
      this.clear();
      this.everyMs = inputs.everyMs;
      if (resumed) this.send({ visible: true, playing: true });
      this.timer = setInterval(() => this.send({ visible: true, playing: true }), inputs.everyMs);
    } else if (!active && this.active) {
      this.clear();
      if (inputs.canSend) this.send({ visible: inputs.visible, playing: inputs.playing });
    }
    this.active = active;
  }

  stop(): void {
    this.clear();
    this.active = false;
  }

  private clear(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
