import { sdk } from './sdk'
import { store } from './fileModels/store.json'
import { dataDir, uiPort } from './utils'

export const main = sdk.setupMain(async ({ effects }) => {
  const password = (await store.read((s) => s.operatorPassword).const(effects)) ?? ''
  const mounts = sdk.Mounts.of().mountVolume({ volumeId: 'main', subpath: null, mountpoint: dataDir, readonly: false })
  const subcontainer = sdk.SubContainer.of(effects, { imageId: 'main' }, mounts, 'spark-control')

  return sdk.Daemons.of(effects)
    .addOneshot('data-owner', {
      // The volume is created root-owned; the app runs as the image's unprivileged user.
      subcontainer,
      exec: { command: ['chown', '-R', 'spark:spark', dataDir], user: 'root' },
      requires: [],
    })
    .addDaemon('primary', {
      subcontainer,
      exec: {
        command: ['/opt/spark-control/bin/spark-control'],
        user: 'spark',
        env: {
          DATA_DIR: dataDir,
          BIND_HOST: '0.0.0.0',
          BIND_PORT: String(uiPort),
          // StartOS serves the UI under its .local (LAN) and .onion addresses: allow those names
          // through the controller's Host check (DNS-rebinding guard, docs/SECURITY.md).
          ALLOWED_HOSTS: '.local,.onion',
          ...(password ? { OPERATOR_PASSWORD: password } : {}),
        },
      },
      ready: {
        display: 'Web interface and API',
        // GET /health answers 200 (no sign-in) once the controller and its monitor run.
        fn: () =>
          sdk.healthCheck.checkWebUrl(effects, `http://127.0.0.1:${uiPort}/health`, {
            successMessage: 'Spark Control answers on port 9999',
            errorMessage: 'Spark Control does not answer /health',
          }),
      },
      requires: ['data-owner'],
    })
})
