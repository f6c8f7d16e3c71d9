/**
 * Where a widget finds its API and publishable key: attributes on the element first, then one
 * page-level <meta> default (so four widgets do not repeat the key), then the origin the widgets'
 * code was loaded from (the API serves it at /widgets/).
 */

/** `<meta name="homecoming:publishable-key" content="pk_…">` */
export const META_PUBLISHABLE_KEY = 'homecoming:publishable-key';
/** `<meta name="homecoming:api-url" content="https://api.example.com">` */
export const META_API_URL = 'homecoming:api-url';

// The URL of the shared chunk: both loaders import it from the API's /widgets/, so its origin is the API's.
const bundleUrl: string = import.meta.url;

export interface HomecomingConfig {
  /** Absolute API base URL without a trailing slash, e.g. `https://api.example.com`. */
  apiUrl: string;
  /** `pk_…`, or '' when none was configured anywhere. */
  publishableKey: string;
}

/** Properties an element declares for the `api-url` and `publishable-key` attributes. */
export interface ConfigSource {
  apiUrl?: string | null;
  publishableKey?: string | null;
}

function meta(name: string): string | undefined {
  const value = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim();
  return value || undefined;
}

/** Origin of the script that defined the widgets, if it came over http(s). */
export function bundleOrigin(): string | undefined {
  try {
    const url = new URL(bundleUrl, document.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function absolute(url: string): string {
  try {
    return new URL(url, document.baseURI).href.replace(/\/+$/, '');
  } catch {
    return url.replace(/\/+$/, '');
  }
}

/** Resolves the configuration for one element, in the order attribute → <meta> → bundle origin. */
export function resolveConfig(host: HTMLElement & ConfigSource): HomecomingConfig {
  const apiUrl =
    host.apiUrl?.trim() || host.getAttribute('api-url')?.trim() || meta(META_API_URL) || bundleOrigin() || location.origin;
  const publishableKey = host.publishableKey?.trim() || host.getAttribute('publishable-key')?.trim() || meta(META_PUBLISHABLE_KEY) || '';
  return { apiUrl: absolute(apiUrl), publishableKey };
}

export const configKey = (config: HomecomingConfig) => `${config.apiUrl}|${config.publishableKey}`;
