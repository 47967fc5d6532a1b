/** Pure disclosure-control core of the FOI extracts: no Nest, no TypeORM, no database. */
export * from './foi-errors';
export * from './policy';
export * from './vocabularies';
export * from './public-labels';
export * from './linear-determination';
export * from './suppression';
export * from './k-anonymity';
export * from './report';
export * from './output-guard';
export * from './year';
export * from './request-rules';
