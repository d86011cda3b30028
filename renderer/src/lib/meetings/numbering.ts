import type { MeetingRecord } from '../../../../shared/src/model/meeting';

/** An item's number on the agenda: its § once the server fixed it (the meeting held), else its place. */
export function itemNumber(item: Pick<MeetingRecord, 'paragraph'>, index: number): string {
  return item.paragraph > 0 ? `§ ${item.paragraph}` : `${index + 1}`;
}
