import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PersonalData } from '../core/personal-data.js';
import type { AppEnv } from '../http/env.js';
import type { OutboxTopics } from '../core/outbox/topics.js';
import type { Registrar } from '../http/route.js';

/** A domain of Homecoming: its routes and its declaration of the member data it holds. */
export interface Module {
  name: string;
  /** In registration order (a fixed path such as `/export.csv` before `/{id}`). */
  routes: Registrar[];
  personalData: PersonalData[];
  /** What the outbox worker does with this module's topics (jobs to run, follow-ups to a mail). */
  outbox: OutboxTopics;
  register(app: OpenAPIHono<AppEnv>): void;
}

export function defineModule(spec: { name: string; routes: Registrar[]; personalData?: PersonalData[]; outbox?: OutboxTopics }): Module {
  return {
    name: spec.name,
    routes: spec.routes,
    personalData: spec.personalData ?? [],
    outbox: spec.outbox ?? {},
    register(app) {
      for (const route of spec.routes) route.register(app);
    },
  };
}
