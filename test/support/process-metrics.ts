/**
 * What one app process says about itself on GET /metrics (served when the
 * process has METRICS_TOKEN): here, how many /live sockets it holds. Behind a
 * load balancer this is how a test or the bench sees where the sockets went.
 */
export const TEST_METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** `base` is the process itself (not the balancer): its /live sockets now. */
export async function liveSocketsOn(base: string, token = TEST_METRICS_TOKEN): Promise<number> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${base}/metrics: ${res.status}`);
  const text = await res.text();
  const line = /^frontrow_socket_connections\{namespace="\/live"\} (\d+)$/m.exec(text);
  if (!line) throw new Error(`GET ${base}/metrics has no /live socket gauge`);
  return Number(line[1]);
}
