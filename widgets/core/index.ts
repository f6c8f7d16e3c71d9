/** The shared core every Homecoming element builds on. See README.md in this folder. */
export { ApiClient, apiClient, type AuthMode, type Page, type QueryValue, type RequestOptions } from './api.js';
export { META_API_URL, META_PUBLISHABLE_KEY, bundleOrigin, configKey, resolveConfig, type ConfigSource, type HomecomingConfig } from './config.js';
export { ConnectionController, LocaleController, type WidgetHost } from './controllers.js';
export { defineElement } from './define.js';
export { FocusController } from './focus.js';
export { HomecomingError, describeError, type FieldError } from './errors.js';
export { emit, type AlumniEventDetail, type AlumniEventName, type SignedInDetail, type SignedOutDetail } from './events.js';
export { formatDate, formatDateTime, formatEventTime, formatFee, formatNumber, intlLocale, viewerTimeZone, zonesDiffer, type EventTimeText } from './format.js';
export { DEFAULT_LANG, coreMessages, defineMessages, normalizeLang, resolveLang, translate, type CoreKey, type Lang, type MessageBundle, type Vars } from './i18n.js';
export { PagedListController, type PagedListOptions } from './paged-list.js';
export { SESSION_KEY_PREFIX, SessionStore, sessionStore, type Session, type SessionListener, type SessionMember } from './session.js';
export { isSignedOutError, renderEmpty, renderError, renderLoading, renderSignedOut, renderTask } from './states.js';
export { baseStyles } from './styles.js';
