import { sdk } from '../sdk'
import { operatorApi } from '../utils'

// GET /api/ssh/public-key (docs/CLUSTER_API.md): the controller's own ed25519 key.
export const showSshKey = sdk.Action.withoutInput(
  'show-ssh-public-key',
  async () => ({
    name: 'Show SSH public key',
    description: "The controller's SSH public key: append it to ~/.ssh/authorized_keys of the SSH user on every Spark.",
    warning: null,
    allowedStatuses: 'only-running',
    group: 'Cluster',
    visibility: 'enabled',
  }),
  async () => {
    const key = (await operatorApi('GET', '/api/ssh/public-key')) as { public_key: string; fingerprint: string }
    return {
      version: '1',
      title: 'Controller SSH public key',
      message: `Fingerprint ${key.fingerprint}. On each Spark: echo '<this line>' >> ~/.ssh/authorized_keys`,
      result: { type: 'single', value: key.public_key, copyable: true, qr: false, masked: false },
    }
  },
)
