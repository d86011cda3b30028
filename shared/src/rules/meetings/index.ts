export * from './meeting-status';
export * from './service';
export * from './quorum';
export * from './votes';
export * from './paragraphs';
export * from './notice-board';
