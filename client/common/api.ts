/** JSON over fetch for the three screens; server errors become ApiError with the server's code and field. */
import type { ErrorBody } from '../../shared/error-codes.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody & Record<string, unknown>,
  ) {
    super(body.message);
  }
  get code(): string {
    return this.body.code;
  }
  get field(): string | undefined {
    return this.body.field;
  }
}

export async function apiFetch<T>(path: string, options: { method?: string; body?: unknown; token?: string | null } = {}): Promise<T> {
  const res = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw new ApiError(res.status, json.error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` });
  return json as T;
}
