/** The adapters that reach beyond memory: a REST server and a static JSON file. */
export {
  createRestAdapter,
  DEFAULT_REST_TIMEOUT_MS,
  type FetchLike,
  type HeadersSource,
  type RestAdapterOptions,
} from './rest.js';
export {
  createStaticAdapter,
  DEFAULT_STATIC_TIMEOUT_MS,
  parseStaticDataset,
  PRIVATE_NEED_FIELDS,
  STATIC_DATASET_VERSION,
  StaticDatasetSchema,
  type StaticAdapterOptions,
  type StaticDataset,
} from './static.js';
