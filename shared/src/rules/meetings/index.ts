export * from './meeting-status';
export * from './service';
