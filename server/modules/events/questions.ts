/**
 * The questions an organiser asks at registration, and the answers members give. Answers are keyed by
 * the question's id and hold the question's own option values (not a translation), so the organiser's
 * list reads the same whatever language each member answered in.
 */
import { z } from '@hono/zod-openapi';
import { AppError, type FieldError } from '../../core/errors.js';
import { randomToken } from '../../core/crypto.js';
import { multiLine, singleLine } from '../../core/text.js';
import { questionKinds, type EventAnswer, type EventQuestion } from './schema.js';

export const MAX_QUESTIONS = 20;
export const MAX_OPTIONS = 30;
const QUESTION_ID = /^[A-Za-z0-9_-]{1,40}$/;

const QuestionTranslationSchema = z
  .object({ label: singleLine(200).optional(), options: z.array(singleLine(100)).max(MAX_OPTIONS).optional() })
  .strict();

export const QuestionInputSchema = z
  .object({
    id: z.string().regex(QUESTION_ID, 'must be 1–40 letters, digits, _ or -').optional().openapi({ description: 'Kept when given (answers refer to it); made up when absent', example: 'diet' }),
    label: singleLine(200).min(1).openapi({ example: '食事の制限（アレルギーなど）' }),
    kind: z.enum(questionKinds).openapi({ description: 'text: free text; single: one of the options; multiple: any of them' }),
    options: z.array(singleLine(100).min(1)).max(MAX_OPTIONS).optional(),
    required: z.boolean().optional(),
    translations: z.object({ ja: QuestionTranslationSchema.optional(), en: QuestionTranslationSchema.optional() }).strict().optional(),
  })
  .strict()
  .openapi('EventQuestionInput');

export type QuestionInput = z.infer<typeof QuestionInputSchema>;

export const QuestionSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    kind: z.enum(questionKinds),
    options: z.array(z.string()),
    required: z.boolean(),
    translations: z.object({
      ja: z.object({ label: z.string().optional(), options: z.array(z.string()).optional() }).optional(),
      en: z.object({ label: z.string().optional(), options: z.array(z.string()).optional() }).optional(),
    }).optional(),
  })
  .openapi('EventQuestion');

export const AnswerInputSchema = z
  .object({
    questionId: z.string().regex(QUESTION_ID, 'is not a question id'),
    value: z.union([multiLine(2_000), z.array(singleLine(100)).max(MAX_OPTIONS)]).openapi({ description: 'Text, one option, or a list of options (as the question lists them)' }),
  })
  .strict()
  .openapi('EventAnswer');

export type AnswerInput = z.infer<typeof AnswerInputSchema>;

/** Checks the organiser's questions and gives each an id; fields are named `questions.<index>.…`. */
export function normalizeQuestions(input: QuestionInput[]): EventQuestion[] {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  const out = input.map((q, i): EventQuestion => {
    const id = q.id ?? `q_${randomToken(8)}`;
    if (ids.has(id)) errors.push({ field: `questions.${i}.id`, message: 'is used by another question' });
    ids.add(id);
    const options = q.kind === 'text' ? [] : (q.options ?? []);
    if (q.kind !== 'text' && options.length < 1) errors.push({ field: `questions.${i}.options`, message: 'needs at least one option' });
    if (q.kind === 'text' && q.options?.length) errors.push({ field: `questions.${i}.options`, message: 'must be empty for a text question' });
    if (new Set(options).size !== options.length) errors.push({ field: `questions.${i}.options`, message: 'must not repeat an option' });
    for (const [lang, t] of Object.entries(q.translations ?? {})) {
      if (t?.options && t.options.length !== options.length) {
        errors.push({ field: `questions.${i}.translations.${lang}.options`, message: 'must translate each option, in the same order' });
      }
    }
    return { id, label: q.label, kind: q.kind, options, required: q.required ?? false, ...(q.translations ? { translations: q.translations } : {}) };
  });
  if (errors.length) throw AppError.invalid(errors);
  return out;
}

/**
 * Checks a member's answers against the event's questions: every required one answered, each value of
 * the question's kind and among its options. Fields are named `answers.<questionId>`. Returns the
 * answers in the questions' order, without empty ones.
 */
export function checkAnswers(questions: EventQuestion[], input: AnswerInput[]): EventAnswer[] {
  const errors: FieldError[] = [];
  const given = new Map<string, AnswerInput['value']>();
  for (const a of input) {
    if (!questions.some((q) => q.id === a.questionId)) errors.push({ field: `answers.${a.questionId}`, message: 'is not a question of this event' });
    else if (given.has(a.questionId)) errors.push({ field: `answers.${a.questionId}`, message: 'is answered twice' });
    given.set(a.questionId, a.value);
  }
  const out: EventAnswer[] = [];
  for (const q of questions) {
    const field = `answers.${q.id}`;
    const value = given.get(q.id);
    const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value === '');
    if (empty) {
      if (q.required) errors.push({ field, message: 'is required' });
      continue;
    }
    if (q.kind === 'text') {
      if (typeof value !== 'string') errors.push({ field, message: 'must be text' });
      else out.push({ questionId: q.id, value });
    } else if (q.kind === 'single') {
      const one = Array.isArray(value) && value.length === 1 ? value[0]! : value;
      if (typeof one !== 'string' || !q.options.includes(one)) errors.push({ field, message: `must be one of: ${q.options.join(', ')}` });
      else out.push({ questionId: q.id, value: one });
    } else {
      const many = Array.isArray(value) ? value : [value];
      if (many.some((v) => !q.options.includes(v)) || new Set(many).size !== many.length) {
        errors.push({ field, message: `must be distinct options among: ${q.options.join(', ')}` });
      } else out.push({ questionId: q.id, value: q.options.filter((o) => many.includes(o)) });
    }
  }
  if (errors.length) throw AppError.invalid(errors);
  return out;
}

/** An answer as one line of text (CSV, mail): several choices joined with 「、」 or ", ". */
export function answerText(answer: EventAnswer | undefined, locale: 'ja' | 'en' = 'ja'): string {
  if (!answer) return '';
  return Array.isArray(answer.value) ? answer.value.join(locale === 'ja' ? '、' : ', ') : answer.value;
}
