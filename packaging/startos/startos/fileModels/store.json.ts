import { FileHelper, z } from '@start9labs/start-sdk'
import { sdk } from '../sdk'

// Package state kept next to the app's data (backed up with it): the operator password the
// package hands to the app (OPERATOR_PASSWORD) and uses for the actions.
export const store = FileHelper.json(
  { base: sdk.volumes.main, subpath: 'startos-store.json' },
  z.object({ operatorPassword: z.string().catch('') }),
)
