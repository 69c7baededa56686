// A diagnosis aid for the scale part's soak, not part of any figure. Load it into
// the Front Row server with
//   BENCH_SERVER_NODE_OPTIONS="--import ./bench/heap-watch.mjs" BENCH_PARTS=scale npm run bench
// Every 15 s it forces a full GC and appends what is still alive (heap used after
// the GC) beside what the process holds (RSS, V8's reserved heap, external and
// array buffers) to $HEAP_WATCH_DIR/<pid>.log (default /tmp/frontrow-heap). A
// growing "heapUsed" means objects are kept; a flat one with a moving "rss"
// means the allocator and V8's reservations, not a leak. SIGUSR2 writes a heap
// snapshot beside it. The forced GC pauses the loop (~0.1–0.2 s at 10,000
// sockets), so figures from a run with it loaded are not benchmark figures.
import { appendFileSync, mkdirSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const dir = process.env.HEAP_WATCH_DIR ?? '/tmp/frontrow-heap';
mkdirSync(dir, { recursive: true });
const file = `${dir}/${process.pid}.log`;
const started = Date.now();
const mib = (n) => (n / 1048576).toFixed(1);

function sample() {
  const before = process.memoryUsage.rss();
  gc();
  const m = process.memoryUsage();
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  appendFileSync(file, `${seconds}s rssBefore=${mib(before)} rss=${mib(m.rss)} heapUsed=${mib(m.heapUsed)} heapTotal=${mib(m.heapTotal)} external=${mib(m.external)} arrayBuffers=${mib(m.arrayBuffers)}\n`);
}

setInterval(sample, 15_000).unref();
let snapshots = 0;
process.on('SIGUSR2', () => appendFileSync(file, `snapshot ${v8.writeHeapSnapshot(`${dir}/heap-${process.pid}-${++snapshots}.heapsnapshot`)}\n`));
appendFileSync(file, `start ${process.argv.slice(1).join(' ')}\n`);
