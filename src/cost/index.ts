/** The cost model: pricing table, stack reader, capacity split and estimator. */
export * from './capacity';
export * from './errors';
export * from './estimator';
export * from './levers';
export * from './pricing';
export * from './stack-reader';
export * from './traffic';
