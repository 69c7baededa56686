/**
 * The host-key flood of auth-flood.ts, in its own process so the flood's own
 * request handling does not sit on the event loop that times the member's
 * logins. One `flood` message in, `started` when the first requests leave,
 * `flooded` (status counts) at the end; then it exits.
 */
export interface AuthFloodCommand {
  type: 'flood';
  url: string;
  /** One address for every request, or a new address for each (a botnet). */
  addresses: 'one' | 'many';
  concurrency: number;
  seconds: number;
}

export interface AuthFloodReply {
  type: 'flooded';
  sent: number;
  statuses: [number, number][];
}

let botnet = 0;
const botAddress = () => `10.${100 + ((++botnet >> 16) & 0xff)}.${(botnet >> 8) & 0xff}.${botnet & 0xff}`;

async function flood(cmd: AuthFloodCommand): Promise<AuthFloodReply> {
  const statuses = new Map<number, number>();
  let sent = 0;
  const until = performance.now() + cmd.seconds * 1000;
  process.send!({ type: 'started' });
  await Promise.all(
    Array.from({ length: cmd.concurrency }, async (_, lane) => {
      while (performance.now() < until) {
        const res = await fetch(`${cmd.url}/api/auth/host`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': cmd.addresses === 'one' ? '10.66.0.1' : botAddress() },
          body: JSON.stringify({ hostKey: `wrong-host-key-${lane}-${sent++}` }),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return { type: 'flooded', sent, statuses: [...statuses] };
}

process.once('message', (cmd: AuthFloodCommand) => {
  flood(cmd).then(
    (reply) => process.send!(reply, () => process.exit(0)),
    (err) => process.send!({ type: 'failed', message: String(err) }, () => process.exit(1)),
  );
});
process.once('disconnect', () => process.exit(0));
