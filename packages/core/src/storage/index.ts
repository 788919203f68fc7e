export { MIGRATIONS, STORE_KEY_PATHS, StorageStateEvent, openRenlingDatabase, type RenlingStoreName } from './database.js';
export type {
  Migration,
  OpenRenlingDatabaseOptions,
  RenlingDatabase,
  RenlingStore,
  RenlingTransaction,
  StorageState,
  StorageStateReason,
} from './types.js';
