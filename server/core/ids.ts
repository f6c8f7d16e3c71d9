import { randomToken } from './crypto.js';

/** Resource ids: a short type prefix and 20 random base62 characters, e.g. `evt_3kQ…`. */
export const newId = (prefix: 'ten' | 'key' | 'evt' | 'mem' | 'ses' | 'ros' | (string & {})) => `${prefix}_${randomToken(20)}`;
