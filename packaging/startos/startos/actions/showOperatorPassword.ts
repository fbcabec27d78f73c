import { sdk } from '../sdk'
import { store } from '../fileModels/store.json'

export const showOperatorPassword = sdk.Action.withoutInput(
  'show-operator-password',
  async () => ({
    name: 'Show operator password',
    description: 'The password for the dashboard sign-in (set by this package; change it on the Access page and here it stops working for the actions).',
    warning: null,
    allowedStatuses: 'any',
    group: null,
    visibility: 'enabled',
  }),
  async () => ({
    version: '1',
    title: 'Operator password',
    message: 'Sign in to the dashboard with this password.',
    result: {
      type: 'single',
      value: (await store.read((s) => s.operatorPassword).once()) ?? '',
      copyable: true,
      qr: false,
      masked: true,
    },
  }),
)
