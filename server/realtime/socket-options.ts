/**
 * The Socket.IO options that set what a socket costs and when it is dropped,
 * in one place: the server uses them (realtime.ts), and so does the bench's
 * bare Socket.IO baseline (bench/bare-server.ts), so the two are compared
 * under the same rules — a baseline with a shorter pingTimeout drops sockets
 * under a fan-out that Front Row keeps, and the ratios would lie.
 */
export const SOCKET_OPTIONS = {
  maxHttpBufferSize: 16 * 1024,
  // A ping every 10 s keeps phone NATs open; the answer may take 20 s (Socket.IO's default). The wait is a
  // timer, and timers run before a busy loop reads its sockets: a pong that arrived in time but was read
  // late still counts as missing, so the timeout must outlast the worst stall of a saturated process, which
  // admission control keeps near ADMISSION_LOOP_DELAY_MS (issue 10: under overload no socket is dropped).
  pingInterval: 10_000,
  pingTimeout: 20_000,
} as const;
