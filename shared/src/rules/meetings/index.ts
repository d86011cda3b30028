export * from './meeting-status';
export * from './service';
export * from './quorum';
export * from './votes';
export * from './paragraphs';
export * from './notice-board';
export * from './member-import';
export * from './meeting-stats';
