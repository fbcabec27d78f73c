import { sdk } from './sdk'
import { uiPort } from './utils'

// One interface: the dashboard and the API for LAN apps share port 9999.
export const setInterfaces = sdk.setupInterfaces(async ({ effects }) => {
  const host = sdk.MultiHost.of(effects, 'main')
  const origin = await host.bindPort(uiPort, { protocol: 'http' })
  const ui = sdk.createInterface(effects, {
    name: 'Dashboard and API',
    id: 'ui',
    description: 'The control room in the browser, and the base URL for apps (OpenAI-compatible /v1, /api, /scrub).',
    type: 'ui',
    masked: false,
    schemeOverride: null,
    username: null,
    path: '',
    query: {},
  })
  return [await origin.export([ui])]
})
