/**
 * `npm start`: read the environment, start the server, print what a person
 * needs (the host key on first start, the URLs), drain on SIGTERM/SIGINT.
 */
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';
import { buildWebIfStale } from './web-build.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`front-row: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  if (process.env.FRONTROW_SKIP_WEB_BUILD !== '1') await buildWebIfStale((msg) => log.info(msg), (msg) => log.warn(msg));
  const app = createApp(config, log);
  const { port, generatedHostKey } = await app.start();
  const base = config.publicUrl ?? `http://localhost:${port}`;
  const lines = [
    '',
    `Front Row is running (${config.mode} mode) on ${base}`,
    `  viewers    ${base}/`,
    `  host       ${base}/host`,
    `  overlay    create a token in the dashboard (Overlay)`,
    `  API        ${base}/api/streams`,
    `  health     ${base}/healthz  ${base}/readyz`,
  ];
  if (generatedHostKey) {
    lines.push('', `  HOST KEY   ${generatedHostKey}`, '  (shown once: it is stored hashed; set HOST_KEY to choose your own)');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    app
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('front-row: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
