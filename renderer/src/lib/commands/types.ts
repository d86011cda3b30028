import type { Replica } from '../replica/replica';

/**
 * What a command needs of the replica: most only write records (`db`); those that also send a
 * file queue it through the replica's upload queue. Narrow types keep each command honest about
 * its side effects (and let its tests open a real memory database instead of a whole replica).
 */
export type RecordWriter = Pick<Replica, 'db'>;
export type RecordAndFileWriter = Pick<Replica, 'db' | 'uploadFile'>;
