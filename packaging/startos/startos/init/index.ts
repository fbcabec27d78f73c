import { sdk } from '../sdk'
import { setDependencies } from '../dependencies'
import { setInterfaces } from '../interfaces'
import { versionGraph } from '../install/versions'
import { actions } from '../actions'
import { restoreInit } from '../backups'
import { store } from '../fileModels/store.json'
import { randomPassword } from '../utils'

// On install: an operator password the package owns (shown by an action), so the actions can
// sign in and nobody on the LAN can claim the first-visit password prompt.
const seedPassword = sdk.setupOnInit(async (effects, kind) => {
  if (kind !== 'install') return
  const current = await store.read((s) => s.operatorPassword).once()
  if (!current) await store.write(effects, { operatorPassword: randomPassword() })
})

export const init = sdk.setupInit(restoreInit, versionGraph, setInterfaces, setDependencies, actions, seedPassword)
export const uninit = sdk.setupUninit(versionGraph)
