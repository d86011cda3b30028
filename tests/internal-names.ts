/**
 * Finds what must never reach the screen: identifiers from the code (camelCase, snake_case), JSON,
 * and the model's English enum values standing where a Swedish word belongs ("none → secrecy").
 * Used by the end-to-end walk over the main views and by the history's unit test.
 */
import {
  CASE_STATUSES,
  DIRECTIONS,
  DOCUMENT_STATUSES,
  FLOW_MODES,
  FLOW_STATUSES,
  FLOW_STEP_ROLES,
  FLOW_STEP_STATUSES,
  RESTRICTION_KINDS,
} from '../shared/src';
import { DECISION_OUTCOMES, DELIVERY_METHODS, REQUEST_STATUSES, REVIEW_OUTCOMES } from '../shared/src/model/request';
import { BODY_TYPES, ITEM_KINDS, MEETING_STATUSES, MEMBER_ROLES, POSTING_KINDS } from '../shared/src/model/meeting';

/** Enum values that are also ordinary Swedish words (or file types) and may stand in Swedish text. */
const ALSO_SWEDISH = new Set(['person', 'organisation', 'text', 'term', 'pdf', 'zip', '']);

const ENUM_VALUES = new Set(
  [
    'none',
    ...RESTRICTION_KINDS,
    ...CASE_STATUSES,
    ...DOCUMENT_STATUSES,
    ...DIRECTIONS,
    ...FLOW_MODES,
    ...FLOW_STATUSES,
    ...FLOW_STEP_STATUSES,
    ...FLOW_STEP_ROLES,
    ...REQUEST_STATUSES,
    ...REVIEW_OUTCOMES,
    ...DECISION_OUTCOMES,
    ...DELIVERY_METHODS,
    ...MEETING_STATUSES,
    ...BODY_TYPES,
    ...MEMBER_ROLES,
    ...ITEM_KINDS,
    ...POSTING_KINDS,
  ].filter((v) => !ALSO_SWEDISH.has(v)),
);

const CAMEL = /(?<![\p{L}\d])[a-z]+(?:[A-Z][a-z\d]+)+(?![\p{L}\d])/gu;
const SNAKE = /(?<![\p{L}\d])[a-z]+(?:_[a-z\d]+)+(?![\p{L}\d])/gu;
const JSON_TEXT = /[[{]\s*"[^"\n]*"\s*[:,\]}]|[[{]\s*\{|":\s*["[{\d]/g;
const WORD = /(?<![\p{L}\d@./-])[a-z]+(?![\p{L}\d@/-])/gu;

/** Every internal name or JSON fragment in the text, as found. */
export function internalNamesIn(text: string): string[] {
  const found = [...(text.match(CAMEL) ?? []), ...(text.match(SNAKE) ?? []), ...(text.match(JSON_TEXT) ?? [])];
  for (const word of text.match(WORD) ?? []) if (ENUM_VALUES.has(word)) found.push(word);
  return found;
}
