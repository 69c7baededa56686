/**
 * The bench's baseline (issue 10): a bare Socket.IO 4.8 server with the event
 * names Front Row's viewers send, doing no work but the room's — each event is
 * answered `{ ok: true }`, `stream:join` joins the show's room and a comment
 * is broadcast to it, as Front Row does. No tokens are checked (any is taken),
 * nothing is stored, nothing is metered. Run as a child process by
 * scale-run.ts (`node --import tsx bench/bare-server.ts`); it prints
 * "bare Socket.IO listening on <port>" once it listens on 127.0.0.1.
 *
 * Options: Front Row's own (server/realtime/socket-options.ts: ping interval and
 * timeout, maxHttpBufferSize), so both drop a socket under the same rule; both
 * transports allowed (the default; the bench's clients use websocket only).
 * Not matched, on purpose: the origin check and CORS (no cost to a websocket
 * client without an Origin), and Front Row's adapter (in-memory in both here).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { SOCKET_OPTIONS } from '../server/realtime/socket-options.ts';

type Ack = (reply: { ok: true }) => void;
const OK = { ok: true } as const;
/** What Front Row's viewers send on /live (shared/events.ts LiveClientEvents). */
const ANSWERED = ['stream:leave', 'watch:heartbeat', 'watch:chest', 'share:link', 'session:upgrade', 'drop:claim', 'lottery:enter'];

const http = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, SOCKET_OPTIONS);

io.of('/live').on('connection', (socket) => {
  const memberId = `bare-${socket.id}`;
  const answer = (ack: unknown) => {
    if (typeof ack === 'function') (ack as Ack)(OK);
  };
  socket.on('stream:join', (payload: { streamId?: unknown }, ack: unknown) => {
    if (typeof payload?.streamId === 'string') socket.join(payload.streamId);
    answer(ack);
  });
  socket.on('interact', (payload: { streamId?: unknown; kind?: unknown; text?: unknown }, ack: unknown) => {
    if (payload?.kind === 'comment' && typeof payload.streamId === 'string' && typeof payload.text === 'string') {
      const { streamId, text } = payload;
      io.of('/live').to(streamId).emit('comment', { id: randomUUID(), streamId, memberId, displayName: 'Fan', tier: 'bronze', text, at: Date.now() });
    }
    answer(ack);
  });
  for (const event of ANSWERED) socket.on(event, (_payload: unknown, ack: unknown) => answer(ack));
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`bare Socket.IO listening on ${port}`);
});
const stop = () => {
  io.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
