import express, { type Express } from 'express';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { TrustProxy } from '../client-address.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { OriginPolicy } from '../origin-policy.ts';
import type { Services } from '../services/services.ts';
import { errorMiddleware } from './error-middleware.ts';
import { httpMetrics, routeBase } from './http-metrics.ts';
import { metricsRoute } from './metrics-route.ts';
import type { Metrics } from '../metrics.ts';
import { crossOriginGuard } from './cross-origin.ts';
import { principalMiddleware } from './principal.ts';
import { securityHeaders } from './security-headers.ts';
import { serveWebPages } from './web-pages.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { memberRoutes } from './routes/member-routes.ts';
import { moderationRoutes } from './routes/moderation-routes.ts';
import { orderWebhookRoute, perkRoutes } from './routes/perk-routes.ts';
import { rewardRoutes } from './routes/reward-routes.ts';
import { missionRoutes } from './routes/mission-routes.ts';
import { goalRoutes } from './routes/goal-routes.ts';
import { insightRoutes } from './routes/insight-routes.ts';
import { overlayRoutes } from './routes/overlay-routes.ts';
import { refundWebhookRoute } from './routes/refund-routes.ts';
import { claimReleaseRoute } from './routes/claim-release-route.ts';
import { fulfilmentRoutes } from './routes/fulfilment-routes.ts';
import { streamRoutes } from './routes/stream-routes.ts';

export interface HttpOptions {
  /** Key of the shop's order webhook signature; unset: webhooks are refused. */
  webhookSecret: string | undefined;
  /** Who may name the client in X-Forwarded-For (req.ip follows it). */
  trustProxy: TrustProxy;
  /** Which browser origins may call the API (same site, PUBLIC_URL, ALLOWED_ORIGINS). */
  originPolicy: OriginPolicy;
  metrics: Metrics;
  /** METRICS_TOKEN; unset: /metrics answers 404. */
  metricsToken: string | undefined;
}

export function createHttpApp(s: Services, log: Logger, options: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(httpMetrics(options.metrics));
  app.use(securityHeaders());

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/metrics', metricsRoute(options.metrics, options.metricsToken));
  app.get('/readyz', (_req, res) => {
    const readiness = s.health.readiness();
    res.status(readiness.ok ? 200 : 503).json(readiness);
  });

  const api = express.Router();
  api.use(routeBase());
  api.use(crossOriginGuard(options.originPolicy));
  // Clients measure their offset to server time with this (countdowns run on server time).
  api.get('/time', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ now: s.clock() });
  });
  api.use(orderWebhookRoute(s, options.webhookSecret)); // raw body: signed bytes, before the JSON parser
  api.use(refundWebhookRoute(s, options.webhookSecret)); // the same
  api.use(express.json({ limit: '32kb', strict: true }));
  api.use(principalMiddleware(s.auth));
  api.use(authRoutes(s));
  api.use(streamRoutes(s));
  api.use(memberRoutes(s));
  api.use(perkRoutes(s));
  api.use(rewardRoutes(s));
  api.use(missionRoutes(s));
  api.use(goalRoutes(s));
  api.use(insightRoutes(s));
  api.use(overlayRoutes(s));
  api.use(claimReleaseRoute(s));
  api.use(fulfilmentRoutes(s));
  api.use(moderationRoutes(s));
  api.use((req) => {
    throw new AppError(ErrorCode.NOT_FOUND, `no route ${req.method} ${req.path}`);
  });
  app.use('/api', api);
  serveWebPages(app);
  app.use(errorMiddleware(log));
  return app;
}
