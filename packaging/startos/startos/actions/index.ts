import { sdk } from '../sdk'
import { configureSparks } from './configureSparks'
import { reapplyPatches } from './reapplyPatches'
import { showOperatorPassword } from './showOperatorPassword'
import { showSshKey } from './showSshKey'

export const actions = sdk.Actions.of()
  .addAction(showSshKey)
  .addAction(configureSparks)
  .addAction(reapplyPatches)
  .addAction(showOperatorPassword)
