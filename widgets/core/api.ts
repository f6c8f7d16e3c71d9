import { configKey, type HomecomingConfig } from './config.js';
import { HomecomingError, type FieldError } from './errors.js';
import { sessionStore, type SessionStore } from './session.js';

/**
 * Which credential a call sends: `auto` (default) the member session if signed in, else the
 * publishable key; `key` always the publishable key; `session` only a session (fails with
 * `signed_out` without one); `none` nothing.
 */
export type AuthMode = 'auto' | 'key' | 'session' | 'none';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  auth?: AuthMode;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** `{ data, nextCursor }`, the shape of every list. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

interface ProblemBody {
  code?: string;
  detail?: string;
  title?: string;
  errors?: FieldError[];
  requestId?: string;
}

/**
 * The widgets' HTTP client: JSON in and out, `Authorization: Bearer …`, never cookies.
 * Problem+json answers become HomecomingError; no answer at all becomes code `network`.
 */
export class ApiClient {
  constructor(
    readonly config: HomecomingConfig,
    readonly session: SessionStore = sessionStore(config),
  ) {}

  /** Absolute URL for an API path plus query (empty values are left out). */
  url(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(this.config.apiUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    return url.href;
  }

  /** Returns the raw Response of a successful call (for downloads such as .ics); errors throw like request(). */
  async fetch(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const { auth = 'auto' } = options;
    const token = auth === 'none' ? undefined : auth === 'key' ? this.config.publishableKey : (this.session.token ?? (auth === 'auto' ? this.config.publishableKey : undefined));
    if (auth === 'session' && !token) throw new HomecomingError(0, 'signed_out', 'This needs a signed-in member.');
    if (auth !== 'none' && !token) {
      throw new HomecomingError(0, 'config', 'No publishable key: set publishable-key on the element or <meta name="homecoming:publishable-key">.');
    }
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'omit',
        mode: 'cors',
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw await this.unreachable();
    }
    if (response.ok) return response;
    const problem = (await response.json().catch(() => ({}))) as ProblemBody;
    const error = new HomecomingError(
      response.status,
      problem.code ?? (response.status === 401 ? 'unauthenticated' : `http_${response.status}`),
      problem.detail ?? problem.title ?? response.statusText,
      Array.isArray(problem.errors) ? problem.errors : [],
      problem.requestId ?? response.headers.get('x-request-id') ?? undefined,
    );
    if (error.code === 'origin_not_allowed') this.warnOrigin();
    // A session the API no longer accepts is gone for every widget on the page.
    if (response.status === 401 && token && token === this.session.token) this.session.clear('expired');
    throw error;
  }

  /**
   * Why a call got no readable answer. The API refuses a page outside the tenant's allowed origins with a
   * 403 that carries no CORS header, so the browser hides it and fetch throws as if the network were down.
   * A request without credentials (a simple GET: no preflight) is answered readably from any origin; if
   * that one gets through, the server is up and refused our credential for this page's origin.
   */
  private async unreachable(): Promise<HomecomingError> {
    const probe = await fetch(this.url('/v1/me'), { credentials: 'omit' }).catch(() => undefined);
    if (!probe) return new HomecomingError(0, 'network', `Cannot reach ${this.config.apiUrl}.`);
    this.warnOrigin();
    return new HomecomingError(403, 'origin_not_allowed', `${location.origin} is not an allowed origin.`);
  }

  private warned = false;

  /** Tells the site's developer, once per page and key, what to do: the command that allows this origin. */
  private warnOrigin(): void {
    if (this.warned) return;
    this.warned = true;
    const o = location.origin;
    console.warn(
      `[homecoming] The API at ${this.config.apiUrl} refuses this page's origin (${o}) for key ${this.config.publishableKey.slice(0, 12)}…. ` +
        `Add the origin to the tenant's allowed origins: npm run homecoming -- origins add --tenant ten_… ${o} (tenant ids: npm run homecoming -- tenants list).`,
    );
  }

  /** Calls the API and returns the parsed JSON body (undefined for 204). */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.fetch(method, path, options);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new HomecomingError(response.status, 'bad_response', 'The server answered with something that is not JSON.');
    }
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }
}

const clients = new Map<string, ApiClient>();

/** One client per API + key, so an unchanged configuration keeps the same object (tasks key on it). */
export function apiClient(config: HomecomingConfig): ApiClient {
  const id = configKey(config);
  let client = clients.get(id);
  if (!client) {
    client = new ApiClient(config);
    clients.set(id, client);
  }
  return client;
}
