export * from './errors';
export * from './types';
export * from './defaults';
export * from './load';
export * from './names';
