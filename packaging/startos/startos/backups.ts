import { sdk } from './sdk'

// The whole DATA_DIR (SQLite databases, SSH key and pinned host keys, vault key, search index,
// the package's store). docs/INSTALL.md: backup and restore.
export const { createBackup, restoreInit } = sdk.setupBackups(async () => sdk.Backups.ofVolumes('main'))
