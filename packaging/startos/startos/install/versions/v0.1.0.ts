import { VersionInfo } from '@start9labs/start-sdk'

// Release notes follow CHANGELOG.md at the repository root; the version is pyproject.toml's.
export const v_0_1_0_0 = VersionInfo.of({
  version: '0.1.0:0',
  releaseNotes:
    'First StartOS release: the dashboard and LAN gateway on port 9999, demo mode until Sparks are configured, actions to show the SSH key, configure the Sparks and reapply the speech patches, backups of the data directory.',
  migrations: {
    up: async () => {},
    down: async () => {},
  },
})
