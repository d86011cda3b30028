/** Why an archive run stopped; the command line prints the message (English) and exits non-zero. */
export type ArchiveErrorCode =
  | 'usage'
  | 'no_data_folder'
  | 'locked'
  | 'data_folder_version'
  | 'stored_record_invalid'
  | 'unknown_case'
  | 'ambiguous_case'
  | 'not_packageable'
  | 'output_exists'
  | 'missing_blob'
  | 'xmllint_missing'
  | 'invalid_package';

export class ArchiveError extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}
