export * from './meeting-status';
